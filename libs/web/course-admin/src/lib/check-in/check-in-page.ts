import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, InjectionToken, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import type { CheckInCode, CheckInSheet, CheckInState } from '@boiduong/shared-contracts';
import { FailureMessage, toFailure, type Failure } from '@boiduong/web-core';
import { QrCode } from '@boiduong/web-shared-ui';
import { TranslatePipe } from '@ngx-translate/core';
import { catchError, EMPTY, exhaustMap, expand, merge, type Observable, of, retry, Subject, switchMap, tap, timer } from 'rxjs';
import { CourseAdminService } from '../data/course-admin.service';
import { formatDateTime, formatTime } from '../ui/dates';

/** How often the sheet (window and who is present) is read again: a live list without a socket. */
export const CHECK_IN_SHEET_POLL_MS = new InjectionToken<number>('CHECK_IN_SHEET_POLL_MS', { factory: () => 3_000 });
/** Asked this long after a new step starts, so the server is surely in it. */
const CODE_MARGIN_MS = 250;
/** After a failed code request (network), try again this soon: the code on screen is still valid for a while. */
const CODE_RETRY_MS = 3_000;
const DEFAULT_MINUTES = 15;
const MAX_MINUTES = 240;

const failureOf = (error: unknown): Failure => toFailure(error, 'checkIn');

/**
 * The lecturer's QR check-in screen for one session, meant for a projector or a laptop facing the
 * room: open or close the window, a large QR that is replaced at every time step (a photo of it
 * soon stops working), and the learners recorded present so far, read again every few seconds.
 */
@Component({
  selector: 'bd-check-in-page',
  imports: [RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, TranslatePipe, FailureMessage, QrCode],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './check-in-page.html',
  styleUrls: ['../../../../shared/ui/src/lib/styles/feature-page.css', '../ui/course-admin.css', './check-in-page.css'],
})
export class CheckInPage {
  private readonly admin = inject(CourseAdminService);
  private readonly document = inject(DOCUMENT);
  private readonly pollMs = inject(CHECK_IN_SHEET_POLL_MS);

  /** Route parameters (component input binding). */
  readonly courseId = input.required<string>();
  readonly sessionId = input.required<string>();

  protected readonly time = formatDateTime;
  protected readonly clock = formatTime;

  protected readonly sheet = signal<CheckInSheet | null>(null);
  protected readonly loadFailure = signal<Failure | null>(null);
  protected readonly failure = signal<Failure | null>(null);
  protected readonly codeFailure = signal<Failure | null>(null);
  protected readonly notice = signal<{ key: string; params?: Record<string, unknown> } | null>(null);
  protected readonly busy = signal(false);
  protected readonly minutes = signal(String(DEFAULT_MINUTES));
  protected readonly minutesInvalid = signal(false);
  protected readonly code = signal<CheckInCode | null>(null);

  protected readonly isOpen = computed(() => this.sheet()?.open ?? false);
  /** The full address the QR encodes: the learner's check-in page of this very app. */
  protected readonly qrUrl = computed(() => {
    const c = this.code();
    return c && this.isOpen() && c.sessionId === this.sessionId() ? new URL(c.path, this.document.baseURI).toString() : null;
  });

  private readonly reload = new Subject<void>();

  constructor() {
    toObservable(this.sessionId)
      .pipe(
        switchMap((id) =>
          merge(timer(0, this.pollMs), this.reload).pipe(
            exhaustMap(() =>
              this.admin.checkInSheet(id).pipe(
                catchError((error: unknown) => {
                  this.loadFailure.set(failureOf(error));
                  return EMPTY;
                }),
              ),
            ),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((sheet) => {
        this.loadFailure.set(null);
        this.sheet.set(sheet);
      });

    const openSession = computed(() => (this.isOpen() ? this.sessionId() : null));
    toObservable(openSession)
      .pipe(
        switchMap((id) => (id === null ? of(null) : this.codes(id))),
        takeUntilDestroyed(),
      )
      .subscribe((code) => this.code.set(code));
  }

  /** The code, asked again as each step starts; a failed request is retried while the window stays open. */
  private codes(sessionId: string): Observable<CheckInCode> {
    const next = () => this.admin.checkInCode(sessionId);
    return next().pipe(
      expand((c) => timer(Math.max(c.refreshInMs, 0) + CODE_MARGIN_MS).pipe(switchMap(next))),
      tap(() => this.codeFailure.set(null)),
      retry({
        delay: (error: unknown) => {
          this.codeFailure.set(failureOf(error));
          // The window may have closed meanwhile: the sheet says so, and then the codes stop.
          this.reload.next();
          return timer(CODE_RETRY_MS);
        },
      }),
    );
  }

  protected openWindow(): void {
    const text = this.minutes().trim();
    const minutes = Number(text);
    const invalid = !/^\d+$/.test(text) || minutes < 1 || minutes > MAX_MINUTES;
    this.minutesInvalid.set(invalid);
    if (invalid) return;
    this.act(this.admin.openCheckIn(this.sessionId(), minutes), (state) =>
      this.notice.set({ key: 'checkIn.manage.opened', params: { time: state.closesAt ? formatTime(state.closesAt) : '' } }),
    );
  }

  protected closeWindow(): void {
    this.act(this.admin.closeCheckIn(this.sessionId()), () => this.notice.set({ key: 'checkIn.manage.closedNotice' }));
  }

  private act(request: Observable<CheckInState>, done: (state: CheckInState) => void): void {
    this.busy.set(true);
    this.failure.set(null);
    this.notice.set(null);
    request.subscribe({
      next: (state) => {
        this.busy.set(false);
        this.sheet.update((s) => (s ? { ...s, ...state } : s));
        done(state);
        this.reload.next();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.failure.set(failureOf(error));
      },
    });
  }
}
