import { afterNextRender, ChangeDetectionStrategy, Component, computed, DestroyRef, effect, ElementRef, inject, Injector, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { DISCUSSION_LIMITS, type DiscussionQuestion, type DiscussionViewer } from '@boiduong/shared-contracts';
import { FailureMessage } from '@boiduong/web-core';
import { TranslatePipe } from '@ngx-translate/core';
import type { Subscription } from 'rxjs';
import { DiscussionService } from '../data/discussion.service';
import { type Failure, failureOf } from '../data/failure';
import { QuestionThread } from '../question-thread/question-thread';
import { charCount, formatDateTime, textToHtml } from '../ui/text';

/**
 * The questions and answers about one lesson of one course, laid out for a phone first: the
 * questions by latest activity with their answer counts (a page at a time), the form to ask, and
 * one question opened at a time with its answers. The same panel serves learners under the lesson
 * and teachers on the course's discussion screen; the API says what the reader may do (`viewer`).
 */
@Component({
  selector: 'bd-lesson-discussion',
  imports: [MatButtonModule, TranslatePipe, FailureMessage, QuestionThread],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './lesson-discussion.html',
  styleUrls: ['../../../../shared/ui/src/lib/styles/feature-page.css', '../ui/discussion.css', './lesson-discussion.css'],
})
export class LessonDiscussion {
  private readonly discussion = inject(DiscussionService);

  readonly courseId = input.required<string>();
  readonly lessonId = input.required<string>();
  /**
   * A question to open once the list is in, scrolled into view (a notification about an answer
   * leads here). It has just had activity, so it is on the first page; if not, the list shows as usual.
   */
  readonly openQuestion = input<string | null>(null);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly limits = DISCUSSION_LIMITS;
  protected readonly time = formatDateTime;
  protected readonly items = signal<DiscussionQuestion[]>([]);
  protected readonly viewer = signal<DiscussionViewer | null>(null);
  protected readonly next = signal<string | null>(null);
  protected readonly loaded = signal(false);
  protected readonly loading = signal(false);
  protected readonly failure = signal<Failure | null>(null);
  protected readonly opened = signal<string | null>(null);

  protected readonly asking = signal(false);
  protected readonly title = signal('');
  protected readonly body = signal('');
  protected readonly bodyLength = computed(() => charCount(this.body()));
  protected readonly invalid = signal<'titleRequired' | 'titleTooLong' | 'bodyRequired' | 'bodyTooLong' | null>(null);
  protected readonly busy = signal(false);
  protected readonly askFailure = signal<Failure | null>(null);
  protected readonly notice = signal<'asked' | 'deleted' | null>(null);

  private pageSub: Subscription | null = null;

  constructor() {
    // Another lesson (the pager, or a teacher picking one) starts over from its first page.
    effect(() => {
      const courseId = this.courseId();
      const lessonId = this.lessonId();
      untracked(() => this.reset(courseId, lessonId));
    });
    inject(DestroyRef).onDestroy(() => this.pageSub?.unsubscribe());
  }

  protected more(): void {
    const cursor = this.next();
    if (cursor && !this.loading()) this.load(this.courseId(), this.lessonId(), cursor);
  }

  protected toggle(id: string): void {
    this.opened.set(this.opened() === id ? null : id);
  }

  protected ask(): void {
    const title = this.title().trim();
    const text = this.body().trim();
    if (!title) return this.invalid.set('titleRequired');
    if (charCount(title) > DISCUSSION_LIMITS.titleMax) return this.invalid.set('titleTooLong');
    if (!text) return this.invalid.set('bodyRequired');
    if (charCount(text) > DISCUSSION_LIMITS.bodyTextMax) return this.invalid.set('bodyTooLong');
    this.invalid.set(null);
    this.busy.set(true);
    this.askFailure.set(null);
    this.notice.set(null);
    this.discussion.ask(this.courseId(), this.lessonId(), { title, bodyHtml: textToHtml(text) }).subscribe({
      next: (q) => {
        this.busy.set(false);
        this.items.update((list) => [q, ...list.filter((x) => x.id !== q.id)]);
        this.title.set('');
        this.body.set('');
        this.asking.set(false);
        this.notice.set('asked');
      },
      error: (e: unknown) => {
        this.busy.set(false);
        this.askFailure.set(failureOf(e));
      },
    });
  }

  /** Keeps a list row in step with its opened thread (answer count, accepted answer, hidden). */
  protected replace(q: DiscussionQuestion): void {
    this.items.update((list) => list.map((x) => (x.id === q.id ? q : x)));
  }

  protected drop(id: string): void {
    this.items.update((list) => list.filter((x) => x.id !== id));
    this.opened.set(null);
    this.notice.set('deleted');
  }

  private show(id: string): void {
    this.opened.set(id);
    afterNextRender(
      () => this.host.nativeElement.querySelector(`[data-question-id="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'start' }),
      { injector: this.injector },
    );
  }

  private reset(courseId: string, lessonId: string): void {
    this.items.set([]);
    this.next.set(null);
    this.opened.set(null);
    this.loaded.set(false);
    this.notice.set(null);
    this.load(courseId, lessonId, null);
  }

  private load(courseId: string, lessonId: string, cursor: string | null): void {
    this.pageSub?.unsubscribe();
    this.loading.set(true);
    this.failure.set(null);
    this.pageSub = this.discussion.questions(courseId, lessonId, cursor).subscribe({
      next: (page) => {
        this.loading.set(false);
        this.loaded.set(true);
        this.viewer.set(page.viewer);
        // A question that moved up since the last page (new activity) is shown once.
        this.items.update((list) => (cursor ? [...list, ...page.items.filter((q) => !list.some((x) => x.id === q.id))] : page.items));
        this.next.set(page.nextCursor);
        const wanted = untracked(this.openQuestion);
        if (!cursor && wanted && page.items.some((q) => q.id === wanted)) this.show(wanted);
      },
      error: (e: unknown) => {
        this.loading.set(false);
        this.failure.set(failureOf(e));
      },
    });
  }
}
