import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { renderSignableCertificatePdf } from './certificate-pdf';
import {
  applyPdfSignature,
  checkPdfSignature,
  embeddedFile,
  pdfSignatureMessage,
  PDF_SIGNATURE_PLACEHOLDER,
} from './pdf-signature';
import type { PrintedFields } from './printed-fields';

const FIELDS: PrintedFields = {
  code: 'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z',
  certificateName: 'CHỨNG CHỈ BỒI DƯỠNG',
  issuerName: 'Tỉnh đoàn Đà Nẵng',
  holderName: 'Lê Thu Hà',
  holderDateOfBirth: null,
  programCode: 'KN-CDS',
  programName: 'Kỹ năng chuyển đổi số cho cán bộ Đoàn',
  courseStartsOn: '2026-04-01',
  courseEndsOn: '2026-04-10',
  result: null,
  issuedPlace: 'Đà Nẵng',
  issuedOn: '2026-04-15',
  signerName: 'Phạm Minh Khoa',
  signerTitle: 'BÍ THƯ TỈNH ĐOÀN',
  serialNumber: 'DNG-2026-000003',
  entryNumber: 3,
  year: 2026,
};
const KID = '0123456789abcdef0123456789abcdef';

describe('certificate PDF signature', () => {
  let unsigned: Buffer;
  let privateKey: KeyObject;
  let publicKey: KeyObject;
  const signed = () =>
    applyPdfSignature(
      unsigned,
      `${KID}.${sign(null, pdfSignatureMessage(unsigned), privateKey).toString('base64url')}`,
    );

  beforeAll(async () => {
    ({ privateKey, publicKey } = generateKeyPairSync('ed25519'));
    unsigned = await renderSignableCertificatePdf(FIELDS, `https://boiduong.example.vn/verify/${FIELDS.code}`, {
      artwork: {},
      credential: { fileName: 'DNG-2026-000003.credential.json', json: '{"jwt":"e.y.j"}\n' },
    });
  });

  it('is written over the placeholder without moving a byte, and holds under the key it names', async () => {
    expect(unsigned.includes(PDF_SIGNATURE_PLACEHOLDER)).toBe(true);
    const pdf = signed();
    expect(pdf.length).toBe(unsigned.length);
    expect(pdf.includes(PDF_SIGNATURE_PLACEHOLDER)).toBe(false);
    const asked: string[] = [];
    expect(await checkPdfSignature(pdf, (kid) => (asked.push(kid), publicKey))).toEqual({ status: 'valid', kid: KID });
    expect(asked).toEqual([KID]);
  });

  it('fails when any byte changed, when bytes were appended, or under another key', async () => {
    const pdf = signed();
    for (const at of [100, Math.floor(pdf.length / 2), pdf.length - 10]) {
      const altered = Buffer.from(pdf);
      altered[at] ^= 0x01;
      expect((await checkPdfSignature(altered, () => publicKey)).status).toMatch(/bad_signature|malformed/);
    }
    const appended = Buffer.concat([pdf, Buffer.from('\n1 0 obj\n<< /Type /Annot >>\nendobj\n')]);
    expect(await checkPdfSignature(appended, () => publicKey)).toEqual({ status: 'bad_signature', kid: KID });
    const other = generateKeyPairSync('ed25519').publicKey;
    expect(await checkPdfSignature(pdf, () => other)).toEqual({ status: 'bad_signature', kid: KID });
    expect(await checkPdfSignature(pdf, () => undefined)).toEqual({ status: 'unknown_key', kid: KID });
  });

  it('calls a file without the entry unsigned, and one with a second entry malformed', async () => {
    expect(await checkPdfSignature(Buffer.from('%PDF-1.3\n%%EOF\n'), () => publicKey)).toEqual({ status: 'unsigned' });
    const pdf = signed();
    const entry = pdf.subarray(pdf.indexOf('(BDSIG1:'), pdf.indexOf('(BDSIG1:') + 170);
    expect(await checkPdfSignature(Buffer.concat([pdf, entry]), () => publicKey)).toEqual({ status: 'malformed' });
  });

  it('refuses to sign twice or with a malformed value', () => {
    expect(() => applyPdfSignature(signed(), `${KID}.${'A'.repeat(86)}`)).toThrow(/already signed/);
    expect(() => applyPdfSignature(unsigned, 'not-a-signature')).toThrow(/malformed/);
  });

  it('carries the credential as an embedded file', () => {
    expect(embeddedFile(signed())?.toString('utf8')).toBe('{"jwt":"e.y.j"}\n');
  });
});
