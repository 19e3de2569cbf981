import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { LEARNER, nextRequest, query, setupTestBed, until } from '@boiduong/web-testing';
import { provideJournal } from '../../test-fixtures';
import { GradingQueuePage } from './grading-queue-page';
import type { GradingQueue } from './grading.models';

function queue(overrides: Partial<GradingQueue> = {}, graded = false): GradingQueue {
  return {
    examId: 'exam-1',
    title: 'Kiểm tra cuối khóa',
    blind: false,
    pending: graded ? 0 : 1,
    items: [
      {
        itemId: 'i1',
        stem: 'Trình bày nhiệm vụ của đoàn viên.',
        points: 5,
        rubric: [
          { criterion: 'Nêu đủ các nhiệm vụ', points: 4 },
          { criterion: 'Liên hệ bản thân', points: 6 },
        ],
      },
    ],
    responses: [
      {
        attemptId: 'att-1',
        itemId: 'i1',
        learner: { userId: 'u1', fullName: 'Nguyễn Văn Đức' },
        label: 'ABCD1234',
        submittedAt: '2026-12-01T02:10:00.000Z',
        answer: 'Gương mẫu, đóng đoàn phí.',
        revision: graded ? 1 : 0,
        grade: graded ? { scores: [1, 2], comment: 'Còn sơ sài.', credit: 0.3, gradedBy: 'Vũ Thu Trang', gradedAt: '2026-12-01T03:00:00.000Z' } : null,
      },
    ],
    ...overrides,
  };
}

describe('GradingQueuePage', { timeout: 30_000 }, () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<GradingQueuePage>;
  let root: HTMLElement;
  let q: ReturnType<typeof query>;
  const render = () => fixture.detectChanges();

  const open = async (body: GradingQueue) => {
    fixture = TestBed.createComponent(GradingQueuePage);
    fixture.componentRef.setInput('examId', 'exam-1');
    root = fixture.nativeElement as HTMLElement;
    q = query(root);
    render();
    (await nextRequest(http, '/api/v1/exams/exam-1/grading')).flush(body);
    await until(() => !!q.byId('grading-form'), { render });
  };
  const type = (el: HTMLElement, value: string) => {
    (el as HTMLInputElement).value = value;
    el.dispatchEvent(new Event('input'));
    render();
  };

  beforeEach(async () => {
    http = await setupTestBed({ user: LEARNER, providers: [provideJournal()] });
  });
  afterEach(() => fixture?.destroy());

  it('shows the answer and one score per rubric criterion, refuses out-of-range scores, and sends the grade with the revision seen', async () => {
    await open(queue());
    expect(q.text('grading-answer')).toBe('Gương mẫu, đóng đoàn phí.');
    expect(q.allById('grading-response')[0].textContent).toContain('Nguyễn Văn Đức');
    const scores = q.allById('grading-score');
    expect(scores).toHaveLength(2);
    expect(scores.map((s) => s.getAttribute('max'))).toEqual(['4', '6']);
    const save = q.byId('grading-save') as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    type(scores[0], '4.5');
    type(scores[1], '5');
    expect(save.disabled).toBe(true);
    expect(root.querySelector('[aria-invalid="true"]')).toBe(scores[0]);
    type(scores[0], '4');
    type(q.byId('grading-comment') as HTMLElement, '  Đủ ý.  ');
    expect(save.disabled).toBe(false);
    save.click();
    const put = await nextRequest(http, '/api/v1/attempts/att-1/grades/i1', { method: 'PUT' });
    expect(put.request.body).toEqual({ scores: [4, 5], comment: 'Đủ ý.', revision: 0 });
    put.flush({ attemptId: 'att-1', itemId: 'i1', revision: 1, credit: 0.9, result: { score: 4.5, maxScore: 5, scaled10: 9, passed: true, pendingManualGrading: false } });
    await until(() => !!q.byId('grading-saved'), { render });
    expect(q.byId('grading-pending')?.getAttribute('data-pending')).toBe('0');
    expect(q.allById('grading-response')[0].getAttribute('data-graded')).toBe('true');
  });

  it('when someone else graded meanwhile, says so and shows their grade instead of overwriting it', async () => {
    await open(queue());
    const scores = q.allById('grading-score');
    type(scores[0], '4');
    type(scores[1], '6');
    (q.byId('grading-save') as HTMLButtonElement).click();
    (await nextRequest(http, '/api/v1/attempts/att-1/grades/i1', { method: 'PUT' })).flush(
      { code: 'GRADE_CONFLICT', message: { vi: 'Người khác vừa chấm.', en: 'Someone else graded it.' }, details: { revision: 1 } },
      { status: 409, statusText: 'Conflict' },
    );
    (await nextRequest(http, '/api/v1/exams/exam-1/grading')).flush(queue({}, true));
    await until(() => !!q.byId('grading-conflict'), { render });
    expect(q.allById('grading-score').map((s) => (s as HTMLInputElement).value)).toEqual(['1', '2']);
    expect((q.byId('grading-comment') as HTMLTextAreaElement).value).toBe('Còn sơ sài.');
    // A second try now carries the revision the grader has seen.
    (q.byId('grading-save') as HTMLButtonElement).click();
    expect((await nextRequest(http, '/api/v1/attempts/att-1/grades/i1', { method: 'PUT' })).request.body).toMatchObject({ scores: [1, 2], revision: 1 });
  });

  it('names responses by a code only while the exam is graded blind', async () => {
    await open(queue({ blind: true, responses: queue().responses.map((r) => ({ ...r, learner: null })) }));
    expect(q.byId('grading-blind')).not.toBeNull();
    expect(root.textContent).not.toContain('Nguyễn Văn Đức');
    expect(q.allById('grading-response')[0].textContent).toContain('Bài ABCD1234');
  });

  it('links the attempt proctoring log for proctors only', async () => {
    await open(queue());
    expect(q.byId('grading-events-link')).toBeNull();
  });
});
