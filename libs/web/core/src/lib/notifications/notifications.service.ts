import { HttpParams } from '@angular/common/http';
import { DestroyRef, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router } from '@angular/router';
import type { NotificationPage, NotificationUnreadCount } from '@boiduong/shared-contracts';
import { catchError, EMPTY, exhaustMap, filter, interval, merge, Observable, startWith, tap } from 'rxjs';
import { ApiClient } from '../api/api-client';

/** How often the badge asks the API while the app stays on one page. */
export const UNREAD_REFRESH_MS = 120_000;

/**
 * "My notifications" of the identity API, and the unread count the toolbar badge shows. Lives in
 * core (not a feature lib) because the shell around every page reads the count.
 */
@Injectable({ providedIn: 'root' })
export class NotificationsService {
  private readonly api = inject(ApiClient);
  private readonly router = inject(Router);
  private readonly unreadCount = signal<number | null>(null);

  /** Unread notifications of the signed-in person; `null` until the API first answered. */
  readonly unread = this.unreadCount.asReadonly();

  /** A page, newest first; the badge follows the count it carries. */
  page(cursor?: string | null, limit?: number): Observable<NotificationPage> {
    let params = new HttpParams();
    if (cursor) params = params.set('cursor', cursor);
    if (limit !== undefined) params = params.set('limit', limit);
    const query = params.toString();
    return this.api
      .get<NotificationPage>(`/me/notifications${query ? `?${query}` : ''}`)
      .pipe(tap((p) => this.unreadCount.set(p.unreadCount)));
  }

  markRead(id: string): Observable<NotificationUnreadCount> {
    return this.api
      .post<NotificationUnreadCount>(`/me/notifications/${encodeURIComponent(id)}/read`, {})
      .pipe(tap((r) => this.unreadCount.set(r.unreadCount)));
  }

  markAllRead(): Observable<NotificationUnreadCount> {
    return this.api
      .post<NotificationUnreadCount>('/me/notifications/read-all', {})
      .pipe(tap((r) => this.unreadCount.set(r.unreadCount)));
  }

  /**
   * Keeps the badge current while the caller lives: now, after each navigation and every
   * `UNREAD_REFRESH_MS`. A refresh still in flight swallows the triggers that come meanwhile, so a
   * slow connection never piles requests up; a failed one keeps the last count (the badge is a hint,
   * the page itself reports errors).
   */
  watchUnread(destroyRef = inject(DestroyRef)): void {
    const navigations = this.router.events.pipe(filter((e) => e instanceof NavigationEnd));
    merge(navigations, interval(UNREAD_REFRESH_MS))
      .pipe(
        startWith(null),
        exhaustMap(() => this.page(null, 1).pipe(catchError(() => EMPTY))),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe();
  }

  /** After sign-out, so the next person never sees the previous one's count. */
  forget(): void {
    this.unreadCount.set(null);
  }
}
