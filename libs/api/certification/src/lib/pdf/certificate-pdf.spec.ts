import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { logoPng, sealPng, signatureJpeg, signaturePng } from '../testing/images';
import { renderCertificatePdf, renderSignableCertificatePdf, type CertificatePdfExtras } from './certificate-pdf';
import { prepareImage } from './pdf-images';
import { embeddedFile } from './pdf-signature';
import { printedLines, type PrintedFields } from './printed-fields';

const FIELDS: PrintedFields = {
  code: 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde',
  certificateName: 'CHỨNG CHỈ BỒI DƯỠNG',
  issuerName: 'Thành đoàn Hà Nội',
  holderName: 'Nguyễn Thị Ánh Tuyết',
  holderDateOfBirth: '1998-03-07',
  programCode: 'BT-XA',
  programName: 'Bồi dưỡng Bí thư Đoàn xã, phường, đặc khu',
  courseStartsOn: '2026-03-02',
  courseEndsOn: '2026-03-11',
  result: 'Đạt (8,5 điểm)',
  issuedPlace: 'Hà Nội',
  issuedOn: '2026-03-20',
  signerName: 'Trần Quốc Việt',
  signerTitle: 'PHÓ BÍ THƯ THÀNH ĐOÀN',
  serialNumber: 'HNI-2026-000042',
  entryNumber: 42,
  year: 2026,
};
const VERIFY_URL = `http://localhost:3000/verify/${FIELDS.code}`;

/** pdftotext output with whitespace runs (line breaks inside wrapped text) collapsed. */
function textOf(pdf: Buffer, dir: string): string {
  const file = join(dir, 'c.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

/** `pdfimages -list`: one row per image XObject (type image or smask, size, encoding), as poppler reads the file. */
function imagesOf(pdf: Buffer, dir: string): Array<{ type: string; width: number; height: number; enc: string }> {
  const file = join(dir, 'i.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => l.trim().split(/\s+/))
    .map((c) => ({ type: c[2], width: Number(c[3]), height: Number(c[4]), enc: c[8] }));
}

/** Where each named image is drawn, in drawing order, read from the page's content stream (pdfkit's top-down coordinates). */
function placements(pdf: Buffer): Array<{ name: string; x: number; y: number; w: number; h: number }> {
  const text = pdf.toString('latin1');
  const found: Array<{ name: string; x: number; y: number; w: number; h: number }> = [];
  for (const m of text.matchAll(/\/Length (\d+)\n\/Filter \/FlateDecode\n>>\nstream\n/g)) {
    const start = (m.index ?? 0) + m[0].length;
    let content: string;
    try {
      content = inflateSync(pdf.subarray(start, start + Number(m[1]))).toString('latin1');
    } catch {
      continue;
    }
    for (const d of content.matchAll(/([-\d.]+) 0 0 ([-\d.]+) ([-\d.]+) ([-\d.]+) cm\n\/(\w+) Do/g)) {
      const [w, h, x, y] = [Number(d[1]), Number(d[2]), Number(d[3]), Number(d[4])];
      // pdfkit flips each image (negative height) from its top-left corner.
      found.push({ name: d[5], x, y: h < 0 ? y + h : y, w, h: Math.abs(h) });
    }
  }
  return found;
}

const overlap = (
  a: { x: number; y: number; w: number; h: number },
  b: { x: number; y: number; w: number; h: number },
) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

function qrOf(pdf: Buffer, dir: string): string {
  const file = join(dir, 'q.pdf');
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', file, join(dir, 'page')]);
  return execFileSync('zbarimg', ['--quiet', '--raw', join(dir, 'page.png')], { encoding: 'utf8' }).trim();
}

describe('renderCertificatePdf', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'cert-pdf-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is one A4 landscape page with an embedded Be Vietnam Pro font and no built-in font', async () => {
    const pdf = await renderCertificatePdf(FIELDS, VERIFY_URL);
    const file = join(dir, 'f.pdf');
    writeFileSync(file, pdf);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+1/);
    expect(info).toMatch(/Page size:\s+841\.89 x 595\.28/);
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toContain('BeVietnamPro');
    expect(fonts).not.toMatch(/Helvetica|Times/);
  });

  it('prints every field exactly, diacritics included', async () => {
    const text = textOf(await renderCertificatePdf(FIELDS, VERIFY_URL), dir);
    for (const [name, line] of Object.entries(printedLines(FIELDS))) {
      expect({ name, found: text.includes(line) }).toEqual({ name, found: true });
    }
    expect(text).toContain('Ngày sinh: 07/03/1998');
    expect(text).toContain('Hà Nội, ngày 20 tháng 03 năm 2026');
    expect(text).toContain('Số vào sổ cấp chứng chỉ: 42/2026');
  });

  it('prints decomposed (NFD) input as the composed text', async () => {
    const nfd = Object.fromEntries(
      Object.entries(FIELDS).map(([k, v]) => [k, typeof v === 'string' ? v.normalize('NFD') : v]),
    ) as unknown as PrintedFields;
    expect(nfd.holderName).not.toBe(FIELDS.holderName);
    const text = textOf(await renderCertificatePdf(nfd, VERIFY_URL), dir);
    for (const line of Object.values(printedLines(FIELDS))) expect(text).toContain(line);
  });

  it('carries a QR code that decodes to the verify URL', async () => {
    expect(qrOf(await renderCertificatePdf(FIELDS, VERIFY_URL), dir)).toBe(VERIFY_URL);
  });

  it('leaves the result line out when there is no result', async () => {
    const text = textOf(await renderCertificatePdf({ ...FIELDS, result: null }, VERIFY_URL), dir);
    expect(text).not.toContain('Kết quả');
  });

  it('still gives, byte for byte, the file certificates were issued with before artwork existed', async () => {
    // Their SHA-256 is recorded and shown on the verify page: a change here (pdfkit, the font
    // package, zlib) disowns every certificate issued so far. Re-record the hashes before accepting it.
    const pdf = await renderCertificatePdf(FIELDS, VERIFY_URL);
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(
      '38e6e6a04eeb1612f3106ef591f600c872dcc3f44988aaef8c99a686bada0798',
    );
    expect(imagesOf(pdf, dir).map((i) => i.type)).toEqual(['image', 'smask']);
  });
});

describe('renderSignableCertificatePdf (version 2)', () => {
  let dir: string;
  const credential = { fileName: 'HNI-2026-000042.credential.json', json: '{\n  "jwt": "e.y.j"\n}\n' };
  const extras = (artwork: CertificatePdfExtras['artwork'] = {}): CertificatePdfExtras => ({ artwork, credential });
  /** The QR code as version 1 embeds it (its size depends on the URL's length). */
  let qr: { type: string; width: number; height: number; enc: string };
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cert-pdf2-'));
    qr = imagesOf(await renderCertificatePdf(FIELDS, VERIFY_URL), dir)[0];
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('without artwork: the same printed fields and QR code, one image (the QR code), the credential attached', async () => {
    const pdf = await renderSignableCertificatePdf(FIELDS, VERIFY_URL, extras());
    const text = textOf(pdf, dir);
    for (const line of Object.values(printedLines(FIELDS))) expect(text).toContain(line);
    expect(qrOf(pdf, dir)).toBe(VERIFY_URL);
    expect(imagesOf(pdf, dir)).toEqual([qr]);
    expect(embeddedFile(pdf)?.toString('utf8')).toBe(credential.json);
    const file = join(dir, 'a.pdf');
    writeFileSync(file, pdf);
    expect(execFileSync('pdfdetach', ['-list', file], { encoding: 'utf8' })).toContain(
      'HNI-2026-000042.credential.json',
    );
  });

  it('draws the logo, the signature and the seal with their transparency, as image XObjects beside the QR code', async () => {
    const pdf = await renderSignableCertificatePdf(
      FIELDS,
      VERIFY_URL,
      extras({ logo: prepareImage(logoPng()), signature: prepareImage(signaturePng()), seal: prepareImage(sealPng()) }),
    );
    expect(imagesOf(pdf, dir)).toEqual([
      { type: 'image', width: 96, height: 96, enc: 'image' },
      { type: 'image', width: 240, height: 80, enc: 'image' },
      { type: 'smask', width: 240, height: 80, enc: 'image' },
      { type: 'image', width: 160, height: 160, enc: 'image' },
      { type: 'smask', width: 160, height: 160, enc: 'image' },
      qr,
    ]);
    // Every printed line is still there and the QR code still decodes over the new images.
    const text = textOf(pdf, dir);
    for (const line of Object.values(printedLines(FIELDS))) expect(text).toContain(line);
    expect(qrOf(pdf, dir)).toBe(VERIFY_URL);
  });

  it('puts the logo in the header above the issuer, and stamps the seal over the left of the signature, after it', async () => {
    const pdf = await renderSignableCertificatePdf(
      FIELDS,
      VERIFY_URL,
      extras({ logo: prepareImage(logoPng()), signature: prepareImage(signaturePng()), seal: prepareImage(sealPng()) }),
    );
    const drawn = placements(pdf);
    expect(drawn.map((d) => d.name)).toEqual(['BdLogo', 'BdSignature', 'BdSeal', 'BdQr']);
    const [logo, signature, seal] = drawn;
    expect(logo.y).toBeLessThan(100);
    expect(logo.x + logo.w).toBeLessThan(841.89 / 2);
    // Right half, above the signer's name (printed at 110 pt under the place-and-date line).
    expect(signature.x).toBeGreaterThan(841.89 / 2);
    expect(signature.y + signature.h).toBeLessThanOrEqual(595.28 - 200 + 110);
    expect(overlap(seal, signature)).toBe(true);
    expect(seal.x).toBeLessThan(signature.x);
    expect(seal.x + seal.w).toBeLessThan(signature.x + signature.w / 2);
  });

  it('embeds a JPEG signature as it is (DCT), next to PNG artwork', async () => {
    const jpeg = await signatureJpeg();
    const pdf = await renderSignableCertificatePdf(
      FIELDS,
      VERIFY_URL,
      extras({ signature: prepareImage(jpeg), seal: prepareImage(sealPng()) }),
    );
    expect(imagesOf(pdf, dir).map((i) => `${i.type}:${i.enc}:${i.width}x${i.height}`)).toEqual([
      'image:jpeg:240x80',
      'image:image:160x160',
      'smask:image:160x160',
      `image:image:${qr.width}x${qr.height}`,
    ]);
    expect(pdf.includes(jpeg)).toBe(true);
  });

  it('gives the same bytes every time, however many transparent images it holds', async () => {
    const artwork = {
      logo: prepareImage(sealPng(30)),
      signature: prepareImage(signaturePng()),
      seal: prepareImage(sealPng()),
    };
    const hashes = new Set<string>();
    await Promise.all(
      Array.from({ length: 6 }, async () =>
        hashes.add(
          createHash('sha256')
            .update(await renderSignableCertificatePdf(FIELDS, VERIFY_URL, extras(artwork)))
            .digest('hex'),
        ),
      ),
    );
    expect(hashes.size).toBe(1);
  });
});
