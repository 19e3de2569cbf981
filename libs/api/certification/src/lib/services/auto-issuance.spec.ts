import { evaluateEligibility } from '../rules/rules';
import { inputFrom } from './auto-issuance.service';
import { initialStatus } from './issuance-trigger';

const TT03 = { attendanceShareRequired: 1, passMarkPercent: 50, rulesKeptRequired: true, issueOnce: true, validityMonths: null, titleGraceMonths: 12 };
const source = {
  enrollment_id: 'e-1',
  user_id: 'u-1',
  completed: true,
  course_id: 'c-1',
  org_unit_id: 'o-1',
  starts_on: '2026-03-02',
  ends_on: '2026-03-11',
  program_code: 'BT-XA',
  program_name: 'Bồi dưỡng Bí thư Đoàn xã, phường, đặc khu',
  target_titles: ['secretary.commune'],
  full_name: 'Nguyễn Văn Đức',
  date_of_birth: '1999-10-21',
  signer_name: 'Trần Quốc Việt',
  signer_title: 'PHÓ BÍ THƯ THÀNH ĐOÀN',
  issued_place: 'Hà Nội',
};

describe('initialStatus', () => {
  it('queues on grade, waits for the close or for approval by the program mode', () => {
    expect(initialStatus('on_grade', false)).toBe('queued');
    expect(initialStatus('at_course_close', false)).toBe('awaiting_close');
    expect(initialStatus('at_course_close', true)).toBe('queued');
    expect(initialStatus('after_approval', false)).toBe('pending');
    expect(initialStatus('after_approval', true)).toBe('pending');
  });
});

describe('inputFrom', () => {
  it('copies the printed facts and takes attendance from sessions', () => {
    const input = inputFrom(source, { sessionsTotal: 5, sessionsAttended: 4, lessonsTotal: 10, lessonsCompleted: 10 });
    expect(input).toMatchObject({
      issuerUnitId: 'o-1',
      enrollmentId: 'e-1',
      learner: { userId: 'u-1', fullName: 'Nguyễn Văn Đức', dateOfBirth: '1999-10-21' },
      program: { code: 'BT-XA', titles: ['secretary.commune'] },
      course: { id: 'c-1', startsOn: '2026-03-02', endsOn: '2026-03-11' },
      signer: { name: 'Trần Quốc Việt', title: 'PHÓ BÍ THƯ THÀNH ĐOÀN' },
      issuedPlace: 'Hà Nội',
    });
    expect(input.completion.attendanceShare).toBeCloseTo(0.8);
    // 4 of 5 sessions is short of the circular's full attendance: the rule set refuses.
    expect(evaluateEligibility('tt', TT03, input.completion).unmet.map((u) => u.code)).toEqual(['attendance_short']);
  });

  it('uses lessons for a course without sessions, and counts a course without either as fully attended', () => {
    expect(inputFrom(source, { sessionsTotal: 0, sessionsAttended: 0, lessonsTotal: 8, lessonsCompleted: 8 }).completion.attendanceShare).toBe(1);
    expect(inputFrom(source, { sessionsTotal: 0, sessionsAttended: 0, lessonsTotal: 8, lessonsCompleted: 6 }).completion.attendanceShare).toBe(0.75);
    const examOnly = inputFrom(source, { sessionsTotal: 0, sessionsAttended: 0, lessonsTotal: 0, lessonsCompleted: 0 });
    expect(evaluateEligibility('tt', TT03, examOnly.completion).eligible).toBe(true);
  });

  it('reports missing attendance when the completion is unknown', () => {
    const input = inputFrom({ ...source, target_titles: null }, null);
    expect(input.program.titles).toEqual([]);
    expect(evaluateEligibility('tt', TT03, input.completion).unmet.map((u) => u.code)).toEqual(['attendance_missing']);
  });
});
