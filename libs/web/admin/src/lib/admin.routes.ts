import { Routes } from '@angular/router';
import { OrgTreePage } from './org-tree/org-tree-page';
import { ProfilePage } from './profile/profile-page';
import { UserDetailPage } from './user-detail/user-detail-page';
import { UsersPage } from './users/users-page';

/** Mounted at `/admin/units` by the app, behind `permissionGuard` with `org_unit.read`. */
export const orgUnitRoutes: Routes = [{ path: '', component: OrgTreePage, title: 'title.orgUnits' }];

/** Mounted at `/admin/users` by the app, behind `permissionGuard` with `user.read`. */
export const userRoutes: Routes = [
  { path: '', component: UsersPage, title: 'title.users' },
  { path: ':id', component: UserDetailPage, title: 'title.userDetail' },
];

/** Mounted at `/profile` by the app: any signed-in user. */
export const profileRoutes: Routes = [{ path: '', component: ProfilePage, title: 'title.profile' }];
