import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { createEnvironmentInjector, DestroyRef, EnvironmentInjector } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { NotificationsService } from './notifications.service';

const TWO_MINUTES = 120_000;

const COUNT_URL = '/api/v1/me/notifications?limit=1';
const answer = (unreadCount: number) => ({ items: [], nextCursor: null, unreadCount });

describe('NotificationsService', () => {
  let backend: HttpTestingController;
  let service: NotificationsService;
  let destroyed: () => void;

  beforeEach(() => {
    vi.useFakeTimers();
    TestBed.configureTestingModule({
      providers: [provideRouter([{ path: '**', children: [] }]), provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    service = TestBed.inject(NotificationsService);
    // The owner whose lifetime the watch follows (the shell, in the app).
    const owner = createEnvironmentInjector([], TestBed.inject(EnvironmentInjector));
    destroyed = () => owner.destroyed || owner.destroy();
    service.watchUnread(owner.get(DestroyRef));
  });

  afterEach(() => {
    destroyed();
    backend.verify();
    vi.useRealTimers();
  });

  it('counts at once, then every two minutes and never more often', () => {
    backend.expectOne(COUNT_URL).flush(answer(2));
    expect(service.unread()).toBe(2);

    vi.advanceTimersByTime(TWO_MINUTES - 1);
    backend.expectNone(COUNT_URL);
    vi.advanceTimersByTime(1);
    backend.expectOne(COUNT_URL).flush(answer(5));
    expect(service.unread()).toBe(5);
  });

  it('counts again after a navigation, but not while a count is still on its way', async () => {
    backend.expectOne(COUNT_URL).flush(answer(1));
    const router = TestBed.inject(Router);
    await router.navigateByUrl('/learning');
    const pending = backend.expectOne(COUNT_URL);
    await router.navigateByUrl('/profile');
    vi.advanceTimersByTime(TWO_MINUTES);
    backend.expectNone(COUNT_URL);
    pending.flush(answer(3));
    expect(service.unread()).toBe(3);
  });

  it('keeps the last count when a refresh fails, and stops when its owner is destroyed', () => {
    backend.expectOne(COUNT_URL).flush(answer(4));
    vi.advanceTimersByTime(TWO_MINUTES);
    backend.expectOne(COUNT_URL).flush(null, { status: 0, statusText: 'Unknown Error' });
    expect(service.unread()).toBe(4);
    destroyed();
    vi.advanceTimersByTime(TWO_MINUTES * 3);
    backend.expectNone(COUNT_URL);
  });

  it('forgets the count at sign-out', () => {
    backend.expectOne(COUNT_URL).flush(answer(4));
    service.forget();
    expect(service.unread()).toBeNull();
  });
});
