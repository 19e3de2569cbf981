import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { Permission, type CurrentUser } from '@boiduong/shared-contracts';
import { LanguageService, SessionStore } from '@boiduong/web-core';
import { provideTranslateService, TranslateService } from '@ngx-translate/core';
import type { ExamSettings } from './lib/data/exam-admin.models';

/** Shared by this library's specs only; not exported from the public API. */
export const ORG_ADMIN: CurrentUser = {
  id: 'u-admin',
  username: 'admin.hanoi',
  fullName: 'Trần Thị Hà',
  email: null,
  orgUnit: { id: 'o-hn', code: 'HNI', name: 'Thành đoàn Hà Nội', type: 'province' },
  roles: [{ role: 'org_admin', orgUnitId: 'o-hn', orgUnitCode: 'HNI', orgUnitName: 'Thành đoàn Hà Nội' }],
  permissions: [Permission.ExamManage],
  mustChangePassword: false,
};

/** The app's Vietnamese texts these screens use (a copy: tests read no files of the app). */
export const VI = {
  "common": {
    "loading": "Đang tải…"
  },
  "examAdmin": {
    "nav": "Quản lý bài kiểm tra",
    "title": {
      "list": "Quản lý bài kiểm tra",
      "create": "Tạo bài kiểm tra",
      "edit": "Sửa bài kiểm tra",
      "exam": "Bài kiểm tra"
    },
    "status": {
      "upcoming": "Sắp mở",
      "open": "Đang mở",
      "closed": "Đã đóng"
    },
    "release": {
      "immediate": "Công bố ngay khi nộp",
      "after_close": "Công bố khi bài kiểm tra đóng",
      "manual": "Công bố thủ công"
    },
    "review": {
      "none": "Không cho xem lại",
      "responses": "Xem lại câu trả lời và điểm từng câu",
      "full": "Xem lại cả đáp án và giải thích"
    },
    "overdue": {
      "autosubmit": "Tự động nộp khi hết giờ",
      "graceperiod": "Cho thêm thời gian để nộp (không sửa bài)",
      "autoabandon": "Không tính bài nộp quá giờ"
    },
    "attemptsPolicy": {
      "highest": "Lần cao điểm nhất",
      "last": "Lần cuối cùng",
      "first": "Lần đầu tiên",
      "average": "Trung bình các lần"
    },
    "levels": {
      "recognition": "Nhận biết",
      "comprehension": "Thông hiểu",
      "application": "Vận dụng",
      "high_application": "Vận dụng cao"
    },
    "attemptStatus": {
      "in_progress": "Đang làm",
      "submitted": "Đã nộp",
      "abandoned": "Không tính"
    },
    "list": {
      "heading": "Quản lý bài kiểm tra",
      "create": "Tạo bài kiểm tra",
      "course": "Lớp bồi dưỡng",
      "allCourses": "Tất cả các lớp",
      "search": "Tìm theo tên bài",
      "statusFilter": "Lọc theo trạng thái",
      "allStatuses": "Tất cả",
      "attempts": "{{started}} lượt làm, {{finished}} đã xong",
      "awaiting": "{{n}} bài chờ chấm tự luận",
      "released": "Đã công bố kết quả",
      "empty": "Không có bài kiểm tra nào khớp bộ lọc.",
      "pages": "Trang",
      "page": "Trang {{n}}",
      "prev": "Trang trước",
      "next": "Trang sau"
    },
    "form": {
      "back": "Quay lại",
      "createHeading": "Tạo bài kiểm tra",
      "editHeading": "Sửa bài kiểm tra",
      "frozen": "Bài kiểm tra đã mở nên không thể sửa cấu hình nữa: mọi học viên phải làm cùng một cấu hình. Cần thêm giờ hoặc mở lại bài làm thì dùng chức năng của giám thị.",
      "general": "Thông tin chung",
      "course": "Lớp bồi dưỡng",
      "chooseCourse": "Chọn lớp…",
      "title": "Tên bài kiểm tra",
      "blueprint": "Ma trận đề",
      "blueprintHint": "Mỗi dòng: chủ đề × mức độ nhận thức → số câu và điểm mỗi câu. Số câu hỏi đã duyệt sẵn có trong ngân hàng hiện dưới mỗi dòng.",
      "topic": "Chủ đề",
      "level": "Mức độ",
      "count": "Số câu",
      "points": "Điểm/câu",
      "addRow": "Thêm dòng",
      "removeRow": "Xóa dòng",
      "available": "Ngân hàng có {{available}} câu đã duyệt, ma trận cần {{needed}}.",
      "short": "Không đủ câu hỏi: cần {{needed}}, ngân hàng chỉ có {{available}} câu đã duyệt.",
      "maxScore": "Tổng điểm: {{n}}",
      "timing": "Thời gian",
      "opensAt": "Mở lúc",
      "closesAt": "Đóng lúc",
      "timeLimit": "Thời gian làm bài (phút, để trống nếu không giới hạn)",
      "overdue": "Khi hết giờ",
      "grace": "Thời gian được nộp thêm (phút)",
      "attemptsAndScoring": "Lượt làm và chấm điểm",
      "maxAttempts": "Số lượt làm tối đa (để trống nếu không giới hạn)",
      "attemptsPolicy": "Lượt được tính",
      "passMark": "Điểm đạt (% tổng điểm)",
      "resultRelease": "Công bố kết quả",
      "reviewPolicy": "Xem lại bài sau khi công bố",
      "shuffleItems": "Trộn thứ tự câu hỏi",
      "shuffleOptions": "Trộn thứ tự phương án",
      "room": "Phòng thi có giám sát",
      "roomHint": "Để trống nếu học viên làm bài ở bất cứ đâu.",
      "accessCode": "Mã vào phòng thi",
      "networks": "Dải mạng được phép (CIDR, mỗi dòng một dải, ví dụ 10.1.2.0/24)",
      "save": "Lưu bài kiểm tra",
      "saving": "Đang lưu…",
      "invalid": {
        "course": "Hãy chọn lớp bồi dưỡng.",
        "title": "Hãy nhập tên bài kiểm tra (tối đa 255 ký tự).",
        "blueprint": "Mỗi dòng ma trận cần chủ đề, số câu từ 1 đến 200 và điểm mỗi câu từ 0,25 đến 100.",
        "timeLimit": "Thời gian làm bài phải từ 1 đến 1440 phút.",
        "window": "Hãy nhập giờ mở và giờ đóng; giờ đóng phải sau giờ mở.",
        "maxAttempts": "Số lượt làm phải là số nguyên từ 1 đến 100.",
        "passMark": "Điểm đạt phải từ 0 đến 100 (%).",
        "grace": "Thời gian nộp thêm phải từ 0 đến 1440 phút.",
        "accessCode": "Mã vào phòng thi dài từ 4 đến 64 ký tự (để trống nếu không cần)."
      }
    },
    "exam": {
      "back": "Danh sách bài kiểm tra",
      "edit": "Sửa cấu hình",
      "viewSettings": "Xem cấu hình",
      "window": "Thời gian mở",
      "timeLimit": "Thời gian làm bài",
      "noLimit": "Không giới hạn",
      "minutes": "{{n}} phút",
      "maxScore": "Tổng điểm",
      "passMark": "đạt từ {{n}}%",
      "releasedAt": "đã công bố lúc {{at}}",
      "releaseHeading": "Công bố kết quả",
      "release": "Công bố kết quả ngay",
      "releaseConfirm": "Sau khi công bố, học viên thấy điểm của mình và không thể thu hồi. Công bố kết quả ngay?",
      "releaseYes": "Công bố",
      "releaseNo": "Hủy",
      "results": "Kết quả các lượt làm",
      "learner": "Học viên",
      "attempt": "Lượt",
      "status": "Trạng thái",
      "score": "Điểm (thang 10)",
      "passed": "Đạt",
      "pending": "Chờ chấm tự luận",
      "yes": "Đạt",
      "no": "Chưa đạt",
      "noResults": "Chưa có ai làm bài."
    },
    "errors": {
      "network": "Không kết nối được máy chủ.",
      "forbidden": "Bạn không có quyền quản lý bài kiểm tra này.",
      "notFound": "Không tìm thấy bài kiểm tra.",
      "unexpected": "Đã có lỗi xảy ra."
    }
  }
};

export async function setupTestBed(): Promise<{ backend: HttpTestingController }> {
  localStorage.clear();
  TestBed.configureTestingModule({
    providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), provideTranslateService({ fallbackLang: 'vi' })],
  });
  const translate = TestBed.inject(TranslateService);
  translate.setTranslation('vi', VI);
  await TestBed.inject(LanguageService).init();
  TestBed.inject(SessionStore).start({ accessToken: 'a', refreshToken: 'r', expiresIn: 900, user: ORG_ADMIN });
  return { backend: TestBed.inject(HttpTestingController) };
}

export function query(root: HTMLElement) {
  const byId = (id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  const allById = (id: string) => [...root.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
  const text = (id: string) => byId(id)?.textContent?.replace(/\s+/g, ' ').trim();
  return { byId, allById, text };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The next request to `url` (method GET unless given), waiting for it. */
export async function nextRequest(backend: HttpTestingController, url: string, method = 'GET', timeoutMs = 4000): Promise<TestRequest> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = backend.match({ method, url });
    if (found.length > 1) throw new Error(`${found.length} requests to ${method} ${url}, expected one`);
    if (found.length === 1) return found[0];
    if (Date.now() > until) throw new Error(`No request to ${method} ${url} within ${timeoutMs} ms`);
    await sleep(10);
  }
}

/** Types into an input or picks in a select, as a user would. */
export function enter(el: HTMLElement | null, value: string): void {
  if (!el) throw new Error('no such control');
  (el as HTMLInputElement).value = value;
  el.dispatchEvent(new Event(el.tagName === 'SELECT' ? 'change' : 'input'));
}

export function settings(overrides: Partial<ExamSettings> = {}): ExamSettings {
  return {
    id: 'e-1',
    courseId: 'c-1',
    title: 'Kiểm tra cuối khóa',
    blueprint: [{ topic: 'Điều lệ Đoàn', level: 'recognition', count: 2, points: 1.5 }],
    timeLimitSeconds: 2700,
    opensAt: '2030-01-10T01:00:00.000Z',
    closesAt: '2030-01-10T03:00:00.000Z',
    maxAttempts: 2,
    attemptsPolicy: 'highest',
    passMark: 50,
    overdueHandling: 'autosubmit',
    gracePeriodSeconds: 0,
    shuffleItems: true,
    shuffleOptions: true,
    resultRelease: 'manual',
    resultsReleasedAt: null,
    reviewPolicy: 'responses',
    accessCode: null,
    allowedNetworks: [],
    frozen: false,
    ...overrides,
  };
}
