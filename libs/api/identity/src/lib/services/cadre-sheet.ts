import { CADRE_IMPORT_HEADERS } from '@boiduong/shared-contracts';
import { fold, readSheet, SHEET_MESSAGES, type SheetRow } from './import-sheet';

export { fold, SheetFormatError } from './import-sheet';

export type CadreField = 'fullName' | 'dateOfBirth' | 'gender' | 'unitCode' | 'title' | 'username' | 'email' | 'phone' | 'employment';
export type CadreRow = SheetRow<CadreField>;

/** Header text (any case, with or without diacritics) to field; the first eight are the template's columns. */
export const CADRE_HEADER_FIELDS: Record<string, CadreField> = {
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

/** The cadre sheet's rows (see `readSheet`). */
export function readCadreSheet(data: Buffer): Promise<CadreRow[]> {
  return readSheet(data, CADRE_HEADER_FIELDS, REQUIRED_HEADERS);
}

/** Row error messages of the cadre import, Vietnamese and English, by reason code. */
export const messages: Record<string, { vi: string; en: string }> = {
  ...SHEET_MESSAGES,
  invalid_username: { vi: 'Tên đăng nhập chỉ gồm 3-64 chữ, số hoặc ._@-', en: 'The username must be 3-64 letters, digits or ._@-' },
  username_taken: { vi: 'Tên đăng nhập đã thuộc về người khác.', en: 'The username belongs to someone else.' },
  email_taken: { vi: 'Email đã được sử dụng.', en: 'The email is already in use.' },
  invalid_email: { vi: 'Email không hợp lệ.', en: 'The email is not valid.' },
  invalid_phone: { vi: 'Số điện thoại không hợp lệ.', en: 'The phone number is not valid.' },
  invalid_date: { vi: 'Ngày sinh không hợp lệ (dd/mm/yyyy).', en: 'The date of birth is not valid (dd/mm/yyyy).' },
  invalid_gender: { vi: 'Giới tính là Nam, Nữ hoặc Khác.', en: 'Gender must be Nam, Nữ or Khác.' },
  invalid_title: { vi: 'Chức danh không có trong danh mục (hoặc chỉ còn trong hồ sơ lịch sử).', en: 'Unknown title (or a historical one).' },
  invalid_employment: { vi: 'Chế độ công tác là Chuyên trách, Bán chuyên trách hoặc Kiêm nhiệm.', en: 'Employment must be full-time, part-time or concurrent.' },
};
