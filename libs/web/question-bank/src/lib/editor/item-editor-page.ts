import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import type { ItemType, ItemWriteResult } from '@boiduong/shared-contracts';
import { TranslatePipe } from '@ngx-translate/core';
import { of } from 'rxjs';
import { failureOf, type Failure } from '../data/failure';
import { ItemsService } from '../data/items.service';
import { LEVELS, PARTIAL_CREDIT, TYPES } from '../data/labels';
import { FailureMessage } from '../ui/failure-message';
import {
  changeType,
  draftFromVersion,
  emptyDraft,
  newOption,
  OPTION_TYPES,
  toRequest,
  validateDraft,
  type DraftOption,
  type ItemDraft,
} from './item-draft';

/** Creates an item (`/bank/new`) or edits one (`/bank/:id/edit`); saving an approved item makes a new version. */
@Component({
  selector: 'bd-item-editor-page',
  imports: [RouterLink, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatInputModule, TranslatePipe, FailureMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './item-editor-page.html',
  styleUrl: './item-editor-page.css',
})
export class ItemEditorPage {
  private readonly items = inject(ItemsService);
  private readonly router = inject(Router);

  /** Route parameter (component input binding); absent when creating. */
  readonly id = input<string>();

  protected readonly types = TYPES;
  protected readonly levels = LEVELS;
  protected readonly partialCredit = PARTIAL_CREDIT;

  protected readonly existing = rxResource({
    params: () => this.id(),
    stream: ({ params }) => (params ? this.items.get(params) : of(null)),
  });
  protected readonly loadFailure = computed(() => (this.existing.error() ? failureOf(this.existing.error()) : null));

  protected readonly draft = signal<ItemDraft>(emptyDraft());
  protected readonly touched = signal(false);
  protected readonly saving = signal(false);
  protected readonly failure = signal<Failure | null>(null);
  protected readonly saved = signal<ItemWriteResult | null>(null);

  protected readonly problems = computed(() => validateDraft(this.draft()));
  protected readonly shownProblems = computed(() => (this.touched() ? this.problems() : []));
  protected readonly hasOptions = computed(() => OPTION_TYPES.includes(this.draft().type));
  /** Editing an approved (or used) version makes the next version: say so before saving. */
  protected readonly makesNewVersion = computed(() => {
    const item = this.existing.hasValue() ? this.existing.value() : null;
    return !!item && (item.status === 'approved' || item.current.usedAt !== null);
  });

  constructor() {
    effect(() => {
      const item = this.existing.hasValue() ? this.existing.value() : null;
      if (item) this.draft.set(draftFromVersion(item.current));
    });
  }

  /** Whether a field (or, with a prefix such as `options[`, one of its parts) has a problem to show. */
  protected invalid(field: string): boolean {
    return this.shownProblems().some((p) => p.field === field || p.field.startsWith(`${field}[`));
  }

  protected set<K extends keyof ItemDraft>(field: K, value: ItemDraft[K]): void {
    this.draft.update((d) => ({ ...d, [field]: value }));
  }

  protected setType(type: string): void {
    this.draft.update((d) => changeType(d, type as ItemType));
  }

  protected setOption(index: number, change: Partial<DraftOption>): void {
    this.draft.update((d) => {
      let options = d.options.map((o, i) => (i === index ? { ...o, ...change } : o));
      // One correct option for single choice: choosing one clears the others.
      if (d.type === 'single_choice' && change.correct) options = options.map((o, i) => ({ ...o, correct: i === index }));
      return { ...d, options };
    });
  }

  protected addOption(): void {
    this.draft.update((d) => ({ ...d, options: [...d.options, newOption(d.options)] }));
  }

  protected removeOption(index: number): void {
    this.draft.update((d) => ({ ...d, options: d.options.filter((_, i) => i !== index) }));
  }

  protected moveOption(index: number, by: -1 | 1): void {
    this.draft.update((d) => {
      const target = index + by;
      if (target < 0 || target >= d.options.length) return d;
      const options = [...d.options];
      [options[index], options[target]] = [options[target], options[index]];
      return { ...d, options };
    });
  }

  protected setCriterion(index: number, change: Partial<ItemDraft['rubric'][number]>): void {
    this.draft.update((d) => ({ ...d, rubric: d.rubric.map((r, i) => (i === index ? { ...r, ...change } : r)) }));
  }

  protected addCriterion(): void {
    this.draft.update((d) => ({ ...d, rubric: [...d.rubric, { criterion: '', points: '' }] }));
  }

  protected removeCriterion(index: number): void {
    this.draft.update((d) => ({ ...d, rubric: d.rubric.filter((_, i) => i !== index) }));
  }

  protected save(): void {
    if (this.saving()) return;
    this.touched.set(true);
    if (this.problems().length) return;
    const request = toRequest(this.draft());
    const id = this.id();
    this.saving.set(true);
    this.failure.set(null);
    const { type, ...changes } = request;
    const call = id ? this.items.update(id, changes) : this.items.create({ ...changes, type });
    call.subscribe({
      next: (result) => {
        this.saving.set(false);
        this.saved.set(result);
        // Near-duplicates stay on this page so the author can check them; otherwise go to the item.
        if (result.similar.length === 0) void this.router.navigate(['/bank', result.id], { queryParams: { saved: result.version } });
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.failure.set(failureOf(error));
      },
    });
  }
}
