import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { Permission, type CurrentUser, type ExamStatisticsView, type ItemVersionStatistics } from '@boiduong/shared-contracts';
import { LanguageService, SessionStore } from '@boiduong/web-core';
import { provideTranslateService, TranslateService } from '@ngx-translate/core';
import { provideEchartsCore } from 'ngx-echarts';
import { vi } from 'vitest';

/** Shared by this library's specs only; not exported from the public API. */
export const LECTURER: CurrentUser = {
  id: 'u-gv',
  username: 'giangvien',
  fullName: 'Phạm Minh Tuấn',
  email: null,
  orgUnit: { id: 'o-hn', code: 'HNI', name: 'Thành đoàn Hà Nội', type: 'province' },
  roles: [{ role: 'lecturer', orgUnitId: 'o-hn', orgUnitCode: 'HNI', orgUnitName: 'Thành đoàn Hà Nội' }],
  permissions: [Permission.StatisticsRead],
  mustChangePassword: false,
};

/** The app's Vietnamese texts these screens use (a copy: tests read no files of the app). */
export const VI = {
  "common": {
    "loading": "Đang tải…"
  },
  "statistics": {
    "nav": "Thống kê câu hỏi",
    "title": {
      "list": "Thống kê bài kiểm tra",
      "exam": "Thống kê bài kiểm tra",
      "item": "Thống kê câu hỏi"
    },
    "common": {
      "attempts": "Số bài làm",
      "alpha": "Độ tin cậy (alpha)",
      "computedAt": "Tính lúc",
      "notComputed": "Chưa tính"
    },
    "list": {
      "heading": "Thống kê bài kiểm tra",
      "hint": "Độ khó, độ phân biệt và độ tin cậy tính từ bài làm đã chấm; tự tính lại khi bài kiểm tra đóng.",
      "exam": "Bài kiểm tra",
      "closesAt": "Đóng lúc",
      "flagged": "Câu cần xem lại",
      "empty": "Chưa có bài kiểm tra nào trong đơn vị của bạn."
    },
    "exam": {
      "back": "Danh sách bài kiểm tra",
      "recompute": "Tính lại thống kê",
      "running": "Đang tính thống kê…",
      "computed": "Tính lúc {{at}} từ {{responses}} câu trả lời ({{ms}} ms).",
      "summary": "Tổng quan",
      "mean": "Điểm trung bình (trên {{max}})",
      "sd": "Độ lệch chuẩn",
      "sem": "Sai số chuẩn đo lường",
      "slotsNote": "Mỗi học viên nhận đề rút từ ma trận đề: độ tin cậy tính theo vị trí câu hỏi trong ma trận.",
      "irtFitted": "Mô hình IRT 2 tham số: {{items}} câu hỏi, độ tin cậy (EAP) {{reliability}}.",
      "irtSkipped": {
        "too_few_attempts": "Chưa đủ bài làm để ước lượng mô hình IRT (cần ít nhất 100).",
        "too_few_items": "Chưa đủ câu hỏi đúng/sai có đủ câu trả lời để ước lượng mô hình IRT.",
        "calibration_failed": "Không ước lượng được mô hình IRT trên dữ liệu này."
      },
      "histogram": "Phân bố điểm",
      "histogramX": "Điểm (thang 10)",
      "items": "Các câu hỏi",
      "itemsHint": "Bấm tiêu đề cột để sắp xếp; câu có cờ cần được xem lại.",
      "none": "Chưa có thống kê cho bài kiểm tra này."
    },
    "item": {
      "back": "Về bài kiểm tra",
      "stem": "Câu hỏi",
      "versionOf": "Phiên bản {{version}}",
      "responses": "Số lượt trả lời",
      "facility": "Độ khó (tỉ lệ đúng)",
      "discrimination": "Độ phân biệt",
      "efficiency": "Hiệu quả phân biệt (%)",
      "pointBiserial": "Tương quan điểm - tổng",
      "upperLower": "Chỉ số D (27% trên - dưới)",
      "irtA": "IRT a",
      "irtB": "IRT b",
      "flags": "Cờ",
      "noFlags": "Đạt",
      "numbers": "Chỉ số",
      "icc": "Đường cong đặc trưng câu hỏi (2PL)",
      "noIrt": "Chưa có tham số IRT cho câu hỏi này.",
      "theta": "Năng lực (θ)",
      "probability": "Xác suất trả lời đúng",
      "distractors": "Phân tích phương án",
      "optionHeader": "Phương án",
      "option": "Phương án {{n}}",
      "blank": "Không trả lời",
      "key": "đáp án",
      "count": "Số lượt chọn",
      "all": "Tất cả",
      "upper": "Nhóm cao",
      "lower": "Nhóm thấp",
      "restCorrelation": "Tương quan với phần còn lại",
      "true": "Đúng",
      "false": "Sai",
      "missing": "Câu hỏi này không có trong thống kê của bài kiểm tra."
    },
    "flags": {
      "FACILITY_LOW": "Quá khó",
      "FACILITY_HIGH": "Quá dễ",
      "NEGATIVE_DISCRIMINATION": "Phân biệt âm (xem lại đáp án)",
      "LOW_DISCRIMINATION": "Phân biệt thấp",
      "LOW_EFFICIENCY": "Hiệu quả phân biệt thấp",
      "DISTRACTOR_RARE": "Phương án nhiễu ít người chọn",
      "DISTRACTOR_POSITIVE": "Phương án nhiễu hút nhóm giỏi"
    },
    "errors": {
      "network": "Không kết nối được máy chủ.",
      "notFound": "Không tìm thấy bài kiểm tra.",
      "unexpected": "Đã có lỗi xảy ra."
    }
  }
};

/** Stands in for ECharts (jsdom draws nothing): records the options each chart was given. */
export interface FakeChart {
  element: HTMLElement;
  setOption: ReturnType<typeof vi.fn>;
}

export async function setupTestBed(): Promise<{ backend: HttpTestingController; charts: FakeChart[] }> {
  localStorage.clear();
  const charts: FakeChart[] = [];
  if (!('ResizeObserver' in window)) {
    Object.assign(window, {
      ResizeObserver: class {
        observe(): void {
          /* jsdom has no layout: nothing ever resizes */
        }
        unobserve(): void {
          /* see observe */
        }
        disconnect(): void {
          /* see observe */
        }
      },
    });
  }
  const echarts = {
    init: (element: HTMLElement) => {
      const chart = { element, setOption: vi.fn(), dispose: vi.fn(), isDisposed: () => false, resize: vi.fn(), on: vi.fn(), off: vi.fn(), showLoading: vi.fn(), hideLoading: vi.fn() };
      charts.push(chart);
      return chart;
    },
  };
  TestBed.configureTestingModule({
    providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), provideTranslateService({ fallbackLang: 'vi' }), provideEchartsCore({ echarts })],
  });
  const translate = TestBed.inject(TranslateService);
  translate.setTranslation('vi', VI);
  await TestBed.inject(LanguageService).init();
  TestBed.inject(SessionStore).start({ accessToken: 'a', refreshToken: 'r', expiresIn: 900, user: LECTURER });
  return { backend: TestBed.inject(HttpTestingController), charts };
}

export function query(root: HTMLElement) {
  const byId = (id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  const allById = (id: string) => [...root.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
  const text = (id: string) => byId(id)?.textContent?.replace(/\s+/g, ' ').trim();
  return { byId, allById, text };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The next request to `url` (method GET unless given), waiting for it: polling and reloads send
 * theirs from timers, later on a loaded machine than a fixed sleep would allow.
 */
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

export function item(n: number, overrides: Partial<ItemVersionStatistics> = {}): ItemVersionStatistics {
  return {
    itemId: `i-${n}`,
    itemVersionId: `v-${n}`,
    version: 1,
    type: 'single_choice',
    stem: `Câu hỏi số ${n} về Điều lệ Đoàn?`,
    topic: 'Điều lệ Đoàn',
    level: 'recognition',
    responses: 120,
    maxMark: 1,
    facility: 0.5,
    sd: 0.5,
    discriminationIndex: 40,
    discriminativeEfficiency: 60,
    effectiveWeight: 33.3,
    pointBiserial: 0.5,
    pointBiserialRest: 0.4,
    upperLowerD: 0.45,
    flags: [],
    distractors: null,
    irt: null,
    ...overrides,
  };
}

export function examView(items: ItemVersionStatistics[], overrides: Partial<ExamStatisticsView> = {}): ExamStatisticsView {
  return {
    examId: 'e-1',
    title: 'Kiểm tra cuối khóa',
    closesAt: '2026-11-20T10:00:00.000Z',
    running: false,
    snapshot: {
      id: 's-1',
      computedAt: '2026-11-20T10:05:00.000Z',
      durationMs: 42,
      attempts: 120,
      responses: 120 * items.length,
      test: {
        attempts: 120,
        maxScore: items.length,
        mean: 1.75,
        median: 2,
        sd: 0.8,
        skewness: 0,
        kurtosis: 0,
        alpha: 0.8123,
        kr20: 0.8123,
        sem: 0.35,
        reliabilityBasis: 'items',
        histogram: [0, 1, 2, 5, 10, 20, 30, 25, 20, 7],
      },
      irt: null,
      irtSkipped: 'too_few_attempts',
      items,
    },
    ...overrides,
  };
}
