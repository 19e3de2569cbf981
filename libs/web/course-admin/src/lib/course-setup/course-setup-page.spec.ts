import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Permission } from '@boiduong/shared-contracts';
import { nextRequest, ORG_ADMIN, query, setupTestBed, type } from '@boiduong/web-testing';
import type { AssignmentSummary, CourseDetail, CourseProgress } from '../data/course-admin.models';
import { CourseSetupPage } from './course-setup-page';

const COURSE: CourseDetail = {
  id: 'c-1',
  programId: 'p-1',
  programVersionId: 'pv-1',
  orgUnitId: 'o-hn',
  name: 'Lớp Văn phòng khóa 1',
  mode: 'blended',
  status: 'open',
  startsOn: '2026-12-01',
  endsOn: '2026-12-10',
  openFrom: null,
  openUntil: null,
  capacity: 1,
  selfEnrollment: false,
  openToAll: false,
  sessions: [{ id: 's-1', title: 'Buổi 1', place: 'Hội trường', startsAt: '2026-12-02T01:00:00Z', endsAt: '2026-12-02T04:00:00Z' }],
};
const ROSTER: CourseProgress = {
  courseId: 'c-1',
  lessonsTotal: 2,
  sessionsTotal: 1,
  enrolled: 1,
  waitlisted: 1,
  completed: 0,
  learners: [
    { userId: 'u-duc', username: 'hocvien', fullName: 'Nguyễn Văn Đức', status: 'enrolled', lessonsCompleted: 1, sessionsAttended: 0, completed: false },
    { userId: 'u-lan', username: 'lan', fullName: 'Lê Thị Lan', status: 'waitlisted', lessonsCompleted: 0, sessionsAttended: 0, completed: false },
  ],
};

const ASSIGNMENTS: AssignmentSummary[] = [
  {
    id: 'a-1',
    courseId: 'c-1',
    moduleId: null,
    title: 'Thu hoạch thực tế cơ sở',
    instructionsHtml: '<p>Khảo sát</p>',
    dueAt: '2026-12-08T10:00:00Z',
    cutoffAt: null,
    maxPoints: 10,
    submissionKind: 'both',
    required: true,
    createdAt: '2026-12-01T01:00:00Z',
    submitted: 3,
    ungraded: 2,
  },
];

describe('CourseSetupPage', { timeout: 20_000 }, () => {
  let backend: HttpTestingController;

  async function setup(permissions?: Permission[]) {
    backend = await setupTestBed({ user: ORG_ADMIN, permissions });
    const fixture = TestBed.createComponent(CourseSetupPage);
    fixture.componentRef.setInput('courseId', 'c-1');
    fixture.detectChanges();
    backend.expectOne('/api/v1/courses/c-1').flush(COURSE);
    backend.expectOne('/api/v1/courses/c-1/progress?limit=1000').flush(ROSTER);
    backend.expectOne('/api/v1/courses/c-1/lecturers').flush([{ userId: 'u-gv', username: 'giangvien', fullName: 'Phạm Minh Tuấn' }]);
    (await nextRequest(backend, '/api/v1/courses/c-1/assignments', { render: fixture })).flush(ASSIGNMENTS);
    (await nextRequest(backend, '/api/v1/programs/p-1', { render: fixture })).flush({ id: 'p-1', versionId: 'pv-1', modules: [{ id: 'm-1', position: 1, title: 'Chuyên đề 1', description: null, lessons: [] }] });
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    return { fixture, root, ...query(root) };
  }

  afterEach(() => backend.verify());

  it('shows the roster with the waitlist apart, and enrols a found person', async () => {
    const t = await setup();
    expect(t.text('setup-name')).toBe('Lớp Văn phòng khóa 1');
    expect(t.text('roster-summary')).toBe('1 học viên · 1 chờ chỗ · 0 đã hoàn thành');
    expect(t.allById('roster-row').map((r) => r.getAttribute('data-username'))).toEqual(['hocvien']);
    expect(t.allById('waitlist-row').map((r) => r.getAttribute('data-username'))).toEqual(['lan']);
    expect(t.text('setup-lecturers')).toContain('Phạm Minh Tuấn');

    t.byId('enroll-toggle')?.click();
    await t.fixture.whenStable();
    type(t.byId('people-search'), 'nguyen van an');
    t.byId('people-search-submit')?.click();
    backend.expectOne('/api/v1/users?q=nguyen%20van%20an').flush([{ id: 'u-an', username: 'an', fullName: 'Nguyễn Văn An', orgUnitId: 'o-bd' }]);
    await t.fixture.whenStable();
    (t.byId('person')?.querySelector('input') as HTMLInputElement).click();
    await t.fixture.whenStable();
    t.byId('people-confirm')?.click();
    const enroll = backend.expectOne('/api/v1/courses/c-1/enrollments');
    expect(enroll.request.body).toEqual({ userIds: ['u-an'] });
    enroll.flush({ enrolled: [], waitlisted: ['u-an'], rejected: [] });
    (await nextRequest(backend, '/api/v1/courses/c-1/progress?limit=1000', { render: t.fixture })).flush(ROSTER);
    await t.fixture.whenStable();
    expect(t.text('setup-notice')).toBe('Đã ghi danh 0, đưa vào danh sách chờ 1, không ghi danh được 0.');
  });

  it('reads back a session attendance and replaces it with the ticked learners', async () => {
    const t = await setup();
    t.byId('attendance-toggle')?.click();
    backend.expectOne('/api/v1/sessions/s-1/attendance').flush({ sessionId: 's-1', present: [] });
    await t.fixture.whenStable();
    const box = t.byId('attendance-person')?.querySelector('input') as HTMLInputElement;
    expect(box.checked).toBe(false);
    box.click();
    await t.fixture.whenStable();
    expect(t.text('attendance-save')).toBe('Lưu điểm danh (1 có mặt)');
    t.byId('attendance-save')?.click();
    const save = backend.expectOne('/api/v1/sessions/s-1/attendance');
    expect(save.request.method).toBe('POST');
    expect(save.request.body).toEqual({ present: ['u-duc'] });
    save.flush({ sessionId: 's-1', present: ['u-duc'] });
    (await nextRequest(backend, '/api/v1/courses/c-1/progress?limit=1000', { render: t.fixture })).flush(ROSTER);
    await t.fixture.whenStable();
    expect(t.text('setup-notice')).toBe('Đã lưu điểm danh Buổi 1: 1 người có mặt.');
  });

  it('gives a lecturer attendance and QR check-in but not enrolment, status or sessions', async () => {
    const t = await setup([Permission.CourseTeach]);
    expect(t.byId('enroll-toggle')).toBeNull();
    expect(t.byId('setup-status-select')).toBeNull();
    expect(t.byId('session-form')).toBeNull();
    expect(t.byId('roster-withdraw')).toBeNull();
    expect(t.byId('attendance-toggle')).not.toBeNull();
    expect(t.byId('check-in-link')?.getAttribute('href')).toBe('/manage/courses/c-1/sessions/s-1/check-in');
    expect(t.text('check-in-link')).toBe('Điểm danh QR');
  });

  it('lists the assignments with their counts and a grading link, and creates one with the pinned version\'s module', async () => {
    const t = await setup();
    expect(t.text('assignment-counts')).toBe('3 bài đã nộp · 2 bài chờ chấm');
    expect(t.byId('assignment-grade')?.getAttribute('href')).toBe('/manage/courses/c-1/assignments/a-1');
    t.byId('assignment-add-toggle')?.click();
    t.fixture.detectChanges();
    type(t.byId('assignment-points'), '0');
    t.byId('assignment-create')?.click();
    t.fixture.detectChanges();
    expect(t.text('assignment-invalid')).toBe('Vui lòng nhập tên bài thu hoạch.');
    type(t.byId('assignment-title'), 'Bài thu hoạch cuối khóa');
    t.byId('assignment-create')?.click();
    t.fixture.detectChanges();
    expect(t.text('assignment-invalid')).toBe('Thang điểm phải là số nguyên từ 1 đến 1000.');
    type(t.byId('assignment-points'), '');
    type(t.byId('assignment-kind'), 'text');
    type(t.byId('assignment-module'), 'm-1');
    t.byId('assignment-create')?.click();
    const req = backend.expectOne({ method: 'POST', url: '/api/v1/courses/c-1/assignments' });
    expect(req.request.body).toEqual({ title: 'Bài thu hoạch cuối khóa', moduleId: 'm-1', maxPoints: null, submissionKind: 'text', required: true });
    req.flush({ ...ASSIGNMENTS[0], id: 'a-2', title: 'Bài thu hoạch cuối khóa' });
    (await nextRequest(backend, '/api/v1/courses/c-1/assignments', { render: t.fixture })).flush(ASSIGNMENTS);
    await t.fixture.whenStable();
    expect(t.text('assignment-created')).toBe('Đã tạo bài thu hoạch Bài thu hoạch cuối khóa.');
  });
});
