import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { codeFrom } from '../data/certificates.service';
import { apiError, query, setupTestBed, type } from '@boiduong/web-testing';
import { verification } from '../../test-fixtures';
import { VerifyPage } from './verify-page';

describe('VerifyPage (public)', () => {
  let backend: HttpTestingController;

  async function setup(code?: string) {
    backend = await setupTestBed({ user: null });
    const fixture = TestBed.createComponent(VerifyPage);
    if (code) fixture.componentRef.setInput('code', code);
    fixture.detectChanges();
    const root = fixture.nativeElement as HTMLElement;
    return { fixture, root, ...query(root) };
  }

  afterEach(() => backend.verify());

  it('shows a valid certificate with every printed field, without login', async () => {
    const t = await setup('Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z');
    const req = backend.expectOne('/api/v1/public/certificates/Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z');
    expect(req.request.headers.has('Authorization')).toBe(false);
    req.flush(verification());
    await t.fixture.whenStable();
    expect(t.text('verify-verdict')).toBe('CHỨNG CHỈ HỢP LỆ');
    expect(t.text('verify-holder')).toBe('Nguyễn Văn Đức');
    expect(t.text('verify-serial')).toBe('HNI-2026-000007');
    expect(t.text('verify-sha')).toBe('a'.repeat(64));
    expect(t.byId('verify-result')?.classList.contains('valid')).toBe(true);
  });

  it('says revoked (decision and reason), replaced, or altered, and who answers for a closed issuer', async () => {
    const t = await setup('Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z');
    backend.expectOne('/api/v1/public/certificates/Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z').flush(
      verification({
        valid: false,
        status: 'revoked',
        revocation: { reason: 'altered', decisionNumber: '12/QĐ-TĐTN', decidedOn: '2026-04-02' },
        responsibleBody: { id: 'o-x', name: 'Đoàn phường Hoàn Kiếm', issuerClosed: true },
      }),
    );
    await t.fixture.whenStable();
    expect(t.text('verify-verdict')).toBe('ĐÃ THU HỒI theo quyết định số 12/QĐ-TĐTN ngày 2026-04-02. Lý do: Bị tẩy xóa, sửa chữa.');
    expect(t.text('verify-responsible')).toBe('Đoàn phường Hoàn Kiếm');
    expect(t.byId('verify-result')?.classList.contains('valid')).toBe(false);

    t.fixture.componentRef.setInput('code', 'Zz3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z');
    t.fixture.detectChanges();
    backend.expectOne('/api/v1/public/certificates/Zz3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z').flush(verification({ valid: false, signatureValid: false, signatureProblem: 'fields_altered' }));
    await t.fixture.whenStable();
    expect(t.text('verify-verdict')).toContain('KHÔNG HỢP LỆ');
  });

  it('shows the API’s not-found message for an unknown code', async () => {
    const t = await setup('unknown');
    backend
      .expectOne('/api/v1/public/certificates/unknown')
      .flush(apiError('CERTIFICATE_NOT_FOUND', 'Không tìm thấy chứng chỉ.', 'Certificate not found.'), { status: 404, statusText: 'Not Found' });
    await t.fixture.whenStable();
    expect(t.text('verify-error')).toBe('Không tìm thấy chứng chỉ.');
    expect(t.byId('verify-result')).toBeNull();
  });

  it('takes a pasted QR link or a bare code and opens its page; asks for one when empty', async () => {
    const t = await setup();
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    t.byId('verify-submit')?.click();
    await t.fixture.whenStable();
    expect(navigate).not.toHaveBeenCalled();
    type(t.byId('verify-code'), ' https://boiduong.example.vn/verify/Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z ');
    t.byId('verify-submit')?.click();
    expect(navigate).toHaveBeenCalledWith(['/certificates/verify', 'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z']);
  });

  it('reads the code from a link or takes it as it is', () => {
    expect(codeFrom('https://x.vn/verify/abc_DEF-123?utm=1')).toBe('abc_DEF-123');
    expect(codeFrom('http://localhost:4200/certificates/verify/abc')).toBe('abc');
    expect(codeFrom('  abc  ')).toBe('abc');
    expect(codeFrom('   ')).toBe('');
  });
});
