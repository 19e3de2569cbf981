import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { Permission } from '@boiduong/shared-contracts';
import { TEST_LOGIN } from '../../test-fixtures';
import { SessionStore } from '../session/session.store';
import { authGuard, guestGuard, permissionGuard } from './auth.guards';

@Component({ template: '' })
class Blank {}

describe('route guards', () => {
  let session: SessionStore;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'login', component: Blank, canActivate: [guestGuard] },
          { path: 'forbidden', component: Blank },
          { path: '', component: Blank, canActivate: [authGuard] },
          { path: 'home', component: Blank, canActivate: [authGuard] },
          {
            path: 'users',
            component: Blank,
            canActivate: [permissionGuard],
            data: { permissions: [Permission.UserRead, Permission.UserManage] },
          },
          { path: 'courses', component: Blank, canActivate: [permissionGuard], data: { permissions: [Permission.CourseStudy] } },
          { path: 'grading', component: Blank, canActivate: [permissionGuard], data: { anyPermissions: [Permission.CourseTeach, Permission.ExamProctor] } },
        ]),
      ],
    });
    session = TestBed.inject(SessionStore);
  });

  async function visit(url: string): Promise<string> {
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url);
    return TestBed.inject(Router).url;
  }

  describe('authGuard', () => {
    it('sends a visitor to login, remembering where they were going', async () => {
      expect(await visit('/home')).toBe('/login?returnUrl=%2Fhome');
    });

    it('lets a signed-in user through', async () => {
      session.start(TEST_LOGIN);
      expect(await visit('/home')).toBe('/home');
    });
  });

  describe('guestGuard', () => {
    it('sends a signed-in user from login to home', async () => {
      session.start(TEST_LOGIN);
      expect(await visit('/login')).toBe('/');
    });
  });

  describe('permissionGuard', () => {
    it('lets a user holding the permission through', async () => {
      session.start(TEST_LOGIN);
      expect(await visit('/courses')).toBe('/courses');
    });

    it('sends a user lacking any required permission to forbidden', async () => {
      session.start({ ...TEST_LOGIN, user: { ...TEST_LOGIN.user, permissions: [Permission.UserRead] } });
      expect(await visit('/users')).toBe('/forbidden');
    });

    it('requires all listed permissions, not just one', async () => {
      session.start({
        ...TEST_LOGIN,
        user: { ...TEST_LOGIN.user, permissions: [Permission.UserRead, Permission.UserManage] },
      });
      expect(await visit('/users')).toBe('/users');
    });

    it('sends a visitor to login', async () => {
      expect(await visit('/users')).toBe('/login?returnUrl=%2Fusers');
    });

    it('lets a user through who holds one of the alternative permissions', async () => {
      session.start({ ...TEST_LOGIN, user: { ...TEST_LOGIN.user, permissions: [Permission.ExamProctor] } });
      expect(await visit('/grading')).toBe('/grading');
    });

    it('sends a user holding none of the alternative permissions to forbidden', async () => {
      session.start({ ...TEST_LOGIN, user: { ...TEST_LOGIN.user, permissions: [Permission.ExamTake, Permission.CourseStudy] } });
      expect(await visit('/grading')).toBe('/forbidden');
    });
  });
});
