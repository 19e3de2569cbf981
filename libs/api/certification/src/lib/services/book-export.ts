import ExcelJS from 'exceljs';
import type { Certificate } from '../entities/certificate.entity';
import { viDate } from '../pdf/printed-fields';

const STATUS_VI: Record<Certificate['status'], string> = { valid: 'Còn hiệu lực', revoked: 'Đã thu hồi', replaced: 'Đã cấp lại' };

/** The registry book (sổ cấp chứng chỉ) of one issuer and year as an XLSX workbook. */
export async function bookWorkbook(issuerName: string, year: number, entries: Certificate[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`So cap chung chi ${year}`);
  ws.addRow([`SỔ CẤP CHỨNG CHỈ NĂM ${year} - ${issuerName}`]);
  ws.addRow([]);
  const header = ws.addRow([
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
  ]);
  header.font = { bold: true };
  for (const c of entries) {
    const notes = [
      c.revokedOn ? `Thu hồi theo QĐ ${c.revocationDecisionNumber} ngày ${viDate(c.revokedOn)} (${c.revocationReason})` : '',
      c.reissueOfId ? `Cấp lại do sai sót: ${c.reissueNote ?? ''}` : '',
      c.replacedById ? 'Đã được thay bằng chứng chỉ cấp lại' : '',
      c.completionNoticeNumber && c.completionNoticeIssuedOn
        ? `Mất chứng chỉ, cấp giấy chứng nhận hoàn thành số ${c.completionNoticeNumber} ngày ${viDate(c.completionNoticeIssuedOn)}`
        : '',
    ].filter(Boolean);
    ws.addRow([
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
    ]);
  }
  ws.columns.forEach((col, i) => (col.width = [10, 22, 28, 12, 40, 24, 16, 12, 24, 28, 14, 50][i]));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
