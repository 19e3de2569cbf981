import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { DatePipe } from '@angular/common';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { Permission, type ItemVersionView } from '@boiduong/shared-contracts';
import { SessionStore } from '@boiduong/web-core';
import { TranslatePipe } from '@ngx-translate/core';
import type { Observable } from 'rxjs';
import { failureOf, type Failure } from '../data/failure';
import { ItemsService, type ReviewAction } from '../data/items.service';
import { FailureMessage } from '../ui/failure-message';
import { VersionView } from './version-view';

/** One item: its current version, the review actions the user may take, comments and version history. */
@Component({
  selector: 'bd-item-detail-page',
  imports: [DatePipe, RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, TranslatePipe, FailureMessage, VersionView],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './item-detail-page.html',
  styleUrl: './item-detail-page.css',
})
export class ItemDetailPage {
  private readonly items = inject(ItemsService);
  private readonly session = inject(SessionStore);

  /** Route parameter. */
  readonly id = input.required<string>();
  /** `?saved=N` after the editor saved version N. */
  readonly saved = input<string>();

  protected readonly item = rxResource({ params: () => this.id(), stream: ({ params }) => this.items.get(params) });
  protected readonly versions = rxResource({ params: () => this.id(), stream: ({ params }) => this.items.versions(params) });
  protected readonly comments = rxResource({ params: () => this.id(), stream: ({ params }) => this.items.comments(params) });
  protected readonly loadFailure = computed(() => (this.item.error() ? failureOf(this.item.error()) : null));

  protected readonly me = computed(() => this.session.user()?.id ?? '');
  protected readonly canAuthor = computed(() => this.session.permissions().has(Permission.ItemAuthor));
  protected readonly canReview = computed(() => this.session.permissions().has(Permission.ItemReview));
  private readonly status = computed(() => (this.item.hasValue() ? this.item.value().status : null));
  /** The API refuses an approval by the author of the version under review. */
  protected readonly ownVersion = computed(() => this.item.hasValue() && this.item.value().current.authorId === this.me());

  protected readonly canEdit = computed(() => this.canAuthor() && this.status() !== null && this.status() !== 'retired');
  protected readonly canSubmit = computed(() => this.canAuthor() && this.status() === 'draft');
  protected readonly canDecide = computed(() => this.canReview() && this.status() === 'in_review');
  protected readonly canRetire = computed(() => this.canReview() && this.status() !== null && this.status() !== 'retired');

  protected readonly comment = signal('');
  protected readonly busy = signal(false);
  protected readonly failure = signal<Failure | null>(null);
  protected readonly done = signal<ReviewAction | 'comment' | null>(null);
  protected readonly commentRequired = signal(false);
  protected readonly shownVersion = signal<number | null>(null);

  protected author(id: string): string {
    return id === this.me() ? 'questionBank.detail.you' : '';
  }

  protected toggleVersion(v: ItemVersionView): void {
    this.shownVersion.set(this.shownVersion() === v.version ? null : v.version);
  }

  protected act(action: ReviewAction): void {
    if (this.busy()) return;
    // A rejection tells the author why; the API records it as a review comment.
    if (action === 'reject' && !this.comment().trim()) {
      this.commentRequired.set(true);
      return;
    }
    this.commentRequired.set(false);
    this.run(action, this.items.review(this.id(), action, this.comment()));
  }

  protected addComment(): void {
    if (this.busy()) return;
    if (!this.comment().trim()) {
      this.commentRequired.set(true);
      return;
    }
    this.commentRequired.set(false);
    this.run('comment', this.items.addComment(this.id(), this.comment()));
  }

  private run(kind: ReviewAction | 'comment', call: Observable<unknown>): void {
    this.busy.set(true);
    this.failure.set(null);
    this.done.set(null);
    call.subscribe({
      next: () => {
        this.busy.set(false);
        this.done.set(kind);
        this.comment.set('');
        this.item.reload();
        this.versions.reload();
        this.comments.reload();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.failure.set(failureOf(error));
      },
    });
  }
}
