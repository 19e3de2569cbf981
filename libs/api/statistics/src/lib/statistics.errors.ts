import { defineErrors } from '@boiduong/api-core';

/** Missing exams and items reuse the assessment and question-bank codes (EXAM_NOT_FOUND, ITEM_NOT_FOUND). */
export const StatisticsErrors = defineErrors({
  STATISTICS_RUNNING: {
    status: 409,
    vi: 'Thống kê của bài kiểm tra này đang được tính.',
    en: 'Statistics for this exam are already being computed.',
  },
});
