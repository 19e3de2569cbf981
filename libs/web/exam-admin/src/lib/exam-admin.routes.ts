import { Routes } from '@angular/router';
import { ExamListPage } from './list/exam-list-page';
import { ExamFormPage } from './form/exam-form-page';
import { ExamPage } from './exam/exam-page';

/** Mounted at `/exam-admin` by the app, behind `permissionGuard` with `exam.manage`. */
export const examAdminRoutes: Routes = [
  { path: '', component: ExamListPage, title: 'examAdmin.title.list' },
  { path: 'new', component: ExamFormPage, title: 'examAdmin.title.create' },
  { path: ':examId', component: ExamPage, title: 'examAdmin.title.exam' },
  { path: ':examId/edit', component: ExamFormPage, title: 'examAdmin.title.edit' },
];
