import { ChangeDetectionStrategy, Component, computed, effect, input, output, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { DISCUSSION_LIMITS, type DiscussionPost, type DiscussionViewer } from '@boiduong/shared-contracts';
import { TranslatePipe } from '@ngx-translate/core';
import { ReasonForm } from '../ui/reason-form';
import { charCount, formatDateTime, htmlToText, textToHtml } from '../ui/text';

/** What the reader asked to do with a post; the thread sends it to the API. */
export type PostAction =
  | { kind: 'report'; reason: string }
  | { kind: 'hide'; reason: string }
  | { kind: 'restore' }
  | { kind: 'edit'; title?: string; bodyHtml: string }
  | { kind: 'delete' }
  | { kind: 'accept' }
  | { kind: 'unaccept' };

type Form = 'report' | 'hide' | 'edit' | 'delete';

/**
 * One question or answer: author (with the lecturer's or organiser's role), body, the accepted mark,
 * and what the reader may do with it: report it (others' posts, once), edit or delete their own,
 * and for moderators accept an answer, hide or restore the post (hidden posts show who hid them and why).
 */
@Component({
  selector: 'bd-discussion-post',
  imports: [MatButtonModule, TranslatePipe, ReasonForm],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './discussion-post.html',
  styleUrls: ['../../../../shared/ui/src/lib/styles/feature-page.css', '../ui/discussion.css', './discussion-post.css'],
})
export class DiscussionPostView {
  readonly post = input.required<DiscussionPost>();
  readonly viewer = input.required<DiscussionViewer>();
  readonly busy = input(false);
  readonly action = output<PostAction>();

  protected readonly time = formatDateTime;
  protected readonly limits = DISCUSSION_LIMITS;
  protected readonly form = signal<Form | null>(null);
  protected readonly title = signal('');
  protected readonly body = signal('');
  protected readonly invalid = signal<'titleRequired' | 'titleTooLong' | 'bodyRequired' | 'bodyTooLong' | null>(null);
  protected readonly bodyLength = computed(() => charCount(this.body()));

  protected readonly canAccept = computed(() => {
    const p = this.post();
    const v = this.viewer();
    return p.kind === 'answer' && v.canModerate && v.canWrite && !p.hidden;
  });
  protected readonly canReport = computed(() => {
    const p = this.post();
    return !p.mine && !p.reportedByMe && !p.hidden;
  });

  constructor() {
    // A new version of the post (after any action) closes whatever form was open on the old one.
    effect(() => {
      this.post();
      untracked(() => this.form.set(null));
    });
  }

  protected open(form: Form): void {
    const p = this.post();
    this.invalid.set(null);
    if (form === 'edit') {
      this.title.set(p.kind === 'question' ? p.title : '');
      this.body.set(htmlToText(p.bodyHtml));
    }
    this.form.set(this.form() === form ? null : form);
  }

  protected saveEdit(): void {
    const p = this.post();
    const title = this.title().trim();
    const text = this.body().trim();
    if (p.kind === 'question' && !title) return this.invalid.set('titleRequired');
    if (charCount(title) > DISCUSSION_LIMITS.titleMax) return this.invalid.set('titleTooLong');
    if (!text) return this.invalid.set('bodyRequired');
    if (charCount(text) > DISCUSSION_LIMITS.bodyTextMax) return this.invalid.set('bodyTooLong');
    this.invalid.set(null);
    this.action.emit(p.kind === 'question' ? { kind: 'edit', title, bodyHtml: textToHtml(text) } : { kind: 'edit', bodyHtml: textToHtml(text) });
  }
}
