import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Permission, type OrgUnitSummary } from '@boiduong/shared-contracts';
import { apiError, ORG_ADMIN, query, setupTestBed, type } from '@boiduong/web-testing';
import { entry } from '../../test-fixtures';
import { CertificatesAdminPage } from './certificates-admin-page';

const HANOI: OrgUnitSummary = { id: 'o-hn', code: 'HNI', name: 'Thành đoàn Hà Nội', type: 'province', parentId: 'o-tw', validFrom: '2025-07-01', validTo: null };
const CLOSED: OrgUnitSummary = { id: 'o-old', code: 'HNI-OLD', name: 'Quận đoàn cũ', type: 'district', parentId: 'o-hn', validFrom: '2000-01-01', validTo: '2025-07-01' };
const year = new Date().getFullYear();

// The page renders Material selects and a long form: the default 5 s is tight on a busy machine.
describe('CertificatesAdminPage', { timeout: 30_000 }, () => {
  let backend: HttpTestingController;

  async function setup() {
    backend = await setupTestBed({ user: ORG_ADMIN, permissions: [Permission.CertificateIssue] });
    const fixture = TestBed.createComponent(CertificatesAdminPage);
    fixture.detectChanges();
    const root = fixture.nativeElement as HTMLElement;
    backend.expectOne('/api/v1/certificates/candidates?status=pending').flush([]);
    backend.expectOne('/api/v1/org-units').flush([HANOI, CLOSED]);
    const book = backend.expectOne(`/api/v1/certificates?issuerId=o-hn&year=${year}`);
    book.flush([entry(), entry({ id: 'c-2', serialNumber: 'HNI-2026-000008', entryNumber: 8, holderName: 'Lê Thu Hà' })]);
    await fixture.whenStable();
    return { fixture, root, ...query(root) };
  }

  afterEach(() => backend.verify());

  it('opens the book of the first open issuer for this year', async () => {
    const t = await setup();
    expect(t.allById('book-row').map((r) => r.dataset['serial'])).toEqual(['HNI-2026-000007', 'HNI-2026-000008']);
    expect(t.text('book-count')).toBe('2 chứng chỉ trong sổ.');
    expect(t.allById('book-holder').map((c) => c.textContent?.trim())).toEqual(['Nguyễn Văn Đức', 'Lê Thu Hà']);
  });

  it('downloads the book as XLSX and as a printable PDF for the chosen issuer and year', async () => {
    const t = await setup();
    const saved: string[] = [];
    const created = vi.spyOn(URL, 'createObjectURL').mockImplementation(() => 'blob:book');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    try {
      for (const format of ['xlsx', 'pdf']) {
        t.byId(`book-${format}`)?.click();
        const req = backend.expectOne((r) => r.url === `/api/v1/certificates/book.${format}`);
        expect(req.request.params.get('issuerId')).toBe('o-hn');
        expect(req.request.params.get('year')).toBe(String(year));
        expect(req.request.responseType).toBe('blob');
        req.flush(new Blob(['book']));
      }
      await t.fixture.whenStable();
      expect(saved).toEqual([`so-cap-chung-chi-${year}.xlsx`, `so-cap-chung-chi-${year}.pdf`]);
      expect(created).toHaveBeenCalledTimes(2);
    } finally {
      vi.restoreAllMocks();
      click.mockRestore();
    }
  });

  it('refuses a revocation without a decision number, then revokes with the decision', async () => {
    const t = await setup();
    t.allById('book-revoke')[0].click();
    await t.fixture.whenStable();
    t.byId('revoke-submit')?.click();
    await t.fixture.whenStable();
    expect(t.root.textContent).toContain('Việc thu hồi phải ghi số quyết định.');
    backend.expectNone('/api/v1/certificates/c-1/revoke');

    const page = t.fixture.componentInstance as unknown as { revokeForm: { controls: { reason: { setValue(v: string): void } } } };
    page.revokeForm.controls.reason.setValue('fraud');
    type(t.byId('revoke-decision'), '12/QĐ-TĐTN');
    type(t.byId('revoke-date'), '2026-04-02');
    t.byId('revoke-submit')?.click();
    const req = backend.expectOne({ method: 'POST', url: '/api/v1/certificates/c-1/revoke' });
    expect(req.request.body).toEqual({ reason: 'fraud', decisionNumber: '12/QĐ-TĐTN', decidedOn: '2026-04-02' });
    req.flush(entry({ status: 'revoked', revocation: { reason: 'fraud', decisionNumber: '12/QĐ-TĐTN', decidedOn: '2026-04-02', byUnitId: 'o-hn', note: null } }));
    await t.fixture.whenStable();
    expect(t.text('book-notice')).toBe('Đã thu hồi chứng chỉ số hiệu HNI-2026-000007.');
    expect(t.allById('book-row')[0].querySelector('[data-testid="certificate-status"]')?.textContent?.trim()).toBe('Đã thu hồi');
    expect(t.allById('book-revoke').length).toBe(1);
  });

  it('shows the API’s answer to a second revocation', async () => {
    const t = await setup();
    t.allById('book-revoke')[1].click();
    await t.fixture.whenStable();
    (t.fixture.componentInstance as unknown as { revokeForm: { controls: { reason: { setValue(v: string): void } } } }).revokeForm.controls.reason.setValue('lent');
    type(t.byId('revoke-decision'), '13/QĐ');
    type(t.byId('revoke-date'), '2026-04-03');
    t.byId('revoke-submit')?.click();
    backend
      .expectOne('/api/v1/certificates/c-2/revoke')
      .flush(apiError('CERTIFICATE_ALREADY_REVOKED', 'Chứng chỉ đã bị thu hồi hoặc đã được thay thế.', 'The certificate is already revoked or replaced.'), { status: 409, statusText: 'Conflict' });
    await t.fixture.whenStable();
    expect(t.text('revoke-error')).toBe('Chứng chỉ đã bị thu hồi hoặc đã được thay thế.');
  });

  it('reissues for the issuer’s error from the old certificate’s fields, with the error stated', async () => {
    const t = await setup();
    t.allById('book-replace')[0].click();
    await t.fixture.whenStable();
    expect((t.byId('issue-full-name') as HTMLInputElement).value).toBe('Nguyễn Văn Đức');
    type(t.byId('issue-signer-title'), 'BÍ THƯ THÀNH ĐOÀN');
    type(t.byId('issue-attendance'), '100');
    type(t.byId('issue-score'), '85');
    t.byId('issue-submit')?.click();
    await t.fixture.whenStable();
    expect(t.root.textContent).toContain('Vui lòng ghi rõ sai sót của đơn vị cấp.');
    backend.expectNone('/api/v1/certificates');

    type(t.byId('issue-note'), 'Sai chức vụ người ký');
    t.byId('issue-submit')?.click();
    const req = backend.expectOne({ method: 'POST', url: '/api/v1/certificates' });
    expect(req.request.body).toMatchObject({
      issuerUnitId: 'o-hn',
      learner: { userId: 'u-learner', fullName: 'Nguyễn Văn Đức', dateOfBirth: '1999-10-21' },
      program: { code: 'BT-XA', titles: ['secretary.commune'] },
      completion: { attendanceShare: 1, assessments: [{ code: 'final', required: true, scorePercent: 85 }], rulesKept: true },
      signer: { name: 'Trần Quốc Việt', title: 'BÍ THƯ THÀNH ĐOÀN' },
      reissue: { ofCertificateId: 'c-1', note: 'Sai chức vụ người ký' },
    });
    req.flush(entry({ id: 'c-9', serialNumber: 'HNI-2026-000009' }));
    backend.expectOne(`/api/v1/certificates?issuerId=o-hn&year=${year}`).flush([]);
    await t.fixture.whenStable();
    expect(t.text('book-notice')).toBe('Đã cấp lại, chứng chỉ mới số hiệu HNI-2026-000009.');
  });

  it('issues to a found learner and lists every unmet condition of a refusal', async () => {
    const t = await setup();
    t.byId('book-issue')?.click();
    await t.fixture.whenStable();
    type(t.byId('issue-person-search'), 'duc');
    t.byId('issue-person-find')?.click();
    backend.expectOne('/api/v1/users?q=duc').flush([{ id: 'u-learner', username: 'hocvien', fullName: 'Nguyễn Văn Đức', dateOfBirth: '1999-10-21' }]);
    await t.fixture.whenStable();
    t.byId('issue-person')?.click();
    await t.fixture.whenStable();
    for (const [id, value] of [
      ['issue-program-code', 'BT-XA'],
      ['issue-program-name', 'Bồi dưỡng Bí thư Đoàn xã'],
      ['issue-course-id', '00000000-0000-4000-8000-000000000001'],
      ['issue-starts-on', '2026-03-02'],
      ['issue-ends-on', '2026-03-11'],
      ['issue-score', '49'],
      ['issue-signer-name', 'Trần Quốc Việt'],
      ['issue-signer-title', 'PHÓ BÍ THƯ THÀNH ĐOÀN'],
      ['issue-place', 'Hà Nội'],
    ]) {
      type(t.byId(id), value);
    }
    t.byId('issue-submit')?.click();
    const req = backend.expectOne({ method: 'POST', url: '/api/v1/certificates' });
    expect(req.request.body).toMatchObject({ learner: { userId: 'u-learner', fullName: 'Nguyễn Văn Đức' }, completion: { attendanceShare: null } });
    expect(req.request.body).not.toHaveProperty('reissue');
    req.flush(
      apiError('CERTIFICATE_NOT_ELIGIBLE', 'Học viên chưa đủ điều kiện cấp chứng chỉ.', 'The learner does not meet the conditions for the certificate.', {
        ruleSetCode: 'tt-03-2023-bnv',
        unmet: [
          { code: 'attendance_missing', message: { vi: 'Chưa có dữ liệu chuyên cần của học viên.', en: 'The learner has no attendance record.' } },
          { code: 'assessment_below_pass_mark', message: { vi: 'Bài kiểm tra final đạt 49%, dưới mức đạt 50%.', en: 'Assessment final scored 49%, below the pass mark of 50%.' } },
        ],
      }),
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await t.fixture.whenStable();
    expect(t.text('issue-error')).toBe('Học viên chưa đủ điều kiện cấp chứng chỉ.');
    expect([...(t.byId('issue-unmet')?.querySelectorAll('li') ?? [])].map((li) => li.textContent?.trim())).toEqual([
      'Chưa có dữ liệu chuyên cần của học viên.',
      'Bài kiểm tra final đạt 49%, dưới mức đạt 50%.',
    ]);
  });
});
