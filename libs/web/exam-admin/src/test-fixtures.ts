import type { ExamSettings } from './lib/data/exam-admin.models';

/** An exam's settings as the api answers them; for specs only, not exported from the public API. */
export function settings(overrides: Partial<ExamSettings> = {}): ExamSettings {
  return {
    id: 'e-1',
    courseId: 'c-1',
    title: 'Kiểm tra cuối khóa',
    blueprint: [{ topic: 'Điều lệ Đoàn', level: 'recognition', count: 2, points: 1.5 }],
    timeLimitSeconds: 2700,
    opensAt: '2030-01-10T01:00:00.000Z',
    closesAt: '2030-01-10T03:00:00.000Z',
    maxAttempts: 2,
    attemptsPolicy: 'highest',
    passMark: 50,
    overdueHandling: 'autosubmit',
    gracePeriodSeconds: 0,
    shuffleItems: true,
    shuffleOptions: true,
    resultRelease: 'manual',
    resultsReleasedAt: null,
    reviewPolicy: 'responses',
    accessCode: null,
    allowedNetworks: [],
    frozen: false,
    ...overrides,
  };
}
