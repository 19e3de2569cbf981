import { createHash, verify as verifyBytes, type KeyObject } from 'node:crypto';
import { inflateSync } from 'node:zlib';

/**
 * A certificate PDF (version 2) carries an Ed25519 signature over its own bytes, so anyone holding
 * the platform's public keys can tell an issued file from an edited one, without the platform.
 *
 * The renderer writes a fixed-length placeholder as the value of one entry of the document
 * information dictionary; the signature is made over the file with the placeholder in place and
 * then written over it, same length, so no offset in the file moves. To check a file, put the
 * placeholder back, hash, and verify. Every other byte is covered: an edited word, an added page
 * or an appended update all change the hash.
 */
export const PDF_SIGNATURE_INFO_KEY = 'BoiDuongSignature';
/** Room for `<key id: 32 hex>.<Ed25519 signature: 86 base64url>` and a longer key id format later. */
export const PDF_SIGNATURE_LENGTH = 160;
/** Starts the value, so the string is found wherever pdfkit writes it (an object of its own). */
const PREFIX = 'BDSIG1:';
const MARKER = Buffer.from(`(${PREFIX}`, 'latin1');
const PLACEHOLDER = '0'.repeat(PDF_SIGNATURE_LENGTH);
/** The information entry's value in an unsigned render. */
export const PDF_SIGNATURE_PLACEHOLDER = `${PREFIX}${PLACEHOLDER}`;
const SIGNATURE_FORMAT = /^([0-9a-f]{32})\.([A-Za-z0-9_-]{86})\.*$/;
/** Names what is signed, so these signatures can never be mistaken for the JWS the same key makes. */
const DOMAIN = 'boiduong-certificate-pdf/1';

/** The message the key signs: a domain label and the SHA-256 of the file with the placeholder in place. */
export function pdfSignatureMessage(unsigned: Buffer): Buffer {
  return Buffer.from(`${DOMAIN}\nsha256:${createHash('sha256').update(unsigned).digest('hex')}`, 'utf8');
}

/** Where the signature value sits: one marker exactly, followed by the fixed-length value and `)`. */
function signatureOffset(pdf: Buffer): number | null {
  const first = pdf.indexOf(MARKER);
  if (first < 0) return null;
  if (pdf.indexOf(MARKER, first + 1) >= 0) return -1;
  const start = first + MARKER.length;
  if (start + PDF_SIGNATURE_LENGTH >= pdf.length || pdf[start + PDF_SIGNATURE_LENGTH] !== 0x29) return -1;
  return start;
}

/** Writes `<kid>.<signature>` over the placeholder of an unsigned render. */
export function applyPdfSignature(unsigned: Buffer, signature: string): Buffer {
  const at = signatureOffset(unsigned);
  if (at === null || at < 0) throw new Error('the PDF has no signature placeholder');
  if (unsigned.toString('latin1', at, at + PDF_SIGNATURE_LENGTH) !== PLACEHOLDER)
    throw new Error('the PDF is already signed');
  if (!SIGNATURE_FORMAT.test(signature) || signature.length > PDF_SIGNATURE_LENGTH)
    throw new Error('malformed PDF signature');
  const out = Buffer.from(unsigned);
  out.write(signature.padEnd(PDF_SIGNATURE_LENGTH, '.'), at, 'latin1');
  return out;
}

export type PdfSignatureCheck =
  | { status: 'valid'; kid: string }
  /** No signature entry: a certificate of the first PDF version (or not one of ours). */
  | { status: 'unsigned' }
  | { status: 'malformed' }
  | { status: 'unknown_key'; kid: string }
  | { status: 'bad_signature'; kid: string };

/** Checks a PDF's own signature with the public key its key id names (undefined: not known). */
export async function checkPdfSignature(
  pdf: Buffer,
  publicKey: (kid: string) => Promise<KeyObject | undefined> | KeyObject | undefined,
): Promise<PdfSignatureCheck> {
  const at = signatureOffset(pdf);
  if (at === null) return { status: 'unsigned' };
  if (at < 0) return { status: 'malformed' };
  const match = SIGNATURE_FORMAT.exec(pdf.toString('latin1', at, at + PDF_SIGNATURE_LENGTH));
  if (!match) return { status: 'malformed' };
  const [, kid, signature] = match;
  const key = await publicKey(kid);
  if (!key) return { status: 'unknown_key', kid };
  const unsigned = Buffer.from(pdf);
  unsigned.write(PLACEHOLDER, at, 'latin1');
  let valid = false;
  try {
    valid = verifyBytes(null, pdfSignatureMessage(unsigned), key, Buffer.from(signature, 'base64url'));
  } catch {
    valid = false;
  }
  return valid ? { status: 'valid', kid } : { status: 'bad_signature', kid };
}

/**
 * The file attached to a PDF as an embedded file (the certificate's credential), inflated. Meant
 * for files whose signature was checked first: it reads the structure the renderer writes (one
 * `/Type /EmbeddedFile` stream with its `/Length`), not any PDF.
 */
export function embeddedFile(pdf: Buffer): Buffer | null {
  const type = pdf.indexOf('/Type /EmbeddedFile');
  if (type < 0) return null;
  const streamAt = pdf.indexOf('stream\n', type);
  const objStart = pdf.lastIndexOf(' obj', type);
  if (streamAt < 0 || objStart < 0) return null;
  const dictionary = pdf.toString('latin1', objStart, streamAt);
  const length = /\/Length (\d+)/.exec(dictionary);
  if (!length) return null;
  const start = streamAt + 'stream\n'.length;
  const data = pdf.subarray(start, start + Number(length[1]));
  if (data.length !== Number(length[1])) return null;
  try {
    return /\/Filter \/FlateDecode/.test(dictionary)
      ? inflateSync(data, { maxOutputLength: 1_048_576 })
      : Buffer.from(data);
  } catch {
    return null;
  }
}
