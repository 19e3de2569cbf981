import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { CurrentUser } from '@boiduong/shared-contracts';
import { LanguageService, SessionStore } from '@boiduong/web-core';
import { provideTranslateService, TranslateService } from '@ngx-translate/core';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { AnswerJournal } from './lib/journal/answer-journal';
import { EXAM_JOURNAL } from './lib/journal/journal.token';

/** Shared by this library's specs only; not exported from the public API. */
export const LEARNER: CurrentUser = {
  id: 'u-learner',
  username: 'hocvien',
  fullName: 'Nguyễn Văn Đức',
  email: null,
  orgUnit: { id: 'o-bd', code: 'HNI-BADINH', name: 'Đoàn phường Ba Đình', type: 'commune' },
  roles: [{ role: 'learner', orgUnitId: 'o-bd', orgUnitCode: 'HNI-BADINH', orgUnitName: 'Đoàn phường Ba Đình' }],
  permissions: ['exam.take'],
  mustChangePassword: false,
} as CurrentUser;

const VI = {
  exam: {
    status: { open: 'Đang mở', in_progress: 'Đang làm dở', upcoming: 'Chưa mở', closed: 'Đã đóng', no_attempts_left: 'Hết lượt làm bài' },
    list: { empty: 'Bạn chưa có bài kiểm tra nào.', open: 'Xem và làm bài', resume: 'Tiếp tục làm bài' },
    intro: { minutes: '{{count}} phút', attemptsOf: '{{left}} / {{max}} lượt', unlimited: 'Không giới hạn' },
    player: { position: 'Câu {{n}}/{{total}}', warning: { five: 'Còn 5 phút làm bài.', one: 'Còn 1 phút làm bài.' }, true: 'Đúng', false: 'Sai' },
    sync: { saved: 'Đã lưu mọi câu trả lời', saving: 'Đang lưu…', offline: 'Mất kết nối: {{count}} câu trả lời đang chờ gửi', retrying: 'Chưa gửi được: {{count}} câu trả lời đang chờ' },
    takeover: { waiting: '{{count}} câu trả lời trên thiết bị này chưa được gửi.' },
    review: { answered: 'Đã trả lời {{n}}/{{total}} câu.' },
    reviewAttempt: { true: 'Đúng', false: 'Sai' },
    result: { score: 'Điểm: {{scaled}}/10 ({{percent}}%)', passed: 'Đạt', failed: 'Chưa đạt', pending: 'Đang chờ chấm tự luận.' },
    errors: { network: 'Không kết nối được máy chủ.' },
  },
  grading: { queue: { anonymous: 'Bài {{label}}' } },
};

let journals = 0;

/** A TestBed with HTTP mocked, the learner signed in, and a fresh in-memory journal. */
export async function setupTestBed(): Promise<{ http: HttpTestingController; journal: AnswerJournal; router: Router }> {
  localStorage.clear();
  const journal = new AnswerJournal(`exam-spec-${Date.now()}-${++journals}`, { indexedDB, IDBKeyRange });
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter([]),
      provideTranslateService({ fallbackLang: 'vi' }),
      { provide: EXAM_JOURNAL, useValue: journal },
    ],
  });
  TestBed.inject(TranslateService).setTranslation('vi', VI);
  await TestBed.inject(LanguageService).init();
  TestBed.inject(SessionStore).start({ accessToken: 'a', refreshToken: 'r', expiresIn: 900, user: LEARNER });
  return { http: TestBed.inject(HttpTestingController), journal, router: TestBed.inject(Router) };
}

export function query(root: HTMLElement) {
  const byId = (id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  const allById = (id: string) => [...root.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
  const text = (id: string) => byId(id)?.textContent?.replace(/\s+/g, ' ').trim();
  return { byId, allById, text };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (real time) for a request the component makes after its asynchronous journal work. */
export async function nextRequest(http: HttpTestingController, method: string, url: string, timeoutMs = 10_000): Promise<TestRequest> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = http.match((r) => r.method === method && r.url === url);
    if (found.length) return found[0];
    if (Date.now() > until) throw new Error(`no ${method} ${url}`);
    await sleep(10);
  }
}

/** Polls a condition, re-rendering between tries. */
export async function until(check: () => boolean, render: () => void, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    render();
    if (check()) return;
    if (Date.now() > end) throw new Error('condition not met in time');
    await sleep(10);
  }
}
