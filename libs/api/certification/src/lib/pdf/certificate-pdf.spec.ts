import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderCertificatePdf } from './certificate-pdf';
import { printedLines, type PrintedFields } from './printed-fields';

const FIELDS: PrintedFields = {
  code: 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde',
  certificateName: 'CHỨNG CHỈ BỒI DƯỠNG',
  issuerName: 'Thành đoàn Hà Nội',
  holderName: 'Nguyễn Thị Ánh Tuyết',
  holderDateOfBirth: '1998-03-07',
  programCode: 'BT-XA',
  programName: 'Bồi dưỡng Bí thư Đoàn xã, phường, đặc khu',
  courseStartsOn: '2026-03-02',
  courseEndsOn: '2026-03-11',
  result: 'Đạt (8,5 điểm)',
  issuedPlace: 'Hà Nội',
  issuedOn: '2026-03-20',
  signerName: 'Trần Quốc Việt',
  signerTitle: 'PHÓ BÍ THƯ THÀNH ĐOÀN',
  serialNumber: 'HNI-2026-000042',
  entryNumber: 42,
  year: 2026,
};
const VERIFY_URL = `http://localhost:3000/verify/${FIELDS.code}`;

/** pdftotext output with whitespace runs (line breaks inside wrapped text) collapsed. */
function textOf(pdf: Buffer, dir: string): string {
  const file = join(dir, 'c.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

function qrOf(pdf: Buffer, dir: string): string {
  const file = join(dir, 'q.pdf');
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', file, join(dir, 'page')]);
  return execFileSync('zbarimg', ['--quiet', '--raw', join(dir, 'page.png')], { encoding: 'utf8' }).trim();
}

describe('renderCertificatePdf', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'cert-pdf-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is one A4 landscape page with an embedded Be Vietnam Pro font and no built-in font', async () => {
    const pdf = await renderCertificatePdf(FIELDS, VERIFY_URL);
    const file = join(dir, 'f.pdf');
    writeFileSync(file, pdf);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+1/);
    expect(info).toMatch(/Page size:\s+841\.89 x 595\.28/);
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toContain('BeVietnamPro');
    expect(fonts).not.toMatch(/Helvetica|Times/);
  });

  it('prints every field exactly, diacritics included', async () => {
    const text = textOf(await renderCertificatePdf(FIELDS, VERIFY_URL), dir);
    for (const [name, line] of Object.entries(printedLines(FIELDS))) {
      expect({ name, found: text.includes(line) }).toEqual({ name, found: true });
    }
    expect(text).toContain('Ngày sinh: 07/03/1998');
    expect(text).toContain('Hà Nội, ngày 20 tháng 03 năm 2026');
    expect(text).toContain('Số vào sổ cấp chứng chỉ: 42/2026');
  });

  it('prints decomposed (NFD) input as the composed text', async () => {
    const nfd = Object.fromEntries(Object.entries(FIELDS).map(([k, v]) => [k, typeof v === 'string' ? v.normalize('NFD') : v])) as unknown as PrintedFields;
    expect(nfd.holderName).not.toBe(FIELDS.holderName);
    const text = textOf(await renderCertificatePdf(nfd, VERIFY_URL), dir);
    for (const line of Object.values(printedLines(FIELDS))) expect(text).toContain(line);
  });

  it('carries a QR code that decodes to the verify URL', async () => {
    expect(qrOf(await renderCertificatePdf(FIELDS, VERIFY_URL), dir)).toBe(VERIFY_URL);
  });

  it('leaves the result line out when there is no result', async () => {
    const text = textOf(await renderCertificatePdf({ ...FIELDS, result: null }, VERIFY_URL), dir);
    expect(text).not.toContain('Kết quả');
  });
});
