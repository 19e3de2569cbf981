import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { LEARNER, query, setupTestBed } from '@boiduong/web-testing';
import { courseDetail } from '../../test-fixtures';
import { CoursePage } from './course-page';

describe('CoursePage', { timeout: 20_000 }, () => {
  let backend: HttpTestingController;

  afterEach(() => backend.verify());

  it('shows progress, each lesson state, the lesson to continue from and the sessions', async () => {
    backend = await setupTestBed({ user: LEARNER });
    const fixture = TestBed.createComponent(CoursePage);
    fixture.componentRef.setInput('courseId', 'c-1');
    fixture.detectChanges();
    backend.expectOne('/api/v1/me/courses/c-1').flush(courseDetail({ sessionsTotal: 1, sessionsAttended: 1 }));
    backend.expectOne('/api/v1/courses/c-1').flush({
      id: 'c-1',
      sessions: [{ id: 's-1', title: 'Buổi khai giảng', place: 'Hội trường Thành đoàn', startsAt: '2026-12-02T01:00:00Z', endsAt: '2026-12-02T04:00:00Z' }],
    });
    await fixture.whenStable();
    const t = query(fixture.nativeElement as HTMLElement);
    expect(t.text('course-name')).toBe('Lớp Bí thư Đoàn xã toàn quốc');
    expect(t.text('course-progress')).toBe('Đã học 1/3 bài (33%)');
    expect(t.allById('course-lesson').map((a) => a.getAttribute('data-state'))).toEqual(['completed', 'new', 'new']);
    expect(t.byId('course-continue')?.getAttribute('href')).toBe('/learning/courses/c-1/lessons/l-2');
    expect(t.text('course-sessions')).toContain('Buổi khai giảng');
    expect(t.text('course-sessions')).toContain('Hội trường Thành đoàn');
    expect(t.text('course-attendance')).toBe('Đã dự 1/1 buổi học trực tiếp');
  });

  it('congratulates a learner who completed the course and still lists the lessons without sessions', async () => {
    backend = await setupTestBed({ user: LEARNER });
    const fixture = TestBed.createComponent(CoursePage);
    fixture.componentRef.setInput('courseId', 'c-1');
    fixture.detectChanges();
    backend.expectOne('/api/v1/me/courses/c-1').flush(courseDetail({ completed: true, lessonsCompleted: 3 }));
    backend.expectOne('/api/v1/courses/c-1').flush({}, { status: 500, statusText: 'Error' });
    await fixture.whenStable();
    const t = query(fixture.nativeElement as HTMLElement);
    expect(t.text('course-completed')).toBe('Bạn đã hoàn thành lớp học này.');
    expect(t.byId('course-continue')).toBeNull();
    expect(t.allById('course-lesson')).toHaveLength(3);
    expect(t.byId('course-sessions')).toBeNull();
  });

  it('shows the assignments to an enrolled learner and not to a waitlisted one', async () => {
    const assignment = {
      id: 'a-1',
      courseId: 'c-1',
      moduleId: null,
      title: 'Thu hoạch thực tế cơ sở',
      instructionsHtml: '',
      dueAt: null,
      cutoffAt: null,
      maxPoints: 10,
      submissionKind: 'text' as const,
      required: true,
      createdAt: '2026-12-01T01:00:00Z',
      submission: null,
    };
    for (const [enrollmentStatus, shown] of [['enrolled', 1], ['waitlisted', 0]] as const) {
      TestBed.resetTestingModule();
      backend = await setupTestBed({ user: LEARNER });
      const fixture = TestBed.createComponent(CoursePage);
      fixture.componentRef.setInput('courseId', 'c-1');
      fixture.detectChanges();
      backend.expectOne('/api/v1/me/courses/c-1').flush(courseDetail({ enrollmentStatus, assignments: [assignment] }));
      backend.expectOne('/api/v1/courses/c-1').flush({ id: 'c-1', sessions: [] });
      await fixture.whenStable();
      const t = query(fixture.nativeElement as HTMLElement);
      expect(t.allById('assignment')).toHaveLength(shown);
      backend.verify();
    }
  });
});
