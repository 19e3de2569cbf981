import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { PNG } from 'pngjs';

/**
 * Images for this library's tests (not exported): drawn pixel by pixel, so each test knows exactly
 * what it uploads. Not used by production code.
 */
export function testPng(
  width: number,
  height: number,
  paint: (x: number, y: number) => [number, number, number, number],
): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b, a] = paint(x, y);
      const i = (y * width + x) * 4;
      png.data[i] = r;
      png.data[i + 1] = g;
      png.data[i + 2] = b;
      png.data[i + 3] = a;
    }
  }
  return PNG.sync.write(png);
}

/** An opaque logo: a blue square with a yellow star-like cross; `shade` makes another version. */
export function logoPng(shade = 0): Buffer {
  return testPng(96, 96, (x, y) =>
    Math.abs(x - 48) < 8 || Math.abs(y - 48) < 8 ? [250, 210, 20 + shade, 255] : [20, 60 + shade, 160, 255],
  );
}

/** A round red seal on a transparent background (ring, inner ring, a star-ish centre). */
export function sealPng(shade = 0): Buffer {
  return testPng(160, 160, (x, y) => {
    const d = Math.hypot(x - 80, y - 80);
    const ink = (d > 70 && d < 78) || (d > 52 && d < 56) || d < 18;
    return ink ? [200, 16 + shade, 24, 235] : [0, 0, 0, 0];
  });
}

/** A pen stroke on a transparent background. */
export function signaturePng(shade = 0): Buffer {
  return testPng(240, 80, (x, y) =>
    Math.abs(y - 40 - 22 * Math.sin(x / 18)) < 2.5 ? [20, 30, 120 + shade, 255] : [255, 255, 255, 0],
  );
}

/** A real JPEG (a signature on white), encoded by poppler from a tiny PDF; `progressive` as a camera might. */
export async function signatureJpeg(options: { progressive?: boolean } = {}): Promise<Buffer> {
  const doc = new PDFDocument({ size: [240, 80], margin: 0 });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.lineWidth(3).moveTo(10, 60).bezierCurveTo(60, 0, 120, 80, 230, 20).stroke('#1a237e');
  doc.end();
  const dir = mkdtempSync(join(tmpdir(), 'cert-jpeg-'));
  try {
    writeFileSync(join(dir, 's.pdf'), await done);
    execFileSync('pdftoppm', [
      '-jpeg',
      '-r',
      '72',
      ...(options.progressive ? ['-jpegopt', 'progressive=y'] : []),
      '-singlefile',
      join(dir, 's.pdf'),
      join(dir, 's'),
    ]);
    return readFileSync(join(dir, 's.jpg'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
