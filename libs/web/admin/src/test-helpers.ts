import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { CurrentUser, OrgUnitSummary, Permission } from '@boiduong/shared-contracts';
import { LanguageService, SessionStore } from '@boiduong/web-core';
import { provideTranslateService, TranslateService } from '@ngx-translate/core';

/** Shared by this library's specs only; not exported from the public API. */
export const ADMIN_USER: CurrentUser = {
  id: 'u-admin',
  username: 'admin.hanoi',
  fullName: 'Trần Thị Hà',
  email: 'ha@example.vn',
  orgUnit: { id: 'o-hn', code: 'HNI', name: 'Thành đoàn Hà Nội', type: 'province' },
  roles: [{ role: 'org_admin', orgUnitId: 'o-hn', orgUnitCode: 'HNI', orgUnitName: 'Thành đoàn Hà Nội' }],
  permissions: [],
  mustChangePassword: false,
};

export function unit(id: string, code: string, name: string, type: OrgUnitSummary['type'], parentId: string | null): OrgUnitSummary {
  return { id, code, name, type, parentId, validFrom: '2025-07-01', validTo: null };
}

export const HANOI = unit('o-hn', 'HNI', 'Thành đoàn Hà Nội', 'province', 'o-tw');
export const BADINH = unit('o-bd', 'HNI-BADINH', 'Đoàn phường Ba Đình', 'commune', 'o-hn');
export const HOANKIEM = unit('o-hk', 'HNI-HOANKIEM', 'Đoàn phường Hoàn Kiếm', 'commune', 'o-hn');
export const BRANCH1 = unit('o-cd1', 'HNI-BADINH-CD1', 'Chi đoàn Tổ dân phố số 1', 'branch', 'o-bd');
export const VISIBLE_UNITS = [HANOI, BADINH, HOANKIEM, BRANCH1];

/** Both languages, so a test can switch and see the other. */
export const VI = {
  common: { loading: 'Đang tải…' },
  roles: { learner: 'Học viên', org_admin: 'Quản trị đơn vị', lecturer: 'Giảng viên' },
  orgUnitTypes: { province: 'Tỉnh/Thành', commune: 'Xã/Phường/Đặc khu', branch: 'Chi đoàn' },
  titles: { secretary: { commune: 'Bí thư Đoàn xã/phường/đặc khu', province: 'Bí thư Tỉnh/Thành đoàn' }, pioneer_council_chair: { commune: 'Chủ tịch Hội đồng Đội cấp xã' } },
  eligibility: {
    yes: 'Đủ điều kiện',
    no: 'Chưa đủ điều kiện',
    panel: { none: 'Cán bộ chưa có chức danh nào để xét. Chọn một chức danh để kiểm tra.', current: 'chức danh hiện tại', planned: 'trong quy hoạch' },
    reasons: {
      certificate_held: 'Có chứng chỉ số hiệu {{serial}}',
      within_grace_window: 'Mới được bố trí chức danh, được bổ sung chứng chỉ đến hết ngày trước {{date}}',
      no_certificate: 'Chưa có chứng chỉ bồi dưỡng theo chức danh',
      grace_window_over: 'Đã hết thời hạn bổ sung chứng chỉ (từ {{date}})',
    },
    verifyLink: 'Xem chứng chỉ {{serial}}',
  },
  admin: {
    errors: { network: 'Không kết nối được máy chủ.', unexpected: 'Đã có lỗi xảy ra.' },
    units: { add: 'Thêm đơn vị', created: 'Đã tạo đơn vị {{name}} ({{code}}).', under: 'thuộc {{name}}', noChildren: 'Chưa có đơn vị trực thuộc.', noMatch: 'Không có đơn vị nào phù hợp.', required: { code: 'Vui lòng nhập mã đơn vị.' } },
    users: { empty: 'Không có người dùng nào phù hợp.', required: { fullName: 'Vui lòng nhập họ và tên.' } },
    import: { summary: 'Thêm mới {{created}}, đã có {{unchanged}}, bỏ qua {{skipped}}.' },
    employments: { part_time: 'Bán chuyên trách' },
    genders: { female: 'Nữ' },
  },
  profile: { changed: 'Đã đổi mật khẩu.', mismatch: 'Mật khẩu nhập lại không khớp.' },
  unitImport: { open: 'Nhập đơn vị từ tệp', title: 'Nhập danh sách đơn vị', summary: 'Thêm mới {{created}}, đã có {{unchanged}}, bỏ qua {{skipped}}.' },
};
export const EN = {
  admin: { errors: { network: 'Cannot reach the server.', unexpected: 'Something went wrong.' } },
  orgUnitTypes: { province: 'Province/City', commune: 'Commune/Ward/Special zone', branch: 'Branch' },
};

export async function setupTestBed(permissions: readonly Permission[]): Promise<HttpTestingController> {
  localStorage.clear();
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter([]),
      provideTranslateService({ fallbackLang: 'vi' }),
    ],
  });
  const translate = TestBed.inject(TranslateService);
  translate.setTranslation('vi', VI);
  translate.setTranslation('en', EN);
  await TestBed.inject(LanguageService).init();
  TestBed.inject(SessionStore).start({
    accessToken: 'a',
    refreshToken: 'r',
    expiresIn: 900,
    user: { ...ADMIN_USER, permissions: [...permissions] },
  });
  return TestBed.inject(HttpTestingController);
}

export function query(root: HTMLElement) {
  const byId = (id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  const allById = (id: string) => [...root.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
  const text = (id: string) => byId(id)?.textContent?.replace(/\s+/g, ' ').trim();
  return { byId, allById, text };
}

export function type(input: HTMLElement | null, value: string): void {
  const field = input as HTMLInputElement | HTMLSelectElement;
  field.value = value;
  field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input'));
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function apiError(code: string, vi: string, en: string, details?: unknown) {
  return { code, message: { vi, en }, ...(details === undefined ? {} : { details }) };
}
