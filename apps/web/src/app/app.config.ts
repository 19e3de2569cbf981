import { ApplicationConfig, provideBrowserGlobalErrorListeners } from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { Permission } from '@boiduong/shared-contracts';
import { provideNavItems, provideWebCore } from '@boiduong/web-core';
import { appRoutes } from './app.routes';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter(appRoutes, withComponentInputBinding()),
    provideWebCore(),
    provideNavItems(
      { path: '/', labelKey: 'nav.home', order: 0 },
      { path: '/exams', labelKey: 'exam.nav', permissions: [Permission.ExamTake], order: 20 },
      { path: '/grading', labelKey: 'grading.nav', anyPermissions: [Permission.CourseTeach, Permission.ExamProctor], order: 23 },
      { path: '/admin/units', labelKey: 'nav.orgUnits', permissions: [Permission.OrgUnitRead], order: 50 },
      { path: '/admin/users', labelKey: 'nav.users', permissions: [Permission.UserRead], order: 60 },
      { path: '/statistics', labelKey: 'statistics.nav', permissions: [Permission.StatisticsRead], order: 70 },
      { path: '/exam-admin', labelKey: 'examAdmin.nav', permissions: [Permission.ExamManage], order: 30 },
      { path: '/bank', labelKey: 'questionBank.nav', permissions: [Permission.ItemReview], order: 40 },
      { path: '/learning', labelKey: 'learning.nav.myCourses', permissions: [Permission.CourseStudy], order: 10 },
      { path: '/manage/programs', labelKey: 'courseAdmin.nav.programs', permissions: [Permission.ProgramManage], order: 20 },
      { path: '/manage/courses', labelKey: 'courseAdmin.nav.courses', permissions: [Permission.CourseManage], order: 21 },
      { path: '/manage/teaching', labelKey: 'courseAdmin.nav.teaching', permissions: [Permission.CourseTeach], order: 22 },
      { path: '/certificates', labelKey: 'certificates.nav.mine', order: 70 },
      { path: '/certificates/admin', labelKey: 'certificates.nav.admin', permissions: [Permission.CertificateIssue], order: 75 },
      { path: '/certificates/admin/nomination', labelKey: 'eligibility.nav', permissions: [Permission.CertificateIssue], order: 76 },
      { path: '/profile', labelKey: 'nav.profile', order: 90 },
    ),
  ],
};
