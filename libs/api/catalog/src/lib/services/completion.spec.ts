import { effectivePolicy, evaluateCompletion } from './completion';

const base = { lessonsTotal: 8, lessonsCompleted: 8, sessionsTotal: 5, sessionsAttended: 5, assessmentsRequired: 0, assessmentsPassed: 0, assignmentsRequired: 0, assignmentsPassed: 0 };

describe('evaluateCompletion', () => {
  it('completes when every lesson and session is done under the default policy', () => {
    expect(evaluateCompletion(effectivePolicy(null), base).completed).toBe(true);
  });
  it('needs every lesson by default', () => {
    expect(evaluateCompletion(effectivePolicy(null), { ...base, lessonsCompleted: 7 }).completed).toBe(false);
  });
  it('accepts 4 of 5 sessions at an 0.8 attendance share, not 3 of 5', () => {
    const policy = effectivePolicy({ minAttendanceShare: 0.8 });
    expect(evaluateCompletion(policy, { ...base, sessionsAttended: 4 }).completed).toBe(true);
    expect(evaluateCompletion(policy, { ...base, sessionsAttended: 3 }).completed).toBe(false);
  });
  it('treats a course without sessions as fully attended', () => {
    expect(evaluateCompletion(effectivePolicy(null), { ...base, sessionsTotal: 0, sessionsAttended: 0 }).completed).toBe(true);
  });
  it('needs every required assessment passed', () => {
    expect(evaluateCompletion(effectivePolicy(null), { ...base, assessmentsRequired: 2, assessmentsPassed: 1 }).completed).toBe(false);
  });
  it('needs every required assignment passed', () => {
    expect(evaluateCompletion(effectivePolicy(null), { ...base, assignmentsRequired: 1, assignmentsPassed: 0 }).completed).toBe(false);
    expect(evaluateCompletion(effectivePolicy(null), { ...base, assignmentsRequired: 1, assignmentsPassed: 1 }).completed).toBe(true);
  });
  it('fills missing policy fields with the defaults (pass mark 50)', () => {
    expect(effectivePolicy({ minLessonShare: 0.5 })).toEqual({ minAttendanceShare: 1, minLessonShare: 0.5, passMark: 50 });
  });
});
