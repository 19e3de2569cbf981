import { inject } from '@angular/core';
import { type CanActivateFn, Router, Routes } from '@angular/router';
import { Permission } from '@boiduong/shared-contracts';
import { permissionGuard, SessionStore } from '@boiduong/web-core';
import { GradingPage } from './assignments/grading-page';
import { CheckInPage } from './check-in/check-in-page';
import { CourseDiscussionPage } from './discussion/course-discussion-page';
import { CoursesPage } from './courses/courses-page';
import { CourseSetupPage } from './course-setup/course-setup-page';
import { ProgramEditorPage } from './program-editor/program-editor-page';
import { ProgramsPage } from './programs/programs-page';

/** A course's page serves its organisers and its lecturers: either permission lets the page open (the API checks the course). */
export const organiserOrLecturerGuard: CanActivateFn = () => {
  const session = inject(SessionStore);
  const granted = session.permissions();
  return granted.has(Permission.CourseManage) || granted.has(Permission.CourseTeach) ? true : inject(Router).createUrlTree(['/forbidden']);
};

/** Mounted at `/manage` by the app; each route guards itself. */
export const courseAdminRoutes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'courses' },
  {
    path: 'programs',
    canActivate: [permissionGuard],
    data: { permissions: [Permission.ProgramManage] },
    component: ProgramsPage,
    title: 'courseAdmin.titles.programs',
  },
  {
    path: 'programs/:programId',
    canActivate: [permissionGuard],
    data: { permissions: [Permission.ProgramManage] },
    component: ProgramEditorPage,
    title: 'courseAdmin.titles.program',
  },
  { path: 'courses', canActivate: [permissionGuard], data: { permissions: [Permission.CourseManage] }, component: CoursesPage, title: 'courseAdmin.titles.courses' },
  { path: 'teaching', canActivate: [permissionGuard], data: { permissions: [Permission.CourseTeach] }, component: CoursesPage, title: 'courseAdmin.titles.teaching' },
  { path: 'courses/:courseId', canActivate: [organiserOrLecturerGuard], component: CourseSetupPage, title: 'courseAdmin.titles.course' },
  {
    path: 'courses/:courseId/discussion',
    canActivate: [organiserOrLecturerGuard],
    component: CourseDiscussionPage,
    title: 'discussion.titles.moderation',
  },
  {
    path: 'courses/:courseId/assignments/:assignmentId',
    canActivate: [organiserOrLecturerGuard],
    component: GradingPage,
    title: 'assignments.grading.title',
  },
  {
    path: 'courses/:courseId/sessions/:sessionId/check-in',
    canActivate: [organiserOrLecturerGuard],
    component: CheckInPage,
    title: 'checkIn.titles.lecturer',
  },
];
