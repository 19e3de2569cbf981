import { Routes } from '@angular/router';
import { ExamIntroPage } from './intro/exam-intro-page';
import { MyExamsPage } from './list/my-exams-page';
import { ExamPlayerPage } from './player/exam-player-page';
import { ExamResultPage } from './result/exam-result-page';
import { AttemptReviewPage } from './review/attempt-review-page';

/** Mounted at `/exams` by the app, behind `permissionGuard` with `exam.take`. */
export const examRoutes: Routes = [
  { path: '', component: MyExamsPage, title: 'exam.titles.list' },
  { path: 'attempts/:attemptId', component: ExamPlayerPage, title: 'exam.titles.player' },
  { path: 'attempts/:attemptId/result', component: ExamResultPage, title: 'exam.titles.result' },
  { path: 'attempts/:attemptId/review', component: AttemptReviewPage, title: 'exam.titles.review' },
  { path: ':examId', component: ExamIntroPage, title: 'exam.titles.intro' },
];
