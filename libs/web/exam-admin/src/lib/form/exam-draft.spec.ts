import { availableFor, checkDraft, draftOf, fromLocalInput, maxScoreOf, neededFor, newDraft, toLocalInput } from './exam-draft';
import { settings } from '../../test-fixtures';

describe('exam draft', () => {
  it('round-trips the API settings through the form', () => {
    const exam = settings({ gracePeriodSeconds: 300, overdueHandling: 'graceperiod', maxAttempts: null, timeLimitSeconds: null, allowedNetworks: ['10.0.0.0/8', '192.168.1.5/32'] });
    const checked = checkDraft(draftOf(exam));
    expect('input' in checked && checked.input).toEqual({
      courseId: exam.courseId,
      title: exam.title,
      blueprint: exam.blueprint,
      timeLimitSeconds: null,
      opensAt: exam.opensAt,
      closesAt: exam.closesAt,
      maxAttempts: null,
      attemptsPolicy: exam.attemptsPolicy,
      passMark: exam.passMark,
      overdueHandling: 'graceperiod',
      gracePeriodSeconds: 300,
      shuffleItems: true,
      shuffleOptions: true,
      resultRelease: exam.resultRelease,
      reviewPolicy: exam.reviewPolicy,
      accessCode: null,
      allowedNetworks: ['10.0.0.0/8', '192.168.1.5/32'],
    });
  });

  it('converts datetime-local text in the browser’s zone both ways', () => {
    expect(fromLocalInput(toLocalInput('2030-01-10T01:00:00.000Z'))).toBe('2030-01-10T01:00:00.000Z');
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('not a date')).toBeNull();
  });

  it('names the first wrong field', () => {
    const ok = { ...newDraft(new Date('2030-01-01T00:00:00Z'), 'c-1'), title: 'Bài', blueprint: [{ topic: 'Điều lệ Đoàn', level: 'recognition' as const, count: '2', points: '1' }] };
    expect('input' in checkDraft(ok)).toBe(true);
    expect(checkDraft({ ...ok, courseId: '' })).toEqual({ problem: 'course' });
    expect(checkDraft({ ...ok, title: '  ' })).toEqual({ problem: 'title' });
    expect(checkDraft({ ...ok, blueprint: [] })).toEqual({ problem: 'blueprint' });
    expect(checkDraft({ ...ok, blueprint: [{ ...ok.blueprint[0], count: '1.5' }] })).toEqual({ problem: 'blueprint' });
    expect(checkDraft({ ...ok, blueprint: [{ ...ok.blueprint[0], points: '0.1' }] })).toEqual({ problem: 'blueprint' });
    expect(checkDraft({ ...ok, timeLimitMinutes: '0' })).toEqual({ problem: 'timeLimit' });
    expect(checkDraft({ ...ok, closesAt: ok.opensAt })).toEqual({ problem: 'window' });
    expect(checkDraft({ ...ok, maxAttempts: '0' })).toEqual({ problem: 'maxAttempts' });
    expect(checkDraft({ ...ok, passMark: '101' })).toEqual({ problem: 'passMark' });
    expect(checkDraft({ ...ok, overdueHandling: 'graceperiod', graceMinutes: '-1' })).toEqual({ problem: 'grace' });
    expect(checkDraft({ ...ok, accessCode: ' 123 ' })).toEqual({ problem: 'accessCode' });
  });

  it('adds up rows of the same cell, as the API does, and reads the bank by cell', () => {
    const rows = [
      { topic: 'Điều lệ Đoàn', level: 'recognition' as const, count: '2', points: '1' },
      { topic: ' Điều lệ Đoàn ', level: 'recognition' as const, count: '3', points: '0.5' },
      { topic: 'Điều lệ Đoàn', level: 'application' as const, count: '1', points: '2' },
    ];
    expect(neededFor(rows, 'Điều lệ Đoàn', 'recognition')).toBe(5);
    expect(maxScoreOf(rows)).toBe(5.5);
    const cells = [{ topic: 'Điều lệ Đoàn', level: 'recognition' as const, approved: 4 }];
    expect(availableFor(cells, 'Điều lệ Đoàn', 'recognition')).toBe(4);
    expect(availableFor(cells, 'Điều lệ Đoàn', 'application')).toBe(0);
    expect(availableFor(null, 'Điều lệ Đoàn', 'recognition')).toBeNull();
  });
});
