import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { PDF_SIGNATURE_INFO_KEY, PDF_SIGNATURE_PLACEHOLDER } from './pdf-signature';
import { prepareGraphic, type PreparedImage } from './pdf-images';
import { normalizeFields, printedLines, type PrintedFields, type PrintedLines } from './printed-fields';

// Resolved from the working directory rather than this file: the api is a webpack bundle whose
// node_modules stay external, so the fonts are found where the packages are installed.
const fontRequire = createRequire(join(process.cwd(), 'package.json'));
const font = (file: string) => readFileSync(fontRequire.resolve(`@expo-google-fonts/be-vietnam-pro/${file}`));
// Read once per process: every certificate embeds (a subset of) the same three faces.
export const FONT_REGULAR = font('400Regular/BeVietnamPro_400Regular.ttf');
export const FONT_BOLD = font('700Bold/BeVietnamPro_700Bold.ttf');
const FONT_ITALIC = font('400Regular_Italic/BeVietnamPro_400Regular_Italic.ttf');

/** The images a unit had printed on a certificate; any may be missing. */
export interface CertificateArtwork {
  logo?: PreparedImage;
  signature?: PreparedImage;
  seal?: PreparedImage;
}

/** What a version-2 certificate PDF carries besides its printed fields. */
export interface CertificatePdfExtras {
  artwork: CertificateArtwork;
  /** The certificate's verifiable credential (`{jwt, credential}`), attached so the file carries it. */
  credential: { fileName: string; json: string };
}

type Doc = InstanceType<typeof PDFDocument>;
/** Draws the QR code of the verify URL in the box the layout gives it. */
type DrawQr = (doc: Doc, x: number, y: number, width: number) => void;

const qrPng = (verifyUrl: string) =>
  QRCode.toBuffer(verifyUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 1, scale: 4 });

/**
 * Version 1: the certificate as first issued, A4 landscape with an embedded Vietnamese font (never
 * a built-in PDF font, which garbles diacritics) and a QR code to the public verify page. Kept
 * exactly as it was, call for call: certificates issued with it have their file's hash recorded,
 * and every later download must give that same file.
 */
export async function renderCertificatePdf(input: PrintedFields, verifyUrl: string): Promise<Buffer> {
  const f = normalizeFields(input);
  const qr = await qrPng(verifyUrl);
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 40,
    info: {
      Title: `${f.certificateName} ${f.serialNumber}`,
      Author: f.issuerName,
      CreationDate: new Date(`${f.issuedOn}T00:00:00Z`),
    },
  });
  const done = collect(doc);
  drawCertificate(doc, f, verifyUrl, (d, x, y, width) => d.image(qr, x, y, { width }), {});
  doc.end();
  return done;
}

/**
 * Version 2, unsigned: the same page with the unit's artwork (logo in the header, signature above
 * the signer's name, seal stamped over the signature), the verifiable credential attached, and a
 * fixed-length placeholder in the document information where `applyPdfSignature` writes the
 * Ed25519 signature over everything else. Deterministic: the same inputs give the same bytes.
 */
export async function renderSignableCertificatePdf(
  input: PrintedFields,
  verifyUrl: string,
  extras: CertificatePdfExtras,
): Promise<Buffer> {
  const f = normalizeFields(input);
  const qr = prepareGraphic(await qrPng(verifyUrl));
  const issuedAt = new Date(`${f.issuedOn}T00:00:00Z`);
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 40,
    // Soft masks (transparent PNGs) and associated files are PDF 1.4+ features.
    pdfVersion: '1.7',
    info: {
      Title: `${f.certificateName} ${f.serialNumber}`,
      Author: f.issuerName,
      CreationDate: issuedAt,
      // pdfkit types the information dictionary's keys; a custom key is allowed by the format.
      ...({ [PDF_SIGNATURE_INFO_KEY]: PDF_SIGNATURE_PLACEHOLDER } as object),
    },
  });
  const done = collect(doc);
  drawCertificate(doc, f, verifyUrl, (d, x, y, width) => drawPrepared(d, qr, 'BdQr', x, y, { width }), extras.artwork);
  doc.file(Buffer.from(extras.credential.json, 'utf8'), {
    name: extras.credential.fileName,
    type: 'application/json',
    description: 'Chứng chỉ số (Open Badges 3.0) / Verifiable credential (Open Badges 3.0)',
    creationDate: issuedAt,
    modifiedDate: issuedAt,
  });
  doc.end();
  return done;
}

function collect(doc: Doc): Promise<Buffer> {
  doc.registerFont('regular', FONT_REGULAR);
  doc.registerFont('bold', FONT_BOLD);
  doc.registerFont('italic', FONT_ITALIC);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

/** The layout shared by both versions; without artwork it makes exactly version 1's drawing calls. */
function drawCertificate(
  doc: Doc,
  f: PrintedFields,
  verifyUrl: string,
  drawQr: DrawQr,
  artwork: CertificateArtwork,
): void {
  const lines: PrintedLines = printedLines(f);
  const W = doc.page.width;
  const H = doc.page.height;
  doc
    .lineWidth(2)
    .rect(20, 20, W - 40, H - 40)
    .stroke('#8a1c1c');
  doc
    .lineWidth(0.7)
    .rect(26, 26, W - 52, H - 52)
    .stroke('#8a1c1c');
  doc.fillColor('#000000');

  const colW = (W - 100) / 2;
  // Header: the issuing body on the left (under its logo when it has one), the national motto on
  // the right, as official documents do.
  let issuerY = 50;
  if (artwork.logo) {
    drawPrepared(doc, artwork.logo, 'BdLogo', 50, 34, { fit: [colW - 40, 58], align: 'center', valign: 'center' });
    issuerY = 98;
  }
  doc
    .font('bold')
    .fontSize(12)
    .text(lines.issuer, 50, issuerY, { width: colW - 40, align: 'center' });
  doc
    .font('bold')
    .fontSize(12)
    .text(lines.motto1, 50 + colW, 50, { width: colW, align: 'center' });
  doc
    .font('bold')
    .fontSize(12)
    .text(lines.motto2, 50 + colW, doc.y + 2, { width: colW, align: 'center' });

  doc
    .font('bold')
    .fontSize(26)
    .fillColor('#8a1c1c')
    .text(lines.title, 50, 140, { width: W - 100, align: 'center' });
  doc.fillColor('#000000');
  const bodyX = 120;
  const bodyW = W - 240;
  doc.font('bold').fontSize(16).text(lines.holder, bodyX, 200, { width: bodyW });
  doc.font('regular').fontSize(13);
  doc.text(lines.dateOfBirth, bodyX, doc.y + 4, { width: bodyW });
  doc.text(lines.program, bodyX, doc.y + 4, { width: bodyW });
  doc.text(lines.courseDates, bodyX, doc.y + 4, { width: bodyW });
  if (lines.result) doc.text(lines.result, bodyX, doc.y + 4, { width: bodyW });

  // Footer: numbers and QR on the left, place-date and signature block on the right.
  const footY = H - 200;
  doc
    .font('italic')
    .fontSize(12)
    .text(lines.placeAndDate, 50 + colW, footY, { width: colW, align: 'center' });
  doc
    .font('bold')
    .fontSize(12)
    .text(lines.signerTitle, 50 + colW, doc.y + 4, { width: colW, align: 'center' });
  doc
    .font('bold')
    .fontSize(13)
    .text(lines.signerName, 50 + colW, footY + 110, { width: colW, align: 'center' });
  // The signature sits between the signer's title and name; the seal is stamped over its left
  // part, the way Vietnamese official documents are sealed, so it is drawn last (on top).
  const signatureBox = { x: 50 + colW + colW / 2 - 85, y: footY + 50, w: 170, h: 56 };
  if (artwork.signature) {
    drawPrepared(doc, artwork.signature, 'BdSignature', signatureBox.x, signatureBox.y, {
      fit: [signatureBox.w, signatureBox.h],
      align: 'center',
      valign: 'center',
    });
  }
  if (artwork.seal) {
    // About a third of the signature under the seal; clear of the signer's printed name.
    const side = 84;
    drawPrepared(doc, artwork.seal, 'BdSeal', signatureBox.x + 28 - side / 2, signatureBox.y + 22 - side / 2, {
      fit: [side, side],
      align: 'center',
      valign: 'center',
    });
  }

  drawQr(doc, 60, footY - 10, 100);
  doc.font('regular').fontSize(11);
  doc.text(lines.serial, 170, footY + 10, { width: colW - 130 });
  doc.text(lines.registry, 170, doc.y + 4, { width: colW - 130 });
  doc
    .font('regular')
    .fontSize(8)
    .text(verifyUrl, 60, footY + 95, { width: colW - 20 });
}

interface DrawOptions {
  width?: number;
  fit?: [number, number];
  align?: 'center';
  valign?: 'center';
}

/**
 * Writes a prepared image as an image XObject (with its soft mask when it has transparency) and
 * draws it. The objects are written at once, in drawing order: nothing is left to finish later.
 */
function drawPrepared(doc: Doc, image: PreparedImage, label: string, x: number, y: number, options: DrawOptions): void {
  if (image.format === 'jpeg') {
    // pdfkit reads the JPEG's header (and EXIF orientation) and embeds it synchronously.
    doc.image(image.data, x, y, options);
    return;
  }
  let smask: ReturnType<Doc['ref']> | undefined;
  if (image.alpha) {
    smask = doc.ref({
      Type: 'XObject',
      Subtype: 'Image',
      Width: image.width,
      Height: image.height,
      BitsPerComponent: 8,
      ColorSpace: 'DeviceGray',
      Filter: 'FlateDecode',
    });
    smask.end(image.alpha);
  }
  const obj = doc.ref({
    Type: 'XObject',
    Subtype: 'Image',
    Width: image.width,
    Height: image.height,
    BitsPerComponent: 8,
    ColorSpace: 'DeviceRGB',
    Filter: 'FlateDecode',
    ...(smask ? { SMask: smask } : {}),
  });
  obj.end(image.rgb);
  // pdfkit draws any object with a size, a label and its XObject as an image it already embedded.
  const embedded = { width: image.width, height: image.height, label, obj, orientation: 1, embed: () => undefined };
  doc.image(embedded as unknown as Buffer, x, y, options);
}
