import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import type { AppNotification } from '@boiduong/shared-contracts';
import { FailureMessage, NotificationsService, toFailure, type Failure } from '@boiduong/web-core';
import { formatDateTime } from '@boiduong/web-discussion';
import { TranslatePipe } from '@ngx-translate/core';

/** What one notification says (a key under `notifications.kinds` and its values) and where it leads. */
interface NotificationView {
  item: AppNotification;
  key: string;
  values: Record<string, string>;
  link: string[];
}

function viewOf(n: AppNotification): NotificationView {
  switch (n.kind) {
    case 'discussion.answered':
      return {
        item: n,
        key: 'notifications.kinds.discussionAnswered',
        values: { name: n.params.answererName, title: n.params.questionTitle },
        link: ['/learning/courses', n.params.courseId, 'lessons', n.params.lessonId],
      };
    case 'exam.regraded':
      return {
        item: n,
        key: 'notifications.kinds.examRegraded',
        values: {
          title: n.params.examTitle,
          old: String(n.params.oldScaled10 ?? '–'),
          new: String(n.params.newScaled10 ?? '–'),
        },
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
  protected readonly items = signal<NotificationView[] | null>(null);
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
      next: () => this.setRead((v) => v.item.id === view.item.id),
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
        const known = new Set((this.items() ?? []).map((v) => v.item.id));
        // One written between two pages shifts the rest down: show each only once.
        const fresh = page.items.filter((n) => !known.has(n.id)).map(viewOf);
        this.items.set(cursor ? [...(this.items() ?? []), ...fresh] : fresh);
        this.nextCursor.set(page.nextCursor);
        this.loading.set(false);
      },
      error: (e: unknown) => {
        this.failure.set(toFailure(e, 'notifications'));
        this.loading.set(false);
      },
    });
  }

  private setRead(which: (v: NotificationView) => boolean): void {
    const now = new Date().toISOString();
    this.items.update((list) =>
      (list ?? []).map((v) => (which(v) && v.item.readAt === null ? { ...v, item: { ...v.item, readAt: now } } : v)),
    );
  }
}
