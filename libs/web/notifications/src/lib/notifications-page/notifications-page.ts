import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import type { AppNotification } from '@boiduong/shared-contracts';
import { FailureMessage, LanguageService, NotificationsService, toFailure, type Failure } from '@boiduong/web-core';
import { formatDateTime } from '@boiduong/web-discussion';
import { TranslatePipe } from '@ngx-translate/core';

/** What one notification says (a key under `notifications.kinds` and its values) and where it leads. */
interface NotificationView {
  item: AppNotification;
  key: string;
  values: Record<string, string>;
  link: string[];
  query?: Record<string, string>;
}

/** A score on the 10-point scale as the reader writes numbers (vi: "8,33"), or a dash when there is none. */
type ScoreFormat = (value: number | null | undefined) => string;

function scoreFormat(lang: string): ScoreFormat {
  const format = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 2 });
  return (value) => (value === null || value === undefined ? '–' : format.format(value));
}

function viewOf(n: AppNotification, score: ScoreFormat): NotificationView {
  switch (n.kind) {
    case 'discussion.answered':
      return {
        item: n,
        key: 'notifications.kinds.discussionAnswered',
        values: { name: n.params.answererName, title: n.params.questionTitle },
        link: ['/learning/courses', n.params.courseId, 'lessons', n.params.lessonId],
        query: { question: n.params.questionId },
      };
    case 'exam.regraded':
      return {
        item: n,
        key: 'notifications.kinds.examRegraded',
        values: {
          title: n.params.examTitle,
          old: score(n.params.oldScaled10),
          new: score(n.params.newScaled10),
        },
        link: ['/exams/attempts', n.params.attemptId, 'result'],
      };
    case 'exam.resultsReleased':
      return {
        item: n,
        key: 'notifications.kinds.examResultsReleased',
        values: { title: n.params.examTitle },
        link: ['/exams/attempts', n.params.attemptId, 'result'],
      };
  }
}

/**
 * The signed-in person's notifications, newest first, a page at a time. Opening one marks it read;
 * the text is rendered here from the ids and names the API sends, in the reader's language.
 */
@Component({
  selector: 'bd-notifications-page',
  imports: [MatButtonModule, RouterLink, TranslatePipe, FailureMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './notifications-page.html',
  styleUrl: './notifications-page.css',
})
export class NotificationsPage implements OnInit {
  protected readonly notifications = inject(NotificationsService);
  private readonly lang = inject(LanguageService).lang;
  private readonly loaded = signal<AppNotification[] | null>(null);
  /** Worded in the current language: switching it rewords the numbers too. */
  protected readonly items = computed(() => {
    const list = this.loaded();
    if (!list) return null;
    const score = scoreFormat(this.lang());
    return list.map((n) => viewOf(n, score));
  });
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly failure = signal<Failure | null>(null);
  protected readonly formatDateTime = formatDateTime;

  ngOnInit(): void {
    this.load(null);
  }

  protected more(): void {
    const cursor = this.nextCursor();
    if (cursor) this.load(cursor);
  }

  /** Marked read on the way to what it is about; the link navigates whatever the answer. */
  protected open(view: NotificationView): void {
    if (view.item.readAt !== null) return;
    this.notifications.markRead(view.item.id).subscribe({
      next: () => this.setRead((n) => n.id === view.item.id),
      error: (e: unknown) => this.failure.set(toFailure(e, 'notifications')),
    });
  }

  protected markAllRead(): void {
    this.failure.set(null);
    this.notifications.markAllRead().subscribe({
      next: () => this.setRead(() => true),
      error: (e: unknown) => this.failure.set(toFailure(e, 'notifications')),
    });
  }

  private load(cursor: string | null): void {
    this.loading.set(true);
    this.failure.set(null);
    this.notifications.page(cursor).subscribe({
      next: (page) => {
        const known = new Set((this.loaded() ?? []).map((n) => n.id));
        // One written between two pages shifts the rest down: show each only once.
        const fresh = page.items.filter((n) => !known.has(n.id));
        this.loaded.set(cursor ? [...(this.loaded() ?? []), ...fresh] : fresh);
        this.nextCursor.set(page.nextCursor);
        this.loading.set(false);
      },
      error: (e: unknown) => {
        this.failure.set(toFailure(e, 'notifications'));
        this.loading.set(false);
      },
    });
  }

  private setRead(which: (n: AppNotification) => boolean): void {
    const now = new Date().toISOString();
    this.loaded.update((list) => (list ?? []).map((n) => (which(n) && n.readAt === null ? { ...n, readAt: now } : n)));
  }
}
