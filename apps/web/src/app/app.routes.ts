import { Route } from '@angular/router';
import { Permission } from '@boiduong/shared-contracts';
import { authGuard, permissionGuard } from '@boiduong/web-core';
import { StatusPage } from '@boiduong/web-shared-ui';
import { Shell } from './shell/shell';

/**
 * Everything but login lives inside the shell and behind `authGuard`; feature
 * routes are added as lazy children here, with `permissionGuard` where needed.
 * An unknown URL while signed out goes to login first (keeping `returnUrl`).
 */
export const appRoutes: Route[] = [
  { path: 'login', loadChildren: () => import('@boiduong/web-auth').then((m) => m.authRoutes) },
  // Public, outside the shell and without login: what the QR code on a certificate opens.
  { path: 'certificates/verify', loadChildren: () => import('@boiduong/web-certificates').then((m) => m.verifyCertificateRoutes) },
  {
    path: '',
    component: Shell,
    canActivate: [authGuard],
    canActivateChild: [authGuard],
    children: [
      { path: '', pathMatch: 'full', loadChildren: () => import('@boiduong/web-home').then((m) => m.homeRoutes) },
      {
        path: 'admin/units',
        canActivate: [permissionGuard],
        data: { permissions: [Permission.OrgUnitRead] },
        loadChildren: () => import('@boiduong/web-admin').then((m) => m.orgUnitRoutes),
      },
      {
        path: 'admin/users',
        canActivate: [permissionGuard],
        data: { permissions: [Permission.UserRead] },
        loadChildren: () => import('@boiduong/web-admin').then((m) => m.userRoutes),
      },
      {
        path: 'statistics',
        canActivate: [permissionGuard],
        data: { permissions: [Permission.StatisticsRead] },
        loadChildren: () => import('@boiduong/web-statistics').then((m) => m.statisticsRoutes),
      },
      {
        path: 'bank',
        canActivate: [permissionGuard],
        data: { permissions: [Permission.ItemReview] },
        loadChildren: () => import('@boiduong/web-question-bank').then((m) => m.questionBankRoutes),
      },
      {
        path: 'certificates/admin',
        canActivate: [permissionGuard],
        data: { permissions: [Permission.CertificateIssue] },
        loadChildren: () => import('@boiduong/web-certificates').then((m) => m.certificatesAdminRoutes),
      },
      { path: 'certificates', loadChildren: () => import('@boiduong/web-certificates').then((m) => m.myCertificatesRoutes) },
      { path: 'profile', loadChildren: () => import('@boiduong/web-admin').then((m) => m.profileRoutes) },
      { path: 'notifications', loadChildren: () => import('@boiduong/web-notifications').then((m) => m.notificationsRoutes) },
      {
        path: 'exams',
        canActivate: [permissionGuard],
        data: { permissions: [Permission.ExamTake] },
        loadChildren: () => import('@boiduong/web-exam').then((m) => m.examRoutes),
      },
      {
        path: 'grading',
        canActivate: [permissionGuard],
        data: { anyPermissions: [Permission.CourseTeach, Permission.ExamProctor] },
        loadChildren: () => import('@boiduong/web-exam').then((m) => m.gradingRoutes),
      },
      {
        path: 'exam-admin',
        canActivate: [permissionGuard],
        data: { permissions: [Permission.ExamManage] },
        loadChildren: () => import('@boiduong/web-exam-admin').then((m) => m.examAdminRoutes),
      },
      {
        path: 'learning',
        canActivate: [permissionGuard],
        data: { permissions: [Permission.CourseStudy] },
        loadChildren: () => import('@boiduong/web-learning').then((m) => m.learningRoutes),
      },
      // Each child route guards itself: programs and courses need course.manage/program.manage, teaching course.teach.
      {
        path: 'manage',
        loadChildren: () => import('@boiduong/web-course-admin').then((m) => m.courseAdminRoutes),
      },
      {
        path: 'forbidden',
        component: StatusPage,
        title: 'title.forbidden',
        data: { code: '403', titleKey: 'forbidden.title', messageKey: 'forbidden.message' },
      },
      {
        path: '**',
        component: StatusPage,
        title: 'title.notFound',
        data: { code: '404', titleKey: 'notFound.title', messageKey: 'notFound.message' },
      },
    ],
  },
];
