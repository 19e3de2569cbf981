import { Routes } from '@angular/router';
import { CatalogPage } from './catalog/catalog-page';
import { CoursePage } from './course/course-page';
import { LessonPage } from './lesson/lesson-page';
import { MyCoursesPage } from './my-courses/my-courses-page';

/** Mounted at `/learning` by the app, behind `permissionGuard` with `course.study`. */
export const learningRoutes: Routes = [
  { path: '', component: MyCoursesPage, title: 'learning.titles.myCourses' },
  { path: 'catalog', component: CatalogPage, title: 'learning.titles.catalog' },
  { path: 'courses/:courseId', component: CoursePage, title: 'learning.titles.course' },
  { path: 'courses/:courseId/lessons/:lessonId', component: LessonPage, title: 'learning.titles.lesson' },
];
