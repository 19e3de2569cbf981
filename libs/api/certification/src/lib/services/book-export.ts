import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import type { Certificate } from '../entities/certificate.entity';
import { FONT_BOLD, FONT_REGULAR } from '../pdf/certificate-pdf';
import { viDate } from '../pdf/printed-fields';

const STATUS_VI: Record<Certificate['status'], string> = { valid: 'Còn hiệu lực', revoked: 'Đã thu hồi', replaced: 'Đã cấp lại' };

const HEADERS = [
  'Số vào sổ',
  'Số hiệu',
  'Họ và tên',
  'Ngày sinh',
  'Chương trình',
  'Thời gian khóa học',
  'Kết quả',
  'Ngày cấp',
  'Người ký',
  'Chức vụ người ký',
  'Tình trạng',
  'Ghi chú (thu hồi, cấp lại, giấy chứng nhận)',
];

const title = (issuerName: string, year: number) => `SỔ CẤP CHỨNG CHỈ NĂM ${year} - ${issuerName}`;

/** One line of the book per certificate, in the columns of HEADERS: the XLSX and the PDF print the same. */
function bookRows(entries: Certificate[]): Array<Array<string | number>> {
  return entries.map((c) => {
    const notes = [
      c.revokedOn ? `Thu hồi theo QĐ ${c.revocationDecisionNumber} ngày ${viDate(c.revokedOn)} (${c.revocationReason})` : '',
      c.reissueOfId ? `Cấp lại do sai sót: ${c.reissueNote ?? ''}` : '',
      c.replacedById ? 'Đã được thay bằng chứng chỉ cấp lại' : '',
      c.completionNoticeNumber && c.completionNoticeIssuedOn
        ? `Mất chứng chỉ, cấp giấy chứng nhận hoàn thành số ${c.completionNoticeNumber} ngày ${viDate(c.completionNoticeIssuedOn)}`
        : '',
    ].filter(Boolean);
    return [
      c.entryNumber,
      c.serialNumber,
      c.holderName,
      c.holderDateOfBirth ? viDate(c.holderDateOfBirth) : '',
      c.programName,
      `${viDate(c.courseStartsOn)} - ${viDate(c.courseEndsOn)}`,
      c.result ?? '',
      viDate(c.issuedOn),
      c.signerName,
      c.signerTitle,
      STATUS_VI[c.status],
      notes.join('; '),
    ];
  });
}

/** The registry book (sổ cấp chứng chỉ) of one issuer and year as an XLSX workbook. */
export async function bookWorkbook(issuerName: string, year: number, entries: Certificate[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`So cap chung chi ${year}`);
  ws.addRow([title(issuerName, year)]);
  ws.addRow([]);
  ws.addRow(HEADERS).font = { bold: true };
  for (const row of bookRows(entries)) ws.addRow(row);
  ws.columns.forEach((col, i) => (col.width = [10, 22, 28, 12, 40, 24, 16, 12, 24, 28, 14, 50][i]));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Relative column widths of the printed book (A4 landscape). */
const PDF_WIDTHS = [5, 15, 9, 6, 11, 9, 5, 6, 8, 8, 6, 12];

/**
 * The registry book as a printable PDF (A4 landscape, the embedded Vietnamese font, the header
 * row repeated on every page, page numbers), for filing on paper beside the XLSX.
 */
export function bookPdf(issuerName: string, year: number, entries: Certificate[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 28, bufferPages: true, info: { Title: title(issuerName, year), Author: issuerName } });
  doc.registerFont('regular', FONT_REGULAR);
  doc.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = doc.page.margins.left;
  const usable = doc.page.width - left - doc.page.margins.right;
  const total = PDF_WIDTHS.reduce((a, b) => a + b, 0);
  const widths = PDF_WIDTHS.map((w) => (w / total) * usable);
  const bottom = () => doc.page.height - doc.page.margins.bottom - 16;
  /**
   * A value without spaces (a serial number, a date) is never broken at its hyphens: it is set a
   * little smaller when it would not fit, so a number reads and copies as one piece.
   */
  const sizeFor = (text: string, width: number, font: string) => {
    doc.font(font);
    let size = 7.5;
    if (!/\s/.test(text)) while (size > 5 && doc.fontSize(size).widthOfString(text) > width) size -= 0.25;
    return size;
  };
  const rowHeight = (cells: Array<string | number>, font: string) =>
    Math.max(
      ...cells.map((cell, i) => {
        const text = String(cell);
        return doc.font(font).fontSize(sizeFor(text, widths[i] - 4, font)).heightOfString(text, { width: widths[i] - 4 });
      }),
    ) + 6;
  const drawRow = (cells: Array<string | number>, font: string) => {
    const height = rowHeight(cells, font);
    let x = left;
    const y = doc.y;
    cells.forEach((cell, i) => {
      const text = String(cell);
      doc.rect(x, y, widths[i], height).lineWidth(0.5).stroke();
      doc.font(font).fontSize(sizeFor(text, widths[i] - 4, font)).text(text, x + 2, y + 3, { width: widths[i] - 4 });
      x += widths[i];
    });
    doc.x = left;
    doc.y = y + height;
  };
  const header = () => drawRow(HEADERS, 'bold');

  doc.font('bold').fontSize(13).text(title(issuerName, year), { align: 'center' });
  doc.moveDown(0.6);
  header();
  for (const row of bookRows(entries)) {
    if (doc.y + rowHeight(row, 'regular') > bottom()) {
      doc.addPage();
      header();
    }
    drawRow(row, 'regular');
  }
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Written inside the bottom margin: without lifting it, pdfkit would start a new page for it.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(8).text(`Trang ${i + 1}/${range.count}`, left, doc.page.height - margin - 10, { width: usable, align: 'right', lineBreak: false });
    doc.page.margins.bottom = margin;
  }
  doc.end();
  return done;
}
