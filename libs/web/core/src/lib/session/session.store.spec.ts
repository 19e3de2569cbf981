import { TestBed } from '@angular/core/testing';
import { Permission } from '@boiduong/shared-contracts';
import { TEST_LOGIN as LOGIN } from '../../test-fixtures';
import { SESSION_STORAGE_KEY, SessionStore } from './session.store';

describe('SessionStore', () => {
  beforeEach(() => localStorage.clear());

  it('starts signed out when nothing is stored', () => {
    const store = TestBed.inject(SessionStore);
    expect(store.isAuthenticated()).toBe(false);
    expect(store.user()).toBeNull();
    expect(store.accessToken()).toBeNull();
  });

  it('persists a login and restores it in a fresh store (a reload)', () => {
    TestBed.inject(SessionStore).start(LOGIN);
    expect(JSON.parse(localStorage.getItem(SESSION_STORAGE_KEY) ?? '{}').refreshToken).toBe('r1');

    TestBed.resetTestingModule();
    const reloaded = TestBed.inject(SessionStore);
    expect(reloaded.isAuthenticated()).toBe(true);
    expect(reloaded.user()?.fullName).toBe('Nguyễn Văn A');
    expect(reloaded.accessToken()).toBe('a1');
  });

  it('replaces both tokens on refresh and keeps the user', () => {
    const store = TestBed.inject(SessionStore);
    store.start(LOGIN);
    store.replaceTokens({ accessToken: 'a2', refreshToken: 'r2', expiresIn: 900 });
    expect(store.accessToken()).toBe('a2');
    expect(store.refreshToken()).toBe('r2');
    expect(store.user()?.id).toBe('u1');
    expect(JSON.parse(localStorage.getItem(SESSION_STORAGE_KEY) ?? '{}').refreshToken).toBe('r2');
  });

  it('answers permission checks from the user', () => {
    const store = TestBed.inject(SessionStore);
    expect(store.hasPermission(Permission.CourseStudy)).toBe(false);
    store.start(LOGIN);
    expect(store.hasPermission(Permission.CourseStudy)).toBe(true);
    expect(store.hasPermission(Permission.UserManage)).toBe(false);
    expect(store.hasAllPermissions([Permission.CourseStudy, Permission.ExamTake])).toBe(true);
    expect(store.hasAllPermissions([Permission.CourseStudy, Permission.AuditRead])).toBe(false);
  });

  it('clears memory and storage', () => {
    const store = TestBed.inject(SessionStore);
    store.start(LOGIN);
    store.clear();
    expect(store.isAuthenticated()).toBe(false);
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
  });

  it('ignores a corrupt stored value', () => {
    localStorage.setItem(SESSION_STORAGE_KEY, '{not json');
    expect(TestBed.inject(SessionStore).isAuthenticated()).toBe(false);
  });

  it('follows token rotation done by another tab', () => {
    const store = TestBed.inject(SessionStore);
    store.start(LOGIN);
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ ...LOGIN, accessToken: 'a9', refreshToken: 'r9' }));
    window.dispatchEvent(new StorageEvent('storage', { key: SESSION_STORAGE_KEY }));
    expect(store.refreshToken()).toBe('r9');
  });
});
