import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, input, output, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { DISCUSSION_LIMITS, type DiscussionAnswer, type DiscussionPost, type DiscussionQuestion, type DiscussionThread } from '@boiduong/shared-contracts';
import { FailureMessage } from '@boiduong/web-core';
import { TranslatePipe } from '@ngx-translate/core';
import type { Observable, Subscription } from 'rxjs';
import { DiscussionService } from '../data/discussion.service';
import { type Failure, failureOf } from '../data/failure';
import { DiscussionPostView, type PostAction } from '../post/discussion-post';
import { charCount, textToHtml } from '../ui/text';

type Notice = 'answered' | 'reported' | 'hidden' | 'restored' | 'saved' | 'accepted' | 'unaccepted' | 'deleted';

/**
 * One question opened: its body, the accepted answer pinned and highlighted, the other answers in
 * the order they came (paged), and the answer form while the course is open. Every change is sent
 * to the API and the thread read again, so what is shown is what the API holds.
 */
@Component({
  selector: 'bd-question-thread',
  imports: [MatButtonModule, TranslatePipe, FailureMessage, DiscussionPostView],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './question-thread.html',
  styleUrls: ['../../../../shared/ui/src/lib/styles/feature-page.css', '../ui/discussion.css', './question-thread.css'],
})
export class QuestionThread {
  private readonly discussion = inject(DiscussionService);

  readonly questionId = input.required<string>();
  /** The question as the API holds it after a change (answer count, accepted answer, hidden). */
  readonly changed = output<DiscussionQuestion>();
  /** The question was deleted by its author. */
  readonly removed = output<string>();

  protected readonly limits = DISCUSSION_LIMITS;
  protected readonly thread = signal<DiscussionThread | null>(null);
  protected readonly answers = signal<DiscussionAnswer[]>([]);
  protected readonly next = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly busy = signal(false);
  protected readonly failure = signal<Failure | null>(null);
  protected readonly notice = signal<Notice | null>(null);
  protected readonly draft = signal('');
  protected readonly invalid = signal<'bodyRequired' | 'bodyTooLong' | null>(null);
  protected readonly draftLength = computed(() => charCount(this.draft()));
  /** The accepted answer is shown pinned above; the list keeps the others. */
  protected readonly others = computed(() => {
    const acceptedId = this.thread()?.accepted?.id;
    return this.answers().filter((a) => a.id !== acceptedId);
  });

  private loadSub: Subscription | null = null;

  constructor() {
    effect(() => {
      const id = this.questionId();
      untracked(() => this.load(id));
    });
    inject(DestroyRef).onDestroy(() => this.loadSub?.unsubscribe());
  }

  protected more(): void {
    const cursor = this.next();
    if (!cursor || this.loading()) return;
    this.loading.set(true);
    this.discussion.thread(this.questionId(), cursor).subscribe({
      next: (page) => {
        this.loading.set(false);
        this.answers.update((list) => [...list, ...page.answers]);
        this.next.set(page.nextCursor);
      },
      error: (e: unknown) => {
        this.loading.set(false);
        this.failure.set(failureOf(e));
      },
    });
  }

  protected sendAnswer(): void {
    const text = this.draft().trim();
    if (!text) return this.invalid.set('bodyRequired');
    if (charCount(text) > DISCUSSION_LIMITS.bodyTextMax) return this.invalid.set('bodyTooLong');
    this.invalid.set(null);
    this.run(this.discussion.answer(this.questionId(), textToHtml(text)), 'answered', () => this.draft.set(''));
  }

  protected act(post: DiscussionPost, action: PostAction): void {
    const questionId = this.questionId();
    switch (action.kind) {
      case 'report':
        return this.run(this.discussion.report(post.id, action.reason || undefined), 'reported');
      case 'hide':
        return this.run(this.discussion.hide(post.id, action.reason), 'hidden');
      case 'restore':
        return this.run(this.discussion.restore(post.id), 'restored');
      case 'edit':
        return this.run(this.discussion.edit(post.id, { ...(action.title !== undefined ? { title: action.title } : {}), bodyHtml: action.bodyHtml }), 'saved');
      case 'accept':
        return this.run(this.discussion.accept(questionId, post.id), 'accepted');
      case 'unaccept':
        return this.run(this.discussion.unaccept(questionId), 'unaccepted');
      case 'delete':
        if (post.kind === 'question') {
          this.busy.set(true);
          this.discussion.remove(post.id).subscribe({
            next: () => {
              this.busy.set(false);
              this.removed.emit(post.id);
            },
            error: (e: unknown) => this.fail(e),
          });
          return;
        }
        return this.run(this.discussion.remove(post.id), 'deleted');
    }
  }

  private run(request: Observable<unknown>, notice: Notice, done?: () => void): void {
    this.busy.set(true);
    this.failure.set(null);
    this.notice.set(null);
    request.subscribe({
      next: () => {
        this.busy.set(false);
        this.notice.set(notice);
        done?.();
        this.load(this.questionId(), true);
      },
      error: (e: unknown) => this.fail(e),
    });
  }

  private fail(e: unknown): void {
    this.busy.set(false);
    this.failure.set(failureOf(e));
  }

  /** Reads the question and its first answers; `keepNotice` after a change, so its confirmation stays. */
  private load(id: string, keepNotice = false): void {
    this.loadSub?.unsubscribe();
    this.loading.set(true);
    if (!keepNotice) {
      this.notice.set(null);
      this.failure.set(null);
    }
    this.loadSub = this.discussion.thread(id).subscribe({
      next: (t) => {
        this.loading.set(false);
        this.thread.set(t);
        this.answers.set(t.answers);
        this.next.set(t.nextCursor);
        this.changed.emit(t.question);
      },
      error: (e: unknown) => {
        this.loading.set(false);
        this.failure.set(failureOf(e));
      },
    });
  }
}
