import type { ImportRowError } from '@boiduong/shared-contracts';
import { Workbook, type CellValue } from 'exceljs';
import { IdentityErrors } from '../identity.errors';

/**
 * Reading of the bulk-import spreadsheets (cadres, org units): XLSX or CSV with Vietnamese headers
 * matched without case or diacritics, rows numbered as the spreadsheet shows them, and the row
 * error list every import reports.
 */

/** Most rows one import file may hold. */
export const MAX_IMPORT_ROWS = 5000;

/** One sheet row as text, with its spreadsheet row number (the header is row 1). */
export interface SheetRow<F extends string = string> {
  row: number;
  values: Partial<Record<F, string>>;
}

export class SheetFormatError extends Error {
  constructor(readonly errors: ImportRowError[]) {
    super('sheet format');
  }
}

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

/**
 * Reads an XLSX (zip signature) or a UTF-8 CSV (comma, semicolon or tab separated) whose first row
 * holds headers: `headers` maps each folded header text to a field, `required` lists the columns
 * that must be present. Empty rows are dropped; the others keep their spreadsheet row number.
 */
export async function readSheet<F extends string>(data: Buffer, headers: Readonly<Record<string, F>>, required: readonly F[]): Promise<Array<SheetRow<F>>> {
  const isZip = data.length > 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;
  const table = isZip ? await readXlsx(data) : readCsv(data.toString('utf8'));
  const header = table[0];
  if (!header) throw new SheetFormatError([{ row: 1, reason: 'empty_file', message: SHEET_MESSAGES['empty_file'] }]);
  const columns = header.map((h) => headers[fold(h)] ?? null);
  const missing = required.filter((f) => !columns.includes(f));
  if (missing.length) {
    throw new SheetFormatError(
      missing.map((f) => ({ row: 1, field: f, reason: 'missing_column', message: SHEET_MESSAGES['missing_column'] })),
    );
  }
  const rows: Array<SheetRow<F>> = [];
  for (let i = 1; i < table.length; i++) {
    const values: SheetRow<F>['values'] = {};
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
    throw new SheetFormatError([{ row: 0, reason: 'unreadable_file', message: SHEET_MESSAGES['unreadable_file'] }]);
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

/** Row error messages every import shares, Vietnamese and English, by reason code. */
export const SHEET_MESSAGES: Record<string, { vi: string; en: string }> = {
  empty_file: { vi: 'Tệp không có dữ liệu.', en: 'The file is empty.' },
  unreadable_file: { vi: 'Không đọc được tệp (cần XLSX hoặc CSV UTF-8).', en: 'The file cannot be read (XLSX or UTF-8 CSV expected).' },
  missing_column: { vi: 'Thiếu cột bắt buộc.', en: 'A required column is missing.' },
  required: { vi: 'Thiếu giá trị bắt buộc.', en: 'A required value is missing.' },
  too_long: { vi: 'Giá trị quá dài.', en: 'The value is too long.' },
  duplicate_in_file: { vi: 'Trùng với một dòng trước trong tệp.', en: 'Duplicates an earlier row of the file.' },
  unit_not_found: { vi: 'Không tìm thấy đơn vị trong phạm vi quản lý.', en: 'No such unit within your scope.' },
  unit_closed: { vi: 'Đơn vị đã giải thể hoặc sáp nhập.', en: 'The unit is closed.' },
  too_many_rows: { vi: 'Tệp có quá nhiều dòng.', en: 'The file has too many rows.' },
};

/** The rows of an import file, or a 422 `IMPORT_INVALID` naming what makes the file unusable. */
export async function readImportRows<F extends string>(data: Buffer, headers: Readonly<Record<string, F>>, required: readonly F[]): Promise<Array<SheetRow<F>>> {
  let rows: Array<SheetRow<F>>;
  try {
    rows = await readSheet(data, headers, required);
  } catch (error) {
    if (error instanceof SheetFormatError) throw IdentityErrors.IMPORT_INVALID({ errors: error.errors });
    throw error;
  }
  if (rows.length > MAX_IMPORT_ROWS) {
    throw IdentityErrors.IMPORT_INVALID({ errors: [{ row: 0, reason: 'too_many_rows', message: SHEET_MESSAGES['too_many_rows'] }] });
  }
  return rows;
}

/** Collects row errors with their messages (`messages` adds the import's own reasons to the shared ones). */
export class RowErrors<F extends string> {
  readonly list: ImportRowError[] = [];
  constructor(private readonly messages: Record<string, { vi: string; en: string }>) {}

  add(row: number, field: F | undefined, reason: string): void {
    this.list.push({ row, ...(field ? { field } : {}), reason, message: this.messages[reason] ?? SHEET_MESSAGES[reason] });
  }

  /** How many distinct rows have an error (the `skipped` count of a valid-only import). */
  get rows(): number {
    return new Set(this.list.map((e) => e.row)).size;
  }
}

/** dd/mm/yyyy (Vietnamese usage), d/m/yyyy or yyyy-mm-dd; a real calendar date, not in the future. */
export function parseDate(text: string): string | null {
  let y: number, m: number, d: number;
  let match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (match) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text))) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  if (y < 1900 || date.getTime() > Date.now()) return null;
  return date.toISOString().slice(0, 10);
}
