import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Permission, type OrgUnitSummary, type TitleEligibility, type TitleEligibilityBatch } from '@boiduong/shared-contracts';
import { todayInVietnam } from '@boiduong/web-shared-ui';
import { apiError, ORG_ADMIN, query, settled, setupTestBed, type } from '@boiduong/web-testing';
import { NominationPage } from './nomination-page';

const HANOI: OrgUnitSummary = { id: 'o-hn', code: 'HNI', name: 'Thành đoàn Hà Nội', type: 'province', parentId: null, validFrom: '2025-07-01', validTo: null };
const DUC = { id: 'u-duc', username: 'hocvien', fullName: 'Nguyễn Văn Đức' };
const HOA = { id: 'u-hoa', username: 'hv.hoa', fullName: 'Lê Thị Hoa' };

function answer(over: Partial<TitleEligibility>): TitleEligibility {
  return { eligible: false, reason: 'no_certificate', message: { vi: '', en: '' }, userId: 'u-duc', title: 'secretary.commune', on: '2026-06-01', ...over };
}

describe('NominationPage', { timeout: 30_000 }, () => {
  let backend: HttpTestingController;

  async function setup() {
    backend = await setupTestBed({ user: ORG_ADMIN, permissions: [Permission.CertificateIssue] });
    const fixture = TestBed.createComponent(NominationPage);
    fixture.detectChanges();
    backend.expectOne('/api/v1/org-units').flush([HANOI]);
    await fixture.whenStable();
    fixture.detectChanges();
    const root = fixture.nativeElement as HTMLElement;
    const settle = () => settled(fixture);
    const choose = async (testId: string, text: string) => {
      (root.querySelector(`[data-testid="${testId}"] .mat-mdc-select-trigger`) as HTMLElement).click();
      await settle();
      [...document.querySelectorAll<HTMLElement>('mat-option')].find((o) => o.textContent?.includes(text))?.click();
      await settle();
    };
    const rows = () =>
      [...root.querySelectorAll<HTMLElement>('[data-testid="nomination-results"] tbody tr')].map((tr) =>
        [...tr.querySelectorAll('td:first-child, bd-eligibility-verdict > *')].map((e) => e.textContent?.replace(/\s+/g, ' ').trim()).join(' | '),
      );
    return { fixture, root, settle, choose, rows, ...query(root) };
  }

  afterEach(() => backend.verify());

  it('checks the cadres picked by name and by unit for a title on a date: who may be nominated and why not', async () => {
    const t = await setup();
    expect((t.byId('nomination-on') as HTMLInputElement).value).toBe(todayInVietnam());
    await t.choose('nomination-title', 'Bí thư Đoàn xã/phường/đặc khu');
    type(t.byId('nomination-on'), '2026-06-01');

    type(t.byId('nomination-search'), 'duc');
    (t.byId('nomination-find') as HTMLButtonElement).click();
    backend.expectOne('/api/v1/users?q=duc').flush([DUC]);
    await t.settle();
    (t.root.querySelector('[data-username="hocvien"]') as HTMLButtonElement).click();
    await t.settle();

    await t.choose('nomination-unit', 'Thành đoàn Hà Nội');
    (t.byId('nomination-add-unit') as HTMLButtonElement).click();
    backend.expectOne('/api/v1/users?orgUnitId=o-hn').flush([DUC, HOA]);
    await t.settle();
    expect(t.text('nomination-picked')).toBe('Đã chọn 2 cán bộ.');

    (t.byId('nomination-check') as HTMLButtonElement).click();
    const req = backend.expectOne('/api/v1/eligibility/check');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ title: 'secretary.commune', on: '2026-06-01', userIds: ['u-duc', 'u-hoa'] });
    const batch: TitleEligibilityBatch = {
      title: 'secretary.commune',
      on: '2026-06-01',
      results: [
        answer({ eligible: true, reason: 'certificate_held', certificateId: 'c-1', serialNumber: 'HNI-2026-000007', certificateCode: 'Ab3dEf6h', expiresOn: null }),
        answer({ userId: 'u-hoa' }),
      ],
      notFound: [],
    };
    req.flush(batch);
    await t.settle();
    expect(t.text('nomination-summary')).toBe('1/2 cán bộ đủ điều kiện giới thiệu.');
    expect(t.rows()).toEqual([
      'Nguyễn Văn Đức (hocvien) | Đủ điều kiện | Có chứng chỉ số hiệu HNI-2026-000007 | Xem chứng chỉ HNI-2026-000007',
      'Lê Thị Hoa (hv.hoa) | Chưa đủ điều kiện | Chưa có chứng chỉ bồi dưỡng theo chức danh',
    ]);
    expect(t.root.querySelector('[data-testid="eligibility-certificate"]')?.getAttribute('href')).toBe('/certificates/verify/Ab3dEf6h');
    expect(t.byId('nomination-not-found')).toBeNull();
  });

  it('asks for a title and at least one cadre before calling the API, and says how many were out of reach', async () => {
    const t = await setup();
    (t.byId('nomination-check') as HTMLButtonElement).click();
    await t.settle();
    expect(t.text('nomination-problem')).toBe('Vui lòng chọn chức danh.');
    await t.choose('nomination-title', 'Bí thư Đoàn xã/phường/đặc khu');
    (t.byId('nomination-check') as HTMLButtonElement).click();
    await t.settle();
    expect(t.text('nomination-problem')).toBe('Chưa chọn cán bộ nào.');

    type(t.byId('nomination-search'), 'hoa');
    (t.byId('nomination-find') as HTMLButtonElement).click();
    backend.expectOne('/api/v1/users?q=hoa').flush([HOA]);
    await t.settle();
    (t.root.querySelector('[data-username="hv.hoa"]') as HTMLButtonElement).click();
    await t.settle();
    (t.byId('nomination-check') as HTMLButtonElement).click();
    backend.expectOne('/api/v1/eligibility/check').flush({ title: 'secretary.commune', on: todayInVietnam(), results: [], notFound: ['u-hoa'] });
    await t.settle();
    expect(t.byId('nomination-problem')).toBeNull();
    expect(t.text('nomination-summary')).toBe('0/0 cán bộ đủ điều kiện giới thiệu.');
    expect(t.text('nomination-not-found')).toBe('1 cán bộ không thuộc phạm vi quản lý của bạn nên không được xét.');
  });

  it('shows the API message when the check is refused', async () => {
    const t = await setup();
    await t.choose('nomination-title', 'Bí thư Đoàn xã/phường/đặc khu');
    type(t.byId('nomination-search'), 'duc');
    (t.byId('nomination-find') as HTMLButtonElement).click();
    backend.expectOne('/api/v1/users?q=duc').flush([DUC]);
    await t.settle();
    (t.root.querySelector('[data-username="hocvien"]') as HTMLButtonElement).click();
    (t.byId('nomination-check') as HTMLButtonElement).click();
    backend
      .expectOne('/api/v1/eligibility/check')
      .flush(apiError('CERTIFICATE_NO_RULE_SET', 'Chưa có bộ quy tắc cấp chứng chỉ có hiệu lực.', 'No rule set in force.'), { status: 422, statusText: 'Unprocessable' });
    await t.settle();
    expect(t.text('nomination-error')).toBe('Chưa có bộ quy tắc cấp chứng chỉ có hiệu lực.');
    expect(t.byId('nomination-results')).toBeNull();
  });
});
