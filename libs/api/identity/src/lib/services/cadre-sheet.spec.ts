import { Workbook } from 'exceljs';
import { normalisePhone } from './cadre-import.service';
import { parseDate } from './import-sheet';
import { fold, readCadreSheet, SheetFormatError } from './cadre-sheet';

describe('cadre sheet reading', () => {
  it('folds headers and labels without case or diacritics, đ included', () => {
    expect(fold('  Họ và  TÊN ')).toBe('ho va ten');
    expect(fold('Mã đơn vị')).toBe('ma don vi');
    expect(fold('ĐOÀN')).toBe('doan');
  });

  it('parses Vietnamese and ISO dates, refusing impossible and future ones', () => {
    expect(parseDate('02/09/1994')).toBe('1994-09-02');
    expect(parseDate('2/9/1994')).toBe('1994-09-02');
    expect(parseDate('1994-09-02')).toBe('1994-09-02');
    expect(parseDate('31/02/1990')).toBeNull();
    expect(parseDate('01/01/2999')).toBeNull();
    expect(parseDate('1994/09/02')).toBeNull();
  });

  it('restores the leading zero a spreadsheet drops from a phone number', () => {
    expect(normalisePhone('912345678')).toBe('0912345678');
    expect(normalisePhone('0912 345 678')).toBe('0912 345 678');
    expect(normalisePhone('+84 912 345 678')).toBe('+84 912 345 678');
    expect(normalisePhone('call me')).toBeNull();
  });

  it('reads CSV with a BOM, quotes, semicolons and CRLF, numbering rows as the sheet does', async () => {
    const csv = '\uFEFFHọ và tên;Mã đơn vị;Tên đăng nhập\r\n"Lê; Văn ""A""";HNI;le.a\r\n\r\nTrần B;HNI;tran.b\r\n';
    const rows = await readCadreSheet(Buffer.from(csv, 'utf8'));
    expect(rows).toEqual([
      { row: 2, values: { fullName: 'Lê; Văn "A"', unitCode: 'HNI', username: 'le.a' } },
      { row: 4, values: { fullName: 'Trần B', unitCode: 'HNI', username: 'tran.b' } },
    ]);
  });

  it('reads XLSX cells: dates, numbers and headers written without diacritics', async () => {
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('x');
    sheet.addRow(['ho va ten', 'NGAY SINH', 'ma don vi', 'ten dang nhap', 'dien thoai']);
    sheet.addRow(['Ngô C', new Date(Date.UTC(2000, 0, 31)), 'HNI', 'ngo.c', 912345678]);
    const rows = await readCadreSheet(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(rows).toEqual([
      { row: 2, values: { fullName: 'Ngô C', dateOfBirth: '2000-01-31', unitCode: 'HNI', username: 'ngo.c', phone: '912345678' } },
    ]);
  });

  it('names every missing required column', async () => {
    await expect(readCadreSheet(Buffer.from('Email\nx@y.vn\n'))).rejects.toBeInstanceOf(SheetFormatError);
    const error = await readCadreSheet(Buffer.from('Email\nx@y.vn\n')).catch((e: SheetFormatError) => e);
    expect((error as SheetFormatError).errors.map((e) => e.field)).toEqual(['fullName', 'unitCode', 'username']);
  });
});
