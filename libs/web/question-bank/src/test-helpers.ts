import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { Permission, type CurrentUser, type ItemSummary, type ItemVersionView } from '@boiduong/shared-contracts';
import { LanguageService, SessionStore } from '@boiduong/web-core';
import { provideTranslateService, TranslateService } from '@ngx-translate/core';

/** Shared by this library's specs only; not exported from the public API. */
export const LECTURER: CurrentUser = {
  id: 'u-gv',
  username: 'giangvien',
  fullName: 'Lê Văn Giảng',
  email: null,
  orgUnit: { id: 'o-hn', code: 'HNI', name: 'Thành đoàn Hà Nội', type: 'province' },
  roles: [{ role: 'lecturer', orgUnitId: 'o-hn', orgUnitCode: 'HNI', orgUnitName: 'Thành đoàn Hà Nội' }],
  permissions: [Permission.ItemAuthor, Permission.ItemReview],
  mustChangePassword: false,
};

/** Both languages, so a test can switch and see the other. */
export const VI = {
  common: { loading: 'Đang tải…' },
  questionBank: {
    true: 'Đúng',
    false: 'Sai',
    errors: { network: 'Không kết nối được máy chủ.' },
    types: { single_choice: 'Một lựa chọn', ordering: 'Sắp xếp thứ tự', true_false: 'Đúng/Sai' },
    statuses: { draft: 'Bản nháp', in_review: 'Chờ duyệt', approved: 'Đã duyệt' },
    validation: { stemRequired: 'Vui lòng nhập nội dung câu hỏi.', oneCorrect: 'Chọn đúng một đáp án đúng.', topicLength: 'Chủ đề cần từ {{min}} đến {{max}} ký tự.' },
    list: { empty: 'Không có câu hỏi nào phù hợp.', page: 'Trang {{page}}' },
    editor: { newVersion: 'Khi lưu sẽ tạo phiên bản {{version}}.' },
    review: { done: { approve: 'Đã duyệt câu hỏi.', 'submit-review': 'Đã gửi câu hỏi đi duyệt.' }, commentRequired: 'Vui lòng ghi nhận xét.' },
    import: {
      previewSummary: 'Sẽ thêm mới {{created}}, cập nhật {{updated}}, bỏ qua {{skipped}} câu; {{errors}} mục lỗi.',
      resultSummary: 'Đã thêm mới {{created}}, cập nhật {{updated}}, bỏ qua {{skipped}} câu.',
      confirm: 'Nhập {{count}} câu',
      confirmValid: 'Chỉ nhập {{count}} câu hợp lệ',
      actions: { create: 'Thêm mới', skip: 'Đã có, bỏ qua' },
    },
  },
};
export const EN = {
  questionBank: { errors: { network: 'Cannot reach the server.' }, validation: { stemRequired: 'Enter the question.' } },
};

export async function setupTestBed(permissions: readonly Permission[] = LECTURER.permissions, user: Partial<CurrentUser> = {}): Promise<HttpTestingController> {
  localStorage.clear();
  TestBed.configureTestingModule({
    providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), provideTranslateService({ fallbackLang: 'vi' })],
  });
  const translate = TestBed.inject(TranslateService);
  translate.setTranslation('vi', VI);
  translate.setTranslation('en', EN);
  await TestBed.inject(LanguageService).init();
  TestBed.inject(SessionStore).start({
    accessToken: 'a',
    refreshToken: 'r',
    expiresIn: 900,
    user: { ...LECTURER, ...user, permissions: [...permissions] },
  });
  return TestBed.inject(HttpTestingController);
}

export function query(root: HTMLElement) {
  const byId = (id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  const allById = (id: string) => [...root.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
  const text = (id: string) => byId(id)?.textContent?.replace(/\s+/g, ' ').trim();
  return { byId, allById, text };
}

export function type(input: HTMLElement | null | undefined, value: string): void {
  const field = input as HTMLInputElement | HTMLSelectElement;
  field.value = value;
  field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input'));
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function apiError(code: string, vi: string, en: string, details?: unknown) {
  return { code, message: { vi, en }, ...(details === undefined ? {} : { details }) };
}

export function version(over: Partial<ItemVersionView> = {}): ItemVersionView {
  return {
    itemId: 'i-1',
    version: 1,
    type: 'single_choice',
    stem: '<p>Đoàn TNCS Hồ Chí Minh được thành lập ngày nào?</p>',
    options: [
      { id: 'a', text: '26/3/1931' },
      { id: 'b', text: '3/2/1930' },
    ],
    key: 'a',
    scoring: {},
    explanation: null,
    topic: 'Lịch sử Đoàn',
    level: 'recognition',
    programIds: [],
    tags: ['lịch sử'],
    estimatedSeconds: null,
    source: { document: 'Điều lệ Đoàn TNCS Hồ Chí Minh' },
    authorId: LECTURER.id,
    contentHash: 'h'.repeat(64),
    usedAt: null,
    createdAt: '2026-11-01T08:00:00.000Z',
    ...over,
  };
}

export function summary(over: Partial<ItemSummary> = {}): ItemSummary {
  return {
    id: 'i-1',
    type: 'single_choice',
    status: 'draft',
    currentVersion: 1,
    approvedVersion: null,
    ownerOrgUnitId: 'o-hn',
    stem: '<p>Đoàn TNCS Hồ Chí Minh được thành lập ngày nào?</p>',
    topic: 'Lịch sử Đoàn',
    level: 'recognition',
    tags: ['lịch sử'],
    externalRef: null,
    updatedAt: '2026-11-01T08:00:00.000Z',
    ...over,
  };
}
