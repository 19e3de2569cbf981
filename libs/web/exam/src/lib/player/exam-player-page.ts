import { ChangeDetectionStrategy, Component, computed, HostListener, inject, input, OnDestroy, OnInit, signal } from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import { Router } from '@angular/router';
import { FailureMessage, isNetworkError } from '@boiduong/web-core';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { ExamApi } from '../data/exam-api.service';
import { isAttemptView, type AttemptView } from '../data/exam.models';
import { failureOf, type Failure } from '../data/failure';
import { AttemptSync, type SyncTransport } from '../journal/attempt-sync';
import { ProctorReporter } from '../journal/proctor-reporter';
import { EXAM_JOURNAL } from '../journal/journal.token';
import { ServerClock } from '../journal/server-clock';
import { dueWarning, formatRemaining, type WarningKey } from './countdown';
import { ItemAnswer } from './item-answer';

/**
 * The exam player: one question per screen, a navigator, flags for review, a countdown driven by
 * the server's deadline and clock, and answers that are written to the device's journal before
 * they are sent (see AttemptSync), so nothing is lost to a dropped connection or a reload.
 */
@Component({
  selector: 'bd-exam-player-page',
  imports: [TranslatePipe, FailureMessage, ItemAnswer],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './exam-player-page.html',
  styleUrls: ['../exam.css', './exam-player-page.css'],
})
export class ExamPlayerPage implements OnInit, OnDestroy {
  private readonly api = inject(ExamApi);
  private readonly router = inject(Router);
  private readonly journal = inject(EXAM_JOURNAL);
  /** From the route (`attempts/:attemptId`). */
  readonly attemptId = input.required<string>();

  protected readonly view = signal<AttemptView | null>(null);
  protected readonly answers = signal<Readonly<Record<string, unknown>>>({});
  protected readonly flags = signal<ReadonlySet<string>>(new Set());
  protected readonly index = signal(0);
  protected readonly serverNow = signal(0);
  protected readonly failure = signal<Failure | null>(null);
  protected readonly reviewing = signal(false);
  protected readonly timeUp = signal(false);
  protected readonly warning = signal<WarningKey | null>(null);
  /** The questions came from the device: the server could not be reached when the page opened. */
  protected readonly fromDevice = signal(false);
  protected readonly sync = signal<AttemptSync | null>(null);
  /** Another device holds the attempt: this one shows why and offers to take it back. */
  protected readonly takenOver = signal(false);
  protected readonly takingBack = signal(false);

  protected readonly items = computed(() => this.view()?.items ?? []);
  protected readonly current = computed(() => this.items()[this.index()] ?? null);
  protected readonly remainingMs = computed(() => {
    const v = this.view();
    return v ? Math.max(0, Date.parse(v.deadline) - this.serverNow()) : 0;
  });
  protected readonly countdown = computed(() => formatRemaining(this.remainingMs()));
  protected readonly answered = computed(() => {
    const a = this.answers();
    return new Set(this.items().filter((i) => isAnswered(a[i.itemId])).map((i) => i.itemId));
  });
  protected readonly unansweredNumbers = computed(() => this.numbersWhere((id) => !this.answered().has(id)));
  protected readonly flaggedNumbers = computed(() => this.numbersWhere((id) => this.flags().has(id)));

  private readonly given = new Set<WarningKey>();
  private clock = new ServerClock();
  private ticker: ReturnType<typeof setInterval> | null = null;
  private destroyed = false;
  private reporter: ProctorReporter | null = null;
  private offlineSince: number | null = null;

  async ngOnInit(): Promise<void> {
    try {
      await this.open();
    } catch (error) {
      // Nothing may escape unhandled: a failure here is shown (the journal keeps what it had).
      if (!this.destroyed) this.failure.set(failureOf(error));
    }
  }

  private async open(): Promise<void> {
    const id = this.attemptId();
    const record = await this.journal.attempt(id);
    this.clock = new ServerClock(undefined, undefined, record.clockOffsetMs);
    let view: AttemptView;
    let entries;
    const sentAt = this.clock.reading();
    try {
      const res = await firstValueFrom(this.api.attempt(id));
      if (!isAttemptView(res)) {
        await this.journal.forget(id);
        await this.router.navigate(['/exams/attempts', id, 'result'], { replaceUrl: true });
        return;
      }
      this.clock.sync(res.serverNow, sentAt, this.clock.reading());
      view = res;
      await this.journal.updateAttempt(id, { view: res, clockOffsetMs: this.clock.offsetMs() });
      entries = await this.journal.merge(id, res.responses);
    } catch (error) {
      const unreachable = isNetworkError(error) || (error instanceof HttpErrorResponse && error.status >= 500);
      if (!record.view || !unreachable) {
        this.failure.set(failureOf(error));
        return;
      }
      // Offline: the questions and answers this device already holds, the clock from last time.
      view = record.view;
      this.fromDevice.set(true);
      entries = await this.journal.entries(id);
    }
    if (this.destroyed) return;
    this.answers.set(Object.fromEntries(entries.map((e) => [e.itemId, e.answer])));
    this.flags.set(new Set(record.flags));
    this.view.set(view);
    const transport: SyncTransport = {
      save: (attemptId, responses) => firstValueFrom(this.api.save(attemptId, responses)),
      submit: (attemptId) => firstValueFrom(this.api.submit(attemptId)),
    };
    const sync = new AttemptSync(this.journal, transport, id, this.clock, {
      onSubmitted: () => void this.router.navigate(['/exams/attempts', id, 'result'], { replaceUrl: true }),
      // The server finished the attempt (its deadline passed, or another device submitted).
      onClosed: () => void this.router.navigate(['/exams/attempts', id, 'result'], { replaceUrl: true }),
      onTakenOver: () => {
        this.takenOver.set(true);
        this.reporter?.dispose();
      },
    });
    this.sync.set(sync);
    this.reporter = new ProctorReporter({ report: (attemptId, events) => firstValueFrom(this.api.reportEvents(attemptId, events)) }, id, {
      timers: { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) },
    });
    this.tick();
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = setInterval(() => this.tick(), 1000);
    await sync.resume();
  }

  /**
   * Takes the attempt back from the other device, explicitly: starting the exam again from
   * this device makes it the holder; then the answers this device kept are sent.
   */
  protected async takeBack(): Promise<void> {
    const v = this.view();
    if (!v || this.takingBack()) return;
    this.takingBack.set(true);
    try {
      await firstValueFrom(this.api.start(v.examId));
      this.sync()?.dispose();
      this.reporter?.dispose();
      this.takenOver.set(false);
      await this.open();
    } catch (error) {
      this.failure.set(failureOf(error));
    } finally {
      this.takingBack.set(false);
    }
  }

  ngOnDestroy(): void {
    this.destroyed = true;
    if (this.ticker) clearInterval(this.ticker);
    this.sync()?.dispose();
    this.reporter?.dispose();
  }

  @HostListener('window:online')
  protected wentOnline(): void {
    this.sync()?.online();
    this.reporter?.record('reconnected', this.offlineSince === null ? undefined : { offlineMs: Date.now() - this.offlineSince });
    this.offlineSince = null;
    this.reporter?.online();
  }

  @HostListener('window:offline')
  protected wentOffline(): void {
    this.sync()?.offline();
    this.offlineSince = Date.now();
    this.reporter?.record('offline');
  }

  // What proctors are told about this device; answers never depend on it.
  @HostListener('window:blur')
  protected lostFocus(): void {
    this.reporter?.record('focus_lost');
  }

  @HostListener('window:focus')
  protected regainedFocus(): void {
    this.reporter?.record('focus_regained');
  }

  @HostListener('document:visibilitychange')
  protected visibilityChanged(): void {
    this.reporter?.record(document.visibilityState === 'hidden' ? 'hidden' : 'visible');
  }

  @HostListener('document:fullscreenchange')
  protected fullscreenChanged(): void {
    if (!document.fullscreenElement) this.reporter?.record('fullscreen_exit');
  }

  protected change(itemId: string, answer: unknown): void {
    this.answers.update((a) => ({ ...a, [itemId]: answer }));
    void this.sync()?.change(itemId, answer);
  }

  protected toggleFlag(itemId: string): void {
    const next = new Set(this.flags());
    if (next.has(itemId)) next.delete(itemId);
    else next.add(itemId);
    this.flags.set(next);
    void this.journal.updateAttempt(this.attemptId(), { flags: [...next] });
  }

  protected go(index: number): void {
    if (index < 0 || index >= this.items().length) return;
    this.reviewing.set(false);
    this.index.set(index);
  }

  protected review(): void {
    this.reviewing.set(true);
  }

  protected submit(): void {
    void this.sync()?.submit();
  }

  protected retry(): void {
    this.sync()?.retryNow();
  }

  protected dismissWarning(): void {
    this.warning.set(null);
  }

  protected isAnsweredAt(itemId: string): boolean {
    return this.answered().has(itemId);
  }

  private tick(): void {
    this.serverNow.set(this.clock.now());
    const left = this.remainingMs();
    if (left <= 0) {
      if (!this.timeUp()) {
        // The server submits at its deadline anyway; this sends the last answers and the submit now.
        this.timeUp.set(true);
        void this.sync()?.submit();
      }
      return;
    }
    const due = dueWarning(left, this.given);
    if (due) {
      this.given.add('five');
      if (due === 'one') this.given.add('one');
      this.warning.set(due);
    }
  }

  private numbersWhere(test: (itemId: string) => boolean): number[] {
    return this.items().flatMap((item, i) => (test(item.itemId) ? [i + 1] : []));
  }
}

function isAnswered(answer: unknown): boolean {
  if (answer === undefined || answer === null) return false;
  if (typeof answer === 'string') return answer.trim().length > 0;
  if (Array.isArray(answer)) return answer.length > 0;
  if (typeof answer === 'object') return Object.keys(answer).length > 0;
  return true;
}
