import { deflateSync } from 'node:zlib';
import { logoPng, sealPng, signatureJpeg, signaturePng, testPng } from '../testing/images';
import { ImageDimensionsRefused, ImageUnreadable, inspectImage, prepareImage } from './pdf-images';

/** A PNG whose header claims `width` x `height` but whose data is a few bytes: never decoded. */
function pngClaiming(width: number, height: number): Buffer {
  const real = testPng(16, 16, () => [0, 0, 0, 255]);
  const out = Buffer.from(real);
  out.writeUInt32BE(width, 16);
  out.writeUInt32BE(height, 20);
  return out;
}

describe('inspectImage', () => {
  it('reads the size of a PNG, with or without transparency, and of baseline and progressive JPEGs', async () => {
    expect(inspectImage(logoPng())).toEqual({ contentType: 'image/png', width: 96, height: 96 });
    expect(inspectImage(sealPng())).toEqual({ contentType: 'image/png', width: 160, height: 160 });
    expect(inspectImage(await signatureJpeg())).toEqual({ contentType: 'image/jpeg', width: 240, height: 80 });
    expect(inspectImage(await signatureJpeg({ progressive: true }))).toEqual({
      contentType: 'image/jpeg',
      width: 240,
      height: 80,
    });
  });

  it('refuses a truncated PNG, a PNG with a damaged chunk and text renamed to .png as unreadable', () => {
    const seal = sealPng();
    expect(() => inspectImage(seal.subarray(0, seal.length - 40))).toThrow(ImageUnreadable);
    const damaged = Buffer.from(seal);
    damaged[60] ^= 0xff;
    expect(() => inspectImage(damaged)).toThrow(ImageUnreadable);
    expect(() => inspectImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toThrow(ImageUnreadable);
  });

  it('refuses a truncated JPEG (no end-of-image marker) and one cut inside its headers', async () => {
    const jpeg = await signatureJpeg();
    expect(() => inspectImage(jpeg.subarray(0, jpeg.length - 200))).toThrow(ImageUnreadable);
    expect(() => inspectImage(jpeg.subarray(0, 30))).toThrow(ImageUnreadable);
  });

  it('refuses sides under 16 or over 4000 pixels, from the header alone (a huge declared size is never decoded)', () => {
    const tiny = testPng(8, 40, () => [0, 0, 0, 255]);
    expect(() => inspectImage(tiny)).toThrow(ImageDimensionsRefused);
    const started = Date.now();
    try {
      inspectImage(pngClaiming(100_000, 100_000));
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ImageDimensionsRefused);
      expect(error).toMatchObject({ width: 100_000, height: 100_000 });
    }
    expect(Date.now() - started).toBeLessThan(1000);
    expect(inspectImage(testPng(4000, 16, () => [1, 2, 3, 255]))).toMatchObject({ width: 4000, height: 16 });
  });

  it('refuses an interlaced PNG whose data inflates far beyond its declared size', () => {
    // Header: 64x64 RGBA, interlaced; one IDAT of 8 MB of zeros compressed to a few kB.
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(64, 0);
    ihdr.writeUInt32BE(64, 4);
    ihdr[8] = 8;
    ihdr[9] = 6;
    ihdr[12] = 1;
    const chunk = (type: string, data: Buffer) => {
      const head = Buffer.alloc(8);
      head.writeUInt32BE(data.length, 0);
      head.write(type, 4, 'latin1');
      return Buffer.concat([head, data, Buffer.alloc(4)]);
    };
    const bomb = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateSync(Buffer.alloc(8 * 1024 * 1024))),
      chunk('IEND', Buffer.alloc(0)),
    ]);
    expect(() => inspectImage(bomb)).toThrow(/inflate within/);
  });
});

describe('prepareImage', () => {
  it('gives the same buffers for the same bytes, and a soft mask only to images with transparency', () => {
    const a = prepareImage(sealPng());
    const b = prepareImage(sealPng());
    expect(a).toEqual(b);
    expect(a).toMatchObject({ format: 'raster', width: 160, height: 160 });
    expect(a.format === 'raster' && a.alpha).toBeTruthy();
    const logo = prepareImage(logoPng());
    expect(logo.format === 'raster' && logo.alpha).toBeNull();
    expect(prepareImage(signaturePng())).toMatchObject({ format: 'raster', width: 240, height: 80 });
  });

  it('keeps a JPEG as it is', async () => {
    const jpeg = await signatureJpeg();
    expect(prepareImage(jpeg)).toEqual({ format: 'jpeg', width: 240, height: 80, data: jpeg });
  });
});
