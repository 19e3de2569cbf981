import { deflateSync, inflateSync } from 'node:zlib';
import { ARTWORK_MAX_SIDE_PIXELS, ARTWORK_MIN_SIDE_PIXELS } from '@boiduong/shared-contracts';
import { PNG } from 'pngjs';

/** The bytes are not a PNG or JPEG that decodes (truncated, corrupt, or another format renamed). */
export class ImageUnreadable extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'ImageUnreadable';
  }
}

/** The image decodes, but a side is outside what a certificate can print. */
export class ImageDimensionsRefused extends Error {
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    super(`image of ${width}x${height} pixels`);
    this.name = 'ImageDimensionsRefused';
  }
}

export interface ImageInfo {
  contentType: 'image/png' | 'image/jpeg';
  width: number;
  height: number;
}

/**
 * An image ready to be written into a PDF. PNGs are decoded here, synchronously, into deflated
 * RGB samples and an optional alpha mask: pdfkit decodes PNGs with alpha asynchronously, so with
 * several of them on a page the order (and offsets) of the written objects would depend on which
 * decode finished first, and the same certificate would not always give the same bytes.
 * JPEGs go in as they are (pdfkit embeds them synchronously).
 */
export type PreparedImage =
  | { format: 'raster'; width: number; height: number; rgb: Buffer; alpha: Buffer | null }
  | { format: 'jpeg'; width: number; height: number; data: Buffer };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Samples per pixel of each PNG colour type (grey, RGB, palette, grey+alpha, RGBA). */
const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
/** Frame markers PDF's DCTDecode reads: baseline, extended sequential and progressive Huffman. */
const JPEG_FRAMES = new Set([0xc0, 0xc1, 0xc2]);
/** Other frame types (lossless, arithmetic coding, hierarchical): valid JPEG, but not printable here. */
const OTHER_JPEG_FRAMES = new Set([0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function checkSides(width: number, height: number): void {
  const ok = (side: number) =>
    Number.isInteger(side) && side >= ARTWORK_MIN_SIDE_PIXELS && side <= ARTWORK_MAX_SIDE_PIXELS;
  if (!ok(width) || !ok(height)) throw new ImageDimensionsRefused(width, height);
}

/** The header of a PNG: read before anything is decoded, so a huge declared size is refused unread. */
function pngHeader(bytes: Buffer): {
  width: number;
  height: number;
  depth: number;
  colorType: number;
  interlaced: boolean;
} {
  if (bytes.length < 33 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE) || bytes.toString('latin1', 12, 16) !== 'IHDR') {
    throw new ImageUnreadable('not a PNG (no signature or header)');
  }
  const header = {
    width: bytes.readUInt32BE(16),
    height: bytes.readUInt32BE(20),
    depth: bytes[24],
    colorType: bytes[25],
    interlaced: bytes[28] === 1,
  };
  if (!(header.colorType in PNG_CHANNELS) || ![1, 2, 4, 8, 16].includes(header.depth))
    throw new ImageUnreadable('unsupported PNG colour type or depth');
  return header;
}

/**
 * An interlaced PNG's pixel data is inflated without a bound by the decoder: inflate it once here
 * with one, so a small file cannot expand into gigabytes.
 */
function boundInterlacedInflate(bytes: Buffer, header: ReturnType<typeof pngHeader>): void {
  const parts: Buffer[] = [];
  for (let pos = 8; pos + 8 <= bytes.length;) {
    const length = bytes.readUInt32BE(pos);
    const type = bytes.toString('latin1', pos + 4, pos + 8);
    if (pos + 12 + length > bytes.length) throw new ImageUnreadable('PNG chunk runs past the end of the file');
    if (type === 'IDAT') parts.push(bytes.subarray(pos + 8, pos + 8 + length));
    if (type === 'IEND') break;
    pos += 12 + length;
  }
  const rowBytes = Math.ceil((header.width * PNG_CHANNELS[header.colorType] * header.depth) / 8) + 1;
  // Seven passes add at most one filter byte and one partly used byte per row each.
  const bound = rowBytes * header.height + 14 * header.height + 1024;
  try {
    inflateSync(Buffer.concat(parts), { maxOutputLength: bound });
  } catch (error) {
    throw new ImageUnreadable(`PNG pixel data does not inflate within ${bound} bytes: ${(error as Error).message}`);
  }
}

function decodePng(bytes: Buffer): { width: number; height: number; rgba: Buffer } {
  const header = pngHeader(bytes);
  checkSides(header.width, header.height);
  if (header.interlaced) boundInterlacedInflate(bytes, header);
  try {
    // Checks every chunk's CRC, inflates (bounded by the declared size), unfilters and expands to 8-bit RGBA.
    const png = PNG.sync.read(bytes, { checkCRC: true });
    if (png.width !== header.width || png.height !== header.height || png.data.length !== png.width * png.height * 4) {
      throw new Error('decoded size differs from the header');
    }
    return { width: png.width, height: png.height, rgba: png.data };
  } catch (error) {
    throw new ImageUnreadable(`PNG does not decode: ${(error as Error).message}`);
  }
}

/**
 * Walks a JPEG's markers: the frame header (size, precision, components) before the first scan,
 * then the entropy-coded data through to the end-of-image marker, so a truncated file is refused.
 */
function jpegFrame(bytes: Buffer): { width: number; height: number } {
  const fail = (why: string): never => {
    throw new ImageUnreadable(`JPEG ${why}`);
  };
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) fail('has no start-of-image marker');
  let pos = 2;
  let frame: { width: number; height: number } | null = null;
  // Header segments, up to the first start-of-scan.
  for (;;) {
    if (pos + 4 > bytes.length) fail('ends before its first scan');
    if (bytes[pos] !== 0xff) fail(`has no marker at byte ${pos}`);
    let marker = bytes[++pos];
    while (marker === 0xff && pos + 1 < bytes.length) marker = bytes[++pos];
    pos++;
    if (marker === 0xd8 || marker === 0xd9) fail('has an image boundary before its first scan');
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) continue;
    if (pos + 2 > bytes.length) fail('ends inside a segment header');
    const length = bytes.readUInt16BE(pos);
    if (length < 2 || pos + length > bytes.length) fail('has a segment running past the end of the file');
    if (JPEG_FRAMES.has(marker)) {
      if (length < 8) fail('has a short frame header');
      const precision = bytes[pos + 2];
      const height = bytes.readUInt16BE(pos + 3);
      const width = bytes.readUInt16BE(pos + 5);
      const components = bytes[pos + 7];
      if (precision !== 8 || ![1, 3, 4].includes(components)) fail('is not 8-bit greyscale, colour or CMYK');
      if (height === 0) fail('declares its height later (DNL), which PDF readers do not support');
      frame = { width, height };
    } else if (OTHER_JPEG_FRAMES.has(marker)) {
      fail('uses a coding PDF readers do not support (lossless, arithmetic or hierarchical)');
    }
    pos += length;
    if (marker === 0xda) break;
  }
  if (!frame) fail('has no frame header before its scan');
  // Entropy-coded data: 0xFF is followed by a stuffed zero, a restart marker, fill bytes, or a
  // marker (more tables and scans of a progressive image) whose segment is skipped.
  while (pos + 1 < bytes.length) {
    if (bytes[pos] !== 0xff) {
      pos++;
      continue;
    }
    const next = bytes[pos + 1];
    if (next === 0x00 || next === 0xff || (next >= 0xd0 && next <= 0xd7)) {
      pos += next === 0xff ? 1 : 2;
      continue;
    }
    if (next === 0xd9) return frame as { width: number; height: number };
    if (pos + 4 > bytes.length) break;
    const length = bytes.readUInt16BE(pos + 2);
    if (length < 2 || pos + 2 + length > bytes.length) break;
    pos += 2 + length;
  }
  return fail('is truncated (no end-of-image marker)');
}

/** What the bytes are and how large, once proven to decode; throws ImageUnreadable or ImageDimensionsRefused. */
export function inspectImage(bytes: Buffer): ImageInfo {
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) {
    const { width, height } = decodePng(bytes);
    return { contentType: 'image/png', width, height };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    const { width, height } = jpegFrame(bytes);
    checkSides(width, height);
    return { contentType: 'image/jpeg', width, height };
  }
  throw new ImageUnreadable('neither PNG nor JPEG');
}

/**
 * Decodes an image for a PDF. Deterministic: the same bytes always give the same buffers (zlib at
 * its default level), which is what keeps re-rendered certificates byte-identical.
 */
export function prepareImage(bytes: Buffer): PreparedImage {
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    const { width, height } = jpegFrame(bytes);
    checkSides(width, height);
    return { format: 'jpeg', width, height, data: bytes };
  }
  const { width, height, rgba } = decodePng(bytes);
  return rasterOf(width, height, rgba);
}

/** A QR code (or any PNG) of any size, without the artwork's size limits. */
export function prepareGraphic(png: Buffer): PreparedImage {
  const decoded = PNG.sync.read(png);
  return rasterOf(decoded.width, decoded.height, decoded.data);
}

function rasterOf(width: number, height: number, rgba: Buffer): PreparedImage {
  const pixels = width * height;
  const rgb = Buffer.allocUnsafe(pixels * 3);
  const alpha = Buffer.allocUnsafe(pixels);
  let opaque = true;
  for (let i = 0, j = 0; i < pixels; i++, j += 4) {
    rgb[i * 3] = rgba[j];
    rgb[i * 3 + 1] = rgba[j + 1];
    rgb[i * 3 + 2] = rgba[j + 2];
    alpha[i] = rgba[j + 3];
    if (rgba[j + 3] !== 255) opaque = false;
  }
  // A fully opaque image needs no soft mask.
  return { format: 'raster', width, height, rgb: deflateSync(rgb), alpha: opaque ? null : deflateSync(alpha) };
}
