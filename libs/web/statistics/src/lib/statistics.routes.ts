import { Routes } from '@angular/router';
import { provideEchartsCore } from 'ngx-echarts';
import { ExamListPage } from './exam-list/exam-list-page';
import { ExamStatisticsPage } from './exam/exam-statistics-page';
import { ItemStatisticsPage } from './item/item-statistics-page';

/** Mounted at `/statistics` by the app, behind `permissionGuard` with `statistics.read`. */
export const statisticsRoutes: Routes = [
  {
    path: '',
    // ECharts (only the parts we draw) loads with these screens, not with the app.
    providers: [provideEchartsCore({ echarts: () => import('./charts/echarts-setup').then((m) => m.echarts) })],
    children: [
      { path: '', component: ExamListPage, title: 'statistics.title.list' },
      { path: 'exams/:examId', component: ExamStatisticsPage, title: 'statistics.title.exam' },
      { path: 'exams/:examId/items/:versionId', component: ItemStatisticsPage, title: 'statistics.title.item' },
    ],
  },
];
