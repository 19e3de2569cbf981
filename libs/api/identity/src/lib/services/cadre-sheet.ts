import { CADRE_IMPORT_HEADERS, type ImportRowError } from '@boiduong/shared-contracts';
import { Workbook, type CellValue } from 'exceljs';

export type CadreField = 'fullName' | 'dateOfBirth' | 'gender' | 'unitCode' | 'title' | 'username' | 'email' | 'phone' | 'employment';

/** One sheet row as text, with its spreadsheet row number (the header is row 1). */
export interface SheetRow {
  row: number;
  values: Partial<Record<CadreField, string>>;
}

/** Header text (any case, with or without diacritics) to field; the first eight are the template's columns. */
const HEADER_FIELDS: Record<string, CadreField> = {
  [fold(CADRE_IMPORT_HEADERS[0])]: 'fullName',
  [fold(CADRE_IMPORT_HEADERS[1])]: 'dateOfBirth',
  [fold(CADRE_IMPORT_HEADERS[2])]: 'gender',
  [fold(CADRE_IMPORT_HEADERS[3])]: 'unitCode',
  [fold(CADRE_IMPORT_HEADERS[4])]: 'title',
  [fold(CADRE_IMPORT_HEADERS[5])]: 'username',
  [fold(CADRE_IMPORT_HEADERS[6])]: 'email',
  [fold(CADRE_IMPORT_HEADERS[7])]: 'phone',
  [fold('Chế độ công tác')]: 'employment',
};
export const REQUIRED_HEADERS: CadreField[] = ['fullName', 'unitCode', 'username'];

/** Lower case without diacritics (đ to d) and with single spaces: how headers and labels are compared. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export class SheetFormatError extends Error {
  constructor(readonly errors: ImportRowError[]) {
    super('sheet format');
  }
}

/** Reads an XLSX (zip signature) or a UTF-8 CSV (comma, semicolon or tab separated). */
export async function readCadreSheet(data: Buffer): Promise<SheetRow[]> {
  const isZip = data.length > 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;
  const table = isZip ? await readXlsx(data) : readCsv(data.toString('utf8'));
  const header = table[0];
  if (!header) throw new SheetFormatError([{ row: 1, reason: 'empty_file', message: messages['empty_file'] }]);
  const columns = header.map((h) => HEADER_FIELDS[fold(h)] ?? null);
  const missing = REQUIRED_HEADERS.filter((f) => !columns.includes(f));
  if (missing.length) {
    throw new SheetFormatError(
      missing.map((f) => ({ row: 1, field: f, reason: 'missing_column', message: messages['missing_column'] })),
    );
  }
  const rows: SheetRow[] = [];
  for (let i = 1; i < table.length; i++) {
    const values: SheetRow['values'] = {};
    table[i].forEach((cell, c) => {
      const field = columns[c];
      const text = cell.normalize('NFC').trim();
      if (field && text) values[field] = text;
    });
    if (Object.keys(values).length) rows.push({ row: i + 1, values });
  }
  return rows;
}

async function readXlsx(data: Buffer): Promise<string[][]> {
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw new SheetFormatError([{ row: 0, reason: 'unreadable_file', message: messages['unreadable_file'] }]);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const table: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    table[n - 1] = cells;
  });
  for (let i = 0; i < table.length; i++) table[i] ??= [];
  return table;
}

/** Cell values as the user typed them: dates as YYYY-MM-DD, numbers without grouping, rich text flattened. */
function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') {
    // A phone typed as a number loses its leading zero (912345678): the column check restores it.
    return String(value);
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result as CellValue);
    return '';
  }
  return String(value);
}

function readCsv(text: string): string[][] {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = [',', ';', '\t'].reduce((best, d) => (firstLine.split(d).length > firstLine.split(best).length ? d : best), ',');
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === delimiter) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** Row error messages, Vietnamese and English, by reason code. */
export const messages: Record<string, { vi: string; en: string }> = {
  empty_file: { vi: 'Tệp không có dữ liệu.', en: 'The file is empty.' },
  unreadable_file: { vi: 'Không đọc được tệp (cần XLSX hoặc CSV UTF-8).', en: 'The file cannot be read (XLSX or UTF-8 CSV expected).' },
  missing_column: { vi: 'Thiếu cột bắt buộc.', en: 'A required column is missing.' },
  required: { vi: 'Thiếu giá trị bắt buộc.', en: 'A required value is missing.' },
  too_long: { vi: 'Giá trị quá dài.', en: 'The value is too long.' },
  invalid_username: { vi: 'Tên đăng nhập chỉ gồm 3-64 chữ, số hoặc ._@-', en: 'The username must be 3-64 letters, digits or ._@-' },
  duplicate_in_file: { vi: 'Trùng với một dòng trước trong tệp.', en: 'Duplicates an earlier row of the file.' },
  username_taken: { vi: 'Tên đăng nhập đã thuộc về người khác.', en: 'The username belongs to someone else.' },
  email_taken: { vi: 'Email đã được sử dụng.', en: 'The email is already in use.' },
  invalid_email: { vi: 'Email không hợp lệ.', en: 'The email is not valid.' },
  invalid_phone: { vi: 'Số điện thoại không hợp lệ.', en: 'The phone number is not valid.' },
  invalid_date: { vi: 'Ngày sinh không hợp lệ (dd/mm/yyyy).', en: 'The date of birth is not valid (dd/mm/yyyy).' },
  invalid_gender: { vi: 'Giới tính là Nam, Nữ hoặc Khác.', en: 'Gender must be Nam, Nữ or Khác.' },
  invalid_title: { vi: 'Chức danh không có trong danh mục (hoặc chỉ còn trong hồ sơ lịch sử).', en: 'Unknown title (or a historical one).' },
  invalid_employment: { vi: 'Chế độ công tác là Chuyên trách, Bán chuyên trách hoặc Kiêm nhiệm.', en: 'Employment must be full-time, part-time or concurrent.' },
  unit_not_found: { vi: 'Không tìm thấy đơn vị trong phạm vi quản lý.', en: 'No such unit within your scope.' },
  unit_closed: { vi: 'Đơn vị đã giải thể hoặc sáp nhập.', en: 'The unit is closed.' },
  too_many_rows: { vi: 'Tệp có quá nhiều dòng.', en: 'The file has too many rows.' },
};
