import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { LEARNER, query, setupTestBed } from '@boiduong/web-testing';
import { provideJournal } from '../../test-fixtures';
import type { MyExam } from '../data/exam.models';
import { ExamIntroPage } from '../intro/exam-intro-page';
import { ExamResultPage } from '../result/exam-result-page';
import { AttemptReviewPage } from '../review/attempt-review-page';
import { MyExamsPage } from './my-exams-page';

const exam = (over: Partial<MyExam>): MyExam => ({
  examId: 'e1',
  title: 'Kiểm tra cuối khóa',
  courseId: 'c1',
  courseName: 'Lớp Bí thư chi đoàn 2026',
  opensAt: '2026-12-01T01:00:00.000Z',
  closesAt: '2026-12-01T05:00:00.000Z',
  timeLimitSeconds: 1800,
  maxAttempts: 2,
  attemptsUsed: 1,
  attemptsLeft: 1,
  passMark: 50,
  accessCodeRequired: false,
  status: 'open',
  openAttemptId: null,
  lastResult: null,
  ...over,
});

describe('the learner’s exam screens', () => {
  let http: HttpTestingController;

  beforeEach(async () => {
    http = await setupTestBed({ user: LEARNER, providers: [provideJournal()] });
  });

  it('lists the exams with their status and offers to resume the one in progress', () => {
    const fixture = TestBed.createComponent(MyExamsPage);
    fixture.detectChanges();
    http.expectOne('/api/v1/me/exams').flush({ serverNow: '2026-12-01T02:00:00Z', exams: [exam({}), exam({ examId: 'e2', title: 'Bài giữa khóa', status: 'in_progress' })] });
    fixture.detectChanges();
    const q = query(fixture.nativeElement as HTMLElement);
    const cards = q.allById('exam-card');
    expect(cards.map((c) => c.getAttribute('data-status'))).toEqual(['open', 'in_progress']);
    expect(cards[0].textContent).toContain('Đang mở');
    expect(cards[1].querySelector('[data-testid="exam-open-link"]')?.textContent).toContain('Tiếp tục làm bài');
  });

  it('says so when there is no exam, and shows a network failure', () => {
    const fixture = TestBed.createComponent(MyExamsPage);
    fixture.detectChanges();
    http.expectOne('/api/v1/me/exams').flush({ serverNow: '2026-12-01T02:00:00Z', exams: [] });
    fixture.detectChanges();
    expect(query(fixture.nativeElement as HTMLElement).text('exam-list-empty')).toContain('chưa có');
    const again = TestBed.createComponent(MyExamsPage);
    again.detectChanges();
    http.expectOne('/api/v1/me/exams').error(new ProgressEvent('error'), { status: 0 });
    again.detectChanges();
    expect(query(again.nativeElement as HTMLElement).text('exam-list-error')).toContain('Không kết nối');
  });

  it('introduces an exam with its time limit and attempts left, and starts it', () => {
    const fixture = TestBed.createComponent(ExamIntroPage);
    fixture.componentRef.setInput('examId', 'e1');
    fixture.detectChanges();
    http.expectOne('/api/v1/me/exams/e1').flush({ ...exam({}), serverNow: '2026-12-01T02:00:00Z' });
    fixture.detectChanges();
    const q = query(fixture.nativeElement as HTMLElement);
    expect(q.text('exam-intro-time-limit')).toBe('30 phút');
    expect(q.text('exam-intro-attempts-left')).toBe('1 / 2 lượt');
    q.byId('exam-start')?.click();
    const start = http.expectOne('/api/v1/exams/e1/attempts');
    expect(start.request.method).toBe('POST');
  });

  it('does not offer a start when the exam is not open', () => {
    const fixture = TestBed.createComponent(ExamIntroPage);
    fixture.componentRef.setInput('examId', 'e1');
    fixture.detectChanges();
    http.expectOne('/api/v1/me/exams/e1').flush({ ...exam({ status: 'no_attempts_left', attemptsLeft: 0 }), serverNow: '2026-12-01T02:00:00Z' });
    fixture.detectChanges();
    expect(query(fixture.nativeElement as HTMLElement).byId('exam-start')).toBeNull();
  });

  it('shows the result on the 10-point scale, or that essays await grading', () => {
    const fixture = TestBed.createComponent(ExamResultPage);
    fixture.componentRef.setInput('attemptId', 'a1');
    fixture.detectChanges();
    http
      .expectOne('/api/v1/attempts/a1')
      .flush({ attemptId: 'a1', status: 'submitted', finishedAt: null, score: 3, maxScore: 4, scaled10: 7.5, percent: 75, passed: true, pendingManualGrading: false, released: true, releaseExpectedAt: null });
    fixture.detectChanges();
    const q = query(fixture.nativeElement as HTMLElement);
    expect(q.text('exam-result-score')).toBe('Điểm: 7.5/10 (75%)');
    expect(q.byId('exam-result-passed')?.getAttribute('data-passed')).toBe('true');

    const pending = TestBed.createComponent(ExamResultPage);
    pending.componentRef.setInput('attemptId', 'a2');
    pending.detectChanges();
    http
      .expectOne('/api/v1/attempts/a2')
      .flush({ attemptId: 'a2', status: 'submitted', finishedAt: null, score: 2, maxScore: 4, scaled10: 5, percent: 50, passed: null, pendingManualGrading: true, released: true, releaseExpectedAt: null });
    pending.detectChanges();
    expect(query(pending.nativeElement as HTMLElement).byId('exam-result-pending')).not.toBeNull();
    expect(query(pending.nativeElement as HTMLElement).byId('exam-result-passed')).toBeNull();
  });

  it('asks for the room access code when the exam has one, and sends it with the start', () => {
    const fixture = TestBed.createComponent(ExamIntroPage);
    fixture.componentRef.setInput('examId', 'e1');
    fixture.detectChanges();
    http.expectOne('/api/v1/me/exams/e1').flush({ ...exam({ accessCodeRequired: true }), serverNow: '2026-12-01T02:00:00Z' });
    fixture.detectChanges();
    const q = query(fixture.nativeElement as HTMLElement);
    const input = q.byId('exam-access-code') as HTMLInputElement;
    input.value = ' PHONG-3 ';
    input.dispatchEvent(new Event('input'));
    q.byId('exam-start')?.click();
    expect(http.expectOne('/api/v1/exams/e1/attempts').request.body).toEqual({ accessCode: 'PHONG-3' });
  });

  it('says when withheld results will be released, and offers the review once they are', () => {
    const fixture = TestBed.createComponent(ExamResultPage);
    fixture.componentRef.setInput('attemptId', 'a1');
    fixture.detectChanges();
    http.expectOne('/api/v1/attempts/a1').flush({
      attemptId: 'a1', status: 'submitted', finishedAt: null, score: null, maxScore: 4, scaled10: null, percent: null, passed: null,
      pendingManualGrading: false, released: false, releaseExpectedAt: '2026-12-01T05:00:00.000Z', reviewAvailable: false,
    });
    fixture.detectChanges();
    const q = query(fixture.nativeElement as HTMLElement);
    expect(q.byId('exam-result-withheld')).not.toBeNull();
    expect(q.byId('exam-result-score')).toBeNull();
    expect(q.byId('exam-result-passed')).toBeNull();
    expect(q.byId('exam-result-review')).toBeNull();

    const released = TestBed.createComponent(ExamResultPage);
    released.componentRef.setInput('attemptId', 'a2');
    released.detectChanges();
    http.expectOne('/api/v1/attempts/a2').flush({
      attemptId: 'a2', status: 'submitted', finishedAt: null, score: 4, maxScore: 4, scaled10: 10, percent: 100, passed: true,
      pendingManualGrading: false, released: true, releaseExpectedAt: null, reviewAvailable: true,
    });
    released.detectChanges();
    expect(query(released.nativeElement as HTMLElement).byId('exam-result-review')?.getAttribute('href')).toBe('/exams/attempts/a2/review');
  });

  it('reviews a finished attempt with the learner’s answers, credit and, when given, the keys', () => {
    const fixture = TestBed.createComponent(AttemptReviewPage);
    fixture.componentRef.setInput('attemptId', 'a1');
    fixture.detectChanges();
    const options = [
      { id: 'a', text: 'Phương án A' },
      { id: 'b', text: 'Phương án B' },
    ];
    http.expectOne('/api/v1/attempts/a1/review').flush({
      attemptId: 'a1', status: 'submitted', finishedAt: null, score: 1, maxScore: 3, scaled10: 3.33, percent: 33.3, passed: false,
      pendingManualGrading: false, released: true, releaseExpectedAt: null, reviewPolicy: 'full',
      items: [
        { itemId: 'i1', type: 'single_choice', stem: 'Câu một?', options, points: 1, answer: 'b', credit: 1, key: 'b', explanation: 'Theo Điều lệ.' },
        { itemId: 'i2', type: 'multiple_response', stem: 'Câu hai?', options, points: 1, answer: ['a'], credit: 0, key: ['a', 'b'], explanation: null },
        { itemId: 'i3', type: 'true_false', stem: 'Câu ba?', options: [], points: 1, answer: null, credit: null, key: true, explanation: null },
      ],
    });
    fixture.detectChanges();
    const q = query(fixture.nativeElement as HTMLElement);
    const items = q.allById('exam-review-item');
    expect(items.map((i) => i.getAttribute('data-credit'))).toEqual(['full', 'none', 'none']);
    expect(q.allById('exam-review-answer').map((a) => a.textContent?.trim())).toEqual(['Phương án B', 'Phương án A', expect.any(String)]);
    expect(q.allById('exam-review-key').map((k) => k.textContent?.trim())).toEqual(['Phương án B', 'Phương án A; Phương án B', 'Đúng']);
  });
});
