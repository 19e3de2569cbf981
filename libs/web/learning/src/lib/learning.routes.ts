import { Routes } from '@angular/router';
import { CatalogPage } from './catalog/catalog-page';
import { CheckInPage } from './check-in/check-in-page';
import { CoursePage } from './course/course-page';
import { LessonPage } from './lesson/lesson-page';
import { MyCoursesPage } from './my-courses/my-courses-page';

/** Mounted at `/learning` by the app, behind `permissionGuard` with `course.study`. */
export const learningRoutes: Routes = [
  { path: '', component: MyCoursesPage, title: 'learning.titles.myCourses' },
  { path: 'catalog', component: CatalogPage, title: 'learning.titles.catalog' },
  // What the QR on the lecturer's screen opens (`?t=` the code); signing in first keeps the whole address as the return URL.
  { path: 'check-in', component: CheckInPage, title: 'checkIn.titles.learner' },
  { path: 'courses/:courseId', component: CoursePage, title: 'learning.titles.course' },
  { path: 'courses/:courseId/lessons/:lessonId', component: LessonPage, title: 'learning.titles.lesson' },
];
