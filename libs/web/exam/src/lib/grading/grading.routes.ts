import { Routes } from '@angular/router';
import { AttemptEventsPage } from './attempt-events-page';
import { GradingExamsPage } from './grading-exams-page';
import { GradingQueuePage } from './grading-queue-page';

/** Mounted at `/grading` by the app, for course lecturers and examiners (course.teach or exam.proctor). */
export const gradingRoutes: Routes = [
  { path: '', component: GradingExamsPage, title: 'grading.titles.exams' },
  { path: 'exams/:examId', component: GradingQueuePage, title: 'grading.titles.queue' },
  { path: 'attempts/:attemptId/events', component: AttemptEventsPage, title: 'grading.titles.events' },
];
