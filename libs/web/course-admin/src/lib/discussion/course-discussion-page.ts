import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, input, signal, untracked } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import type { DiscussionModerationItem, DiscussionQueueFilter } from '@boiduong/shared-contracts';
import { FailureMessage, toFailure, type Failure } from '@boiduong/web-core';
import { DiscussionService, formatDateTime, LessonDiscussion, ReasonForm } from '@boiduong/web-discussion';
import { TranslatePipe } from '@ngx-translate/core';
import type { Observable, Subscription } from 'rxjs';
import { CourseAdminService } from '../data/course-admin.service';

const failureOf = (error: unknown): Failure => toFailure(error, 'discussion');

/**
 * A course's discussion for its lecturers and organisers: the moderation queue (posts reported
 * since the last decision, or hidden ones) where a post is hidden with a reason, kept, or restored;
 * and every lesson of the course with its questions, opened in the same panel the learners use, where
 * teachers answer and mark the accepted answer.
 */
@Component({
  selector: 'bd-course-discussion-page',
  imports: [RouterLink, MatButtonModule, TranslatePipe, FailureMessage, LessonDiscussion, ReasonForm],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './course-discussion-page.html',
  styleUrls: ['../../../../shared/ui/src/lib/styles/feature-page.css', '../ui/course-admin.css', './course-discussion-page.css'],
})
export class CourseDiscussionPage {
  private readonly admin = inject(CourseAdminService);
  private readonly discussion = inject(DiscussionService);

  /** Route parameter (component input binding). */
  readonly courseId = input.required<string>();

  protected readonly time = formatDateTime;
  protected readonly course = rxResource({ params: () => this.courseId(), stream: ({ params }) => this.admin.course(params) });
  protected readonly lessons = rxResource({ params: () => this.courseId(), stream: ({ params }) => this.discussion.lessons(params) });
  protected readonly loadFailure = computed(() => {
    const e = this.course.error() ?? this.lessons.error();
    return e ? failureOf(e) : null;
  });
  protected readonly lesson = signal<string | null>(null);

  protected readonly filter = signal<DiscussionQueueFilter>('reported');
  protected readonly items = signal<DiscussionModerationItem[]>([]);
  protected readonly counts = signal({ reported: 0, hidden: 0 });
  protected readonly next = signal<string | null>(null);
  protected readonly loaded = signal(false);
  protected readonly loading = signal(false);
  protected readonly queueFailure = signal<Failure | null>(null);

  protected readonly hiding = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly failure = signal<Failure | null>(null);
  protected readonly notice = signal<'hidden' | 'restored' | null>(null);

  private queueSub: Subscription | null = null;

  constructor() {
    effect(() => {
      const courseId = this.courseId();
      const filter = this.filter();
      untracked(() => this.load(courseId, filter, null));
    });
    inject(DestroyRef).onDestroy(() => this.queueSub?.unsubscribe());
  }

  protected show(filter: DiscussionQueueFilter): void {
    this.hiding.set(null);
    this.filter.set(filter);
  }

  protected more(): void {
    const cursor = this.next();
    if (cursor && !this.loading()) this.load(this.courseId(), this.filter(), cursor);
  }

  protected hide(item: DiscussionModerationItem, reason: string): void {
    this.run(this.discussion.hide(item.post.id, reason), 'hidden');
  }

  protected restore(item: DiscussionModerationItem): void {
    this.run(this.discussion.restore(item.post.id), 'restored');
  }

  private run(request: Observable<unknown>, notice: 'hidden' | 'restored'): void {
    this.busy.set(true);
    this.failure.set(null);
    this.notice.set(null);
    request.subscribe({
      next: () => {
        this.busy.set(false);
        this.hiding.set(null);
        this.notice.set(notice);
        this.load(this.courseId(), this.filter(), null);
        this.lessons.reload();
      },
      error: (e: unknown) => {
        this.busy.set(false);
        this.failure.set(failureOf(e));
      },
    });
  }

  private load(courseId: string, filter: DiscussionQueueFilter, cursor: string | null): void {
    this.queueSub?.unsubscribe();
    this.loading.set(true);
    this.queueFailure.set(null);
    this.queueSub = this.discussion.queue(courseId, filter, cursor).subscribe({
      next: (page) => {
        this.loading.set(false);
        this.loaded.set(true);
        this.counts.set(page.counts);
        this.items.update((list) => (cursor ? [...list, ...page.items.filter((i) => !list.some((x) => x.post.id === i.post.id))] : page.items));
        this.next.set(page.nextCursor);
      },
      error: (e: unknown) => {
        this.loading.set(false);
        this.queueFailure.set(failureOf(e));
      },
    });
  }
}
