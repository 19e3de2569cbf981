import { Routes } from '@angular/router';
import { guestGuard } from '@boiduong/web-core';
import { LoginPage } from './login/login-page';

export const authRoutes: Routes = [{ path: '', component: LoginPage, canActivate: [guestGuard], title: 'title.login' }];
