import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { normalizeFields, printedLines, type PrintedFields } from './printed-fields';

// Resolved from the working directory rather than this file: the api is a webpack bundle whose
// node_modules stay external, so the fonts are found where the packages are installed.
const fontRequire = createRequire(join(process.cwd(), 'package.json'));
const font = (file: string) => readFileSync(fontRequire.resolve(`@expo-google-fonts/be-vietnam-pro/${file}`));
// Read once per process: every certificate embeds (a subset of) the same three faces.
export const FONT_REGULAR = font('400Regular/BeVietnamPro_400Regular.ttf');
export const FONT_BOLD = font('700Bold/BeVietnamPro_700Bold.ttf');
const FONT_ITALIC = font('400Regular_Italic/BeVietnamPro_400Regular_Italic.ttf');

/**
 * Renders the certificate on A4 landscape with an embedded Vietnamese font (never a built-in
 * PDF font, which garbles diacritics) and a QR code to the public verify page.
 */
export async function renderCertificatePdf(input: PrintedFields, verifyUrl: string): Promise<Buffer> {
  const f = normalizeFields(input);
  const lines = printedLines(f);
  const qr = await QRCode.toBuffer(verifyUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 1, scale: 4 });
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 40,
    info: { Title: `${f.certificateName} ${f.serialNumber}`, Author: f.issuerName, CreationDate: new Date(`${f.issuedOn}T00:00:00Z`) },
  });
  doc.registerFont('regular', FONT_REGULAR);
  doc.registerFont('bold', FONT_BOLD);
  doc.registerFont('italic', FONT_ITALIC);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const W = doc.page.width;
  const H = doc.page.height;
  doc.lineWidth(2).rect(20, 20, W - 40, H - 40).stroke('#8a1c1c');
  doc.lineWidth(0.7).rect(26, 26, W - 52, H - 52).stroke('#8a1c1c');
  doc.fillColor('#000000');

  const colW = (W - 100) / 2;
  // Header: the issuing body on the left, the national motto on the right, as official documents do.
  doc.font('bold').fontSize(12).text(lines.issuer, 50, 50, { width: colW - 40, align: 'center' });
  doc.font('bold').fontSize(12).text(lines.motto1, 50 + colW, 50, { width: colW, align: 'center' });
  doc.font('bold').fontSize(12).text(lines.motto2, 50 + colW, doc.y + 2, { width: colW, align: 'center' });

  doc.font('bold').fontSize(26).fillColor('#8a1c1c').text(lines.title, 50, 140, { width: W - 100, align: 'center' });
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
  doc.font('italic').fontSize(12).text(lines.placeAndDate, 50 + colW, footY, { width: colW, align: 'center' });
  doc.font('bold').fontSize(12).text(lines.signerTitle, 50 + colW, doc.y + 4, { width: colW, align: 'center' });
  doc.font('bold').fontSize(13).text(lines.signerName, 50 + colW, footY + 110, { width: colW, align: 'center' });

  doc.image(qr, 60, footY - 10, { width: 100 });
  doc.font('regular').fontSize(11);
  doc.text(lines.serial, 170, footY + 10, { width: colW - 130 });
  doc.text(lines.registry, 170, doc.y + 4, { width: colW - 130 });
  doc.font('regular').fontSize(8).text(verifyUrl, 60, footY + 95, { width: colW - 20 });

  doc.end();
  return done;
}
