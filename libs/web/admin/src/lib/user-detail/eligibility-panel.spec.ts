import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Permission, type TitleEligibility } from '@boiduong/shared-contracts';
import { todayInVietnam } from '@boiduong/web-shared-ui';
import { apiError, ORG_ADMIN, query, setupTestBed } from '@boiduong/web-testing';
import type { CadreProfile } from '../data/admin.models';
import { EligibilityPanel } from './eligibility-panel';

const CADRE: CadreProfile = { title: 'secretary.commune', plannedTitles: ['secretary.province'], employment: 'part_time' };

function answer(over: Partial<TitleEligibility>): TitleEligibility {
  return { eligible: false, reason: 'no_certificate', message: { vi: '', en: '' }, userId: 'u-duc', title: 'secretary.commune', on: todayInVietnam(), ...over };
}
const url = (title: string, on = todayInVietnam()) => `/api/v1/eligibility?userId=u-duc&title=${title}&on=${on}`;

describe('EligibilityPanel', { timeout: 30_000 }, () => {
  let backend: HttpTestingController;

  async function setup(cadre: CadreProfile | null = CADRE) {
    backend = await setupTestBed({ user: ORG_ADMIN, permissions: [Permission.UserRead] });
    const fixture = TestBed.createComponent(EligibilityPanel);
    fixture.componentRef.setInput('userId', 'u-duc');
    fixture.componentRef.setInput('cadre', cadre);
    fixture.detectChanges();
    const root = fixture.nativeElement as HTMLElement;
    const rows = () =>
      [...root.querySelectorAll<HTMLElement>('[data-testid="eligibility-results"] li')].map((li) => ({
        title: li.dataset['title'],
        text: [...li.querySelectorAll('.title, bd-eligibility-verdict > *')].map((e) => e.textContent?.replace(/\s+/g, ' ').trim()).join(' | '),
        link: li.querySelector<HTMLAnchorElement>('[data-testid="eligibility-certificate"]')?.getAttribute('href') ?? null,
      }));
    return { fixture, root, rows, ...query(root) };
  }

  afterEach(() => backend.verify());

  it('answers for the title held and the planned ones as of today: the certificate with its number and link, or why not', async () => {
    const t = await setup();
    backend
      .expectOne(url('secretary.commune'))
      .flush(answer({ eligible: true, reason: 'certificate_held', certificateId: 'c-1', serialNumber: 'HNI-2026-000007', certificateCode: 'Ab3dEf6h', expiresOn: null }));
    backend.expectOne(url('secretary.province')).flush(answer({ title: 'secretary.province' }));
    await t.fixture.whenStable();
    t.fixture.detectChanges();
    expect(t.rows()).toEqual([
      {
        title: 'secretary.commune',
        text: 'Bí thư Đoàn xã/phường/đặc khu (chức danh hiện tại) | Đủ điều kiện | Có chứng chỉ số hiệu HNI-2026-000007 | Xem chứng chỉ HNI-2026-000007',
        link: '/certificates/verify/Ab3dEf6h',
      },
      { title: 'secretary.province', text: 'Bí thư Tỉnh/Thành đoàn (trong quy hoạch) | Chưa đủ điều kiện | Chưa có chứng chỉ bồi dưỡng theo chức danh', link: null },
    ]);
  });

  it('asks again for the date chosen and names the end of the grace window', async () => {
    const t = await setup({ ...CADRE, plannedTitles: [] });
    backend.expectOne(url('secretary.commune')).flush(answer({ eligible: true, reason: 'within_grace_window', graceEndsOn: '2027-01-15' }));
    await t.fixture.whenStable();
    t.fixture.detectChanges();
    expect(t.rows()[0].text).toContain('Đủ điều kiện | Mới được bố trí chức danh, được bổ sung chứng chỉ đến hết ngày trước 2027-01-15');

    const date = t.byId('eligibility-on') as HTMLInputElement;
    date.value = '2027-01-15';
    date.dispatchEvent(new Event('change'));
    t.fixture.detectChanges();
    backend.expectOne(url('secretary.commune', '2027-01-15')).flush(answer({ reason: 'grace_window_over', graceEndsOn: '2027-01-15', on: '2027-01-15' }));
    await t.fixture.whenStable();
    t.fixture.detectChanges();
    expect(t.rows()[0].text).toContain('Chưa đủ điều kiện | Đã hết thời hạn bổ sung chứng chỉ (từ 2027-01-15)');
  });

  it('checks any title of the list the admin adds, also for someone with no title', async () => {
    const t = await setup(null);
    expect(t.text('eligibility-none')).toBe('Cán bộ chưa có chức danh nào để xét. Chọn một chức danh để kiểm tra.');
    (t.byId('eligibility-pick')?.querySelector('.mat-mdc-select-trigger') as HTMLElement).click();
    t.fixture.detectChanges();
    await t.fixture.whenStable();
    const option = [...document.querySelectorAll<HTMLElement>('mat-option')].find((o) => o.textContent?.includes('Chủ tịch Hội đồng Đội cấp xã'));
    option?.click();
    t.fixture.detectChanges();
    (t.byId('eligibility-add') as HTMLButtonElement).click();
    t.fixture.detectChanges();
    backend.expectOne(url('pioneer_council_chair.commune')).flush(answer({ title: 'pioneer_council_chair.commune' }));
    await t.fixture.whenStable();
    t.fixture.detectChanges();
    expect(t.rows()).toEqual([{ title: 'pioneer_council_chair.commune', text: 'Chủ tịch Hội đồng Đội cấp xã | Chưa đủ điều kiện | Chưa có chứng chỉ bồi dưỡng theo chức danh', link: null }]);
    expect(t.byId('eligibility-none')).toBeNull();
  });

  it('shows the API message when the cadre is out of reach', async () => {
    const t = await setup({ ...CADRE, plannedTitles: [] });
    backend.expectOne(url('secretary.commune')).flush(apiError('CADRE_NOT_FOUND', 'Không tìm thấy cán bộ.', 'Cadre not found.'), { status: 404, statusText: 'Not Found' });
    await t.fixture.whenStable();
    t.fixture.detectChanges();
    expect(t.text('eligibility-error')).toBe('Không tìm thấy cán bộ.');
    expect(t.byId('eligibility-results')).toBeNull();
  });
});
