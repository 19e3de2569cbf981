import type { MyCourseDetail } from './lib/data/learning.models';

/** A learner's course as the api answers it; for specs only, not exported from the public API. */
const COURSE = {
  id: 'c-1',
  programId: 'p-1',
  programVersionId: 'pv-1',
  orgUnitId: 'o-tw',
  name: 'Lớp Bí thư Đoàn xã toàn quốc',
  mode: 'online' as const,
  status: 'open' as const,
  startsOn: '2026-12-01',
  endsOn: '2026-12-10',
  openFrom: null,
  openUntil: null,
  capacity: null,
  selfEnrollment: true,
  openToAll: true,
};

export function courseDetail(over: Partial<MyCourseDetail> = {}): MyCourseDetail {
  const lesson = (id: string, position: number, title: string, extra = {}) => ({
    id,
    position,
    title,
    kind: 'text' as const,
    bodyHtml: `<p>${title}</p>`,
    videoUrl: null,
    fileId: null,
    durationMinutes: 45,
    openedAt: null,
    completedAt: null,
    videoWatchedShare: 0,
    ...extra,
  });
  return {
    course: COURSE,
    enrollmentStatus: 'enrolled',
    lessonsTotal: 3,
    lessonsCompleted: 1,
    sessionsTotal: 0,
    sessionsAttended: 0,
    completed: false,
    modules: [
      {
        id: 'm-1',
        position: 1,
        title: 'Chuyên đề 1: Xây dựng Đoàn',
        description: null,
        lessons: [lesson('l-1', 1, 'Bài 1', { openedAt: '2026-12-01T01:00:00Z', completedAt: '2026-12-01T02:00:00Z' }), lesson('l-2', 2, 'Bài 2')],
      },
      { id: 'm-2', position: 2, title: 'Chuyên đề 2: Công tác thanh niên', description: 'Mô tả', lessons: [lesson('l-3', 1, 'Bài 3')] },
    ],
    assignments: [],
    ...over,
  };
}
