import { Routes } from '@angular/router';
import { NotificationsPage } from './notifications-page/notifications-page';

/** Mounted at `/notifications` by the app for every signed-in person. */
export const notificationsRoutes: Routes = [{ path: '', component: NotificationsPage, title: 'notifications.title' }];
