import { HttpErrorResponse } from '@angular/common/http';
import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { Router } from '@angular/router';
import { LEARNER, nextRequest, query, setupTestBed, sleep, until } from '@boiduong/web-testing';
import { memoryJournal, provideJournal } from '../../test-fixtures';
import type { AttemptView } from '../data/exam.models';
import type { AnswerJournal } from '../journal/answer-journal';
import { ExamPlayerPage } from './exam-player-page';

/** Far from the device's clock on purpose: the countdown must follow the server. */
const SERVER_NOW = Date.parse('2031-03-01T08:00:00.000Z');

function attempt(deadlineInMs: number, responses: AttemptView['responses'] = []): AttemptView {
  return {
    attemptId: 'att-1',
    examId: 'exam-1',
    status: 'in_progress',
    deadline: new Date(SERVER_NOW + deadlineInMs).toISOString(),
    serverNow: new Date(SERVER_NOW).toISOString(),
    timeLeftMs: deadlineInMs,
    items: [
      { itemId: 'i1', type: 'single_choice', stem: 'Đại hội Đoàn họp mấy năm một lần?', options: [{ id: 'a', text: '3 năm' }, { id: 'b', text: '5 năm' }], points: 1 },
      { itemId: 'i2', type: 'true_false', stem: 'Đoàn viên có quyền ứng cử.', options: [], points: 1 },
      { itemId: 'i3', type: 'essay', stem: 'Trình bày vai trò của chi đoàn.', options: [], points: 2 },
    ],
    responses,
  };
}

// Generous: the journal is real IndexedDB (in memory) and the sync waits real debounce and backoff delays.
describe('ExamPlayerPage', { timeout: 30_000 }, () => {
  let http: HttpTestingController;
  let journal: AnswerJournal;
  let router: Router;
  let fixture: ComponentFixture<ExamPlayerPage>;
  let root: HTMLElement;
  let q: ReturnType<typeof query>;

  const render = () => fixture.detectChanges();
  const open = async (view: AttemptView | HttpErrorResponse) => {
    fixture = TestBed.createComponent(ExamPlayerPage);
    fixture.componentRef.setInput('attemptId', 'att-1');
    root = fixture.nativeElement as HTMLElement;
    q = query(root);
    render();
    const req = await nextRequest(http, '/api/v1/attempts/att-1');
    if (view instanceof HttpErrorResponse) req.flush(null, { status: view.status, statusText: view.statusText });
    else req.flush(view);
    await until(() => !!q.byId('exam-player') || !!q.byId('exam-player-error'), { render });
  };

  beforeEach(async () => {
    journal = memoryJournal();
    http = await setupTestBed({ user: LEARNER, providers: [provideJournal(journal)] });
    router = TestBed.inject(Router);
  });
  afterEach(async () => {
    fixture?.destroy();
    // Lets journal work started before the destroy settle.
    await sleep(50);
    await journal.destroy();
  });

  it('counts down from the server’s deadline and clock, not the device’s', async () => {
    await open(attempt(10 * 60_000));
    expect(q.text('exam-countdown')).toMatch(/^(10:00|09:59)$/);
    expect(q.text('exam-position')).toBe('Câu 1/3');
    expect(q.allById('exam-nav-item')).toHaveLength(3);
    expect(q.byId('exam-warning')).toBeNull();
  });

  it('warns at 5 minutes and at 1 minute left', async () => {
    await open(attempt(4 * 60_000));
    expect(q.byId('exam-warning')?.getAttribute('data-warning')).toBe('five');
    fixture.destroy();
    await open(attempt(30_000));
    expect(q.byId('exam-warning')?.getAttribute('data-warning')).toBe('one');
  });

  it('writes an answer to the journal before sending it with its sequence number, then shows it saved', async () => {
    await open(attempt(10 * 60_000));
    root.querySelector<HTMLInputElement>('input[value="b"]')?.click();
    await until(() => q.byId('exam-sync')?.getAttribute('data-state') === 'saving', { render });
    expect((await journal.pending('att-1')).map((e) => [e.itemId, e.answer, e.seq])).toEqual([['i1', 'b', 1]]);
    const save = await nextRequest(http, '/api/v1/attempts/att-1/responses', { method: 'PUT' });
    expect(save.request.body).toEqual({ responses: [{ itemId: 'i1', answer: 'b', seq: 1 }] });
    save.flush({ saved: ['i1'], ignored: [], timeLeftMs: 599_000, serverNow: new Date(SERVER_NOW + 1000).toISOString() });
    await until(() => q.byId('exam-sync')?.getAttribute('data-state') === 'saved', { render });
    expect(q.text('exam-sync')).toContain('Đã lưu');
    expect(await journal.pending('att-1')).toEqual([]);
    expect(q.allById('exam-nav-item')[0].getAttribute('data-answered')).toBe('true');
  });

  it('says how many answers wait when the connection drops, and sends them on retry', async () => {
    await open(attempt(10 * 60_000));
    root.querySelector<HTMLInputElement>('input[value="a"]')?.click();
    (await nextRequest(http, '/api/v1/attempts/att-1/responses', { method: 'PUT' })).error(new ProgressEvent('error'), { status: 0 });
    await until(() => q.byId('exam-sync')?.getAttribute('data-state') === 'retrying', { render });
    expect(q.byId('exam-sync')?.getAttribute('data-waiting')).toBe('1');
    expect(q.text('exam-sync')).toContain('1 câu trả lời đang chờ');
    q.byId('exam-retry')?.click();
    const again = await nextRequest(http, '/api/v1/attempts/att-1/responses', { method: 'PUT' });
    expect(again.request.body).toEqual({ responses: [{ itemId: 'i1', answer: 'a', seq: 1 }] });
    again.flush({ saved: ['i1'], ignored: [], timeLeftMs: 1, serverNow: new Date(SERVER_NOW).toISOString() });
    await until(() => q.byId('exam-sync')?.getAttribute('data-state') === 'saved', { render });
  });

  it('continues the server’s sequence numbers on resume', async () => {
    await open(attempt(10 * 60_000, [{ itemId: 'i1', answer: 'a', seq: 4 }]));
    expect(root.querySelector<HTMLInputElement>('input[value="a"]')?.checked).toBe(true);
    root.querySelector<HTMLInputElement>('input[value="b"]')?.click();
    const save = await nextRequest(http, '/api/v1/attempts/att-1/responses', { method: 'PUT' });
    expect(save.request.body).toEqual({ responses: [{ itemId: 'i1', answer: 'b', seq: 5 }] });
    save.flush({ saved: ['i1'], ignored: [], timeLeftMs: 1, serverNow: new Date(SERVER_NOW).toISOString() });
  });

  it('opens from the device’s journal when the server cannot be reached, answers and flags included', async () => {
    const view = attempt(10 * 60_000);
    await journal.updateAttempt('att-1', { view, clockOffsetMs: SERVER_NOW - Date.now(), flags: ['i2'] });
    await journal.record('att-1', 'i1', 'b');
    await open(new HttpErrorResponse({ status: 0, statusText: 'Unknown Error' }));
    expect(q.byId('exam-from-device')).not.toBeNull();
    expect(root.querySelector<HTMLInputElement>('input[value="b"]')?.checked).toBe(true);
    expect(q.allById('exam-nav-item')[1].getAttribute('data-flagged')).toBe('true');
    expect(q.text('exam-countdown')).toMatch(/^(10:00|09:5\d)$/);
    // And it sends what waits as soon as it can.
    const save = await nextRequest(http, '/api/v1/attempts/att-1/responses', { method: 'PUT' });
    expect(save.request.body).toEqual({ responses: [{ itemId: 'i1', answer: 'b', seq: 1 }] });
    save.flush({ saved: ['i1'], ignored: [], timeLeftMs: 1, serverNow: new Date(SERVER_NOW).toISOString() });
  });

  it('flags for review, and lists unanswered and flagged questions before the submit', async () => {
    await open(attempt(10 * 60_000));
    q.byId('exam-flag')?.click();
    render();
    expect(q.byId('exam-flag')?.getAttribute('aria-pressed')).toBe('true');
    const end = Date.now() + 2000;
    while ((await journal.attempt('att-1')).flags.length === 0 && Date.now() < end) await sleep(10);
    expect((await journal.attempt('att-1')).flags).toEqual(['i1']);
    q.byId('exam-review-open')?.click();
    render();
    expect(q.text('exam-review')).toContain('0/3');
  });

  it('submits by itself when the server’s deadline passes, then shows the result', async () => {
    const navigate = vi.spyOn(router, 'navigate').mockResolvedValue(true);
    await open(attempt(1_200));
    await sleep(1_500);
    const submit = await nextRequest(http, '/api/v1/attempts/att-1/submit', { method: 'POST' });
    render();
    expect(q.byId('exam-time-up')).not.toBeNull();
    submit.flush({ attemptId: 'att-1', status: 'submitted', finishedAt: null, score: 0, maxScore: 4, scaled10: 0, percent: 0, passed: false, pendingManualGrading: false, released: true, releaseExpectedAt: null });
    await until(() => navigate.mock.calls.length > 0, { render });
    expect(navigate.mock.calls[0][0]).toEqual(['/exams/attempts', 'att-1', 'result']);
  });

  it('sends this device’s stable id with every attempt request', async () => {
    await open(attempt(10 * 60_000));
    const device = localStorage.getItem('bd.exam.deviceId');
    expect(device).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    root.querySelector<HTMLInputElement>('input[value="b"]')?.click();
    const save = await nextRequest(http, '/api/v1/attempts/att-1/responses', { method: 'PUT' });
    expect(save.request.headers.get('x-device-id')).toBe(device);
    save.flush({ saved: ['i1'], ignored: [], timeLeftMs: 1, serverNow: new Date(SERVER_NOW).toISOString() });
    // The same id after a reload.
    fixture.destroy();
    await open(attempt(10 * 60_000));
    expect(localStorage.getItem('bd.exam.deviceId')).toBe(device);
  });

  it('shows why when another device took the attempt over, keeps the answer, and takes it back only when asked', async () => {
    await open(attempt(10 * 60_000));
    root.querySelector<HTMLInputElement>('input[value="a"]')?.click();
    (await nextRequest(http, '/api/v1/attempts/att-1/responses', { method: 'PUT' })).flush(
      { code: 'ATTEMPT_TAKEN_OVER', message: 'The attempt was taken over by another device.' },
      { status: 409, statusText: 'Conflict' },
    );
    await until(() => !!q.byId('exam-taken-over'), { render });
    expect(q.byId('exam-player')).toBeNull();
    expect(q.byId('exam-taken-over')?.getAttribute('role')).toBe('alert');
    expect(q.text('exam-taken-over-waiting')).toContain('1');
    expect((await journal.pending('att-1')).map((e) => e.answer)).toEqual(['a']);
    // Nothing is sent until the learner chooses.
    await sleep(700);
    expect(http.match((r) => r.method === 'PUT')).toHaveLength(0);
    q.byId('exam-take-back')?.click();
    const start = await nextRequest(http, '/api/v1/exams/exam-1/attempts', { method: 'POST' });
    expect(start.request.headers.get('x-device-id')).toBe(localStorage.getItem('bd.exam.deviceId'));
    start.flush(attempt(10 * 60_000));
    (await nextRequest(http, '/api/v1/attempts/att-1')).flush(attempt(10 * 60_000));
    const resent = await nextRequest(http, '/api/v1/attempts/att-1/responses', { method: 'PUT' });
    expect(resent.request.body).toEqual({ responses: [{ itemId: 'i1', answer: 'a', seq: 1 }] });
    resent.flush({ saved: ['i1'], ignored: [], timeLeftMs: 1, serverNow: new Date(SERVER_NOW).toISOString() });
    await until(() => !!q.byId('exam-player') && q.byId('exam-sync')?.getAttribute('data-state') === 'saved', { render });
    expect(q.byId('exam-taken-over')).toBeNull();
  });

  it('reports focus, visibility and connection changes to the proctor log', async () => {
    await open(attempt(10 * 60_000));
    window.dispatchEvent(new Event('blur'));
    window.dispatchEvent(new Event('focus'));
    window.dispatchEvent(new Event('offline'));
    window.dispatchEvent(new Event('online'));
    const report = await nextRequest(http, '/api/v1/attempts/att-1/events', { method: 'POST' });
    const events = (report.request.body as { events: Array<{ id: string; kind: string; at: string; details?: { offlineMs: number } }> }).events;
    expect(events.map((e) => e.kind)).toEqual(['focus_lost', 'focus_regained', 'offline', 'reconnected']);
    expect(new Set(events.map((e) => e.id)).size).toBe(4);
    expect(events[3].details?.offlineMs).toBeGreaterThanOrEqual(0);
    expect(report.request.headers.get('x-device-id')).toBe(localStorage.getItem('bd.exam.deviceId'));
    report.flush({ recorded: events.map((e) => e.id), duplicates: [] });
  });
});
