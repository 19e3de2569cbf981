import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { ItemVersionView } from '@boiduong/shared-contracts';
import { TranslatePipe } from '@ngx-translate/core';

/** One version's content with its key, read-only. Rich text is bound through Angular's sanitizer. */
@Component({
  selector: 'bd-version-view',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let v = version();
    <div class="stem" data-testid="version-stem" [innerHTML]="v.stem"></div>
    @switch (v.type) {
      @case ('ordering') {
        <ol data-testid="version-key">
          @for (o of ordered(); track o.id) {
            <li [innerHTML]="o.text"></li>
          }
        </ol>
      }
      @case ('matching') {
        <ul data-testid="version-key">
          @for (o of v.options; track o.id) {
            <li><span [innerHTML]="o.text"></span> → {{ matchOf(o.id) }}</li>
          }
        </ul>
      }
      @case ('true_false') {
        <p data-testid="version-key">{{ 'questionBank.fields.answer' | translate }}: {{ (v.key ? 'questionBank.true' : 'questionBank.false') | translate }}</p>
      }
      @case ('short_answer') {
        <p data-testid="version-key">{{ 'questionBank.fields.accepted' | translate }}: {{ accepted() }}</p>
      }
      @case ('numeric') {
        <p data-testid="version-key">{{ 'questionBank.fields.numeric' | translate }}: {{ v.key }} ± {{ v.scoring.tolerance ?? 0 }}</p>
      }
      @case ('essay') {
        <ul data-testid="version-key">
          @for (r of v.scoring.rubric ?? []; track $index) {
            <li>{{ r.criterion }} ({{ r.points }})</li>
          }
        </ul>
      }
      @default {
        <ul class="choices" data-testid="version-key">
          @for (o of v.options; track o.id) {
            <li [class.correct]="isCorrect(o.id)" [attr.data-correct]="isCorrect(o.id)">
              <span aria-hidden="true">{{ isCorrect(o.id) ? '✓' : '·' }}</span> <span [innerHTML]="o.text"></span>
              @if (isCorrect(o.id)) {
                <span class="visually-hidden">({{ 'questionBank.detail.correct' | translate }})</span>
              }
            </li>
          }
        </ul>
      }
    }
    @if (v.explanation) {
      <div class="explanation"><strong>{{ 'questionBank.fields.explanation' | translate }}:</strong> <span [innerHTML]="v.explanation"></span></div>
    }
  `,
  styles: `
    .stem {
      font-size: 1.0625rem;
      overflow-wrap: anywhere;
    }
    .choices {
      padding-left: 8px;
      list-style: none;
    }
    .correct {
      font-weight: 600;
      color: var(--mat-sys-primary);
    }
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
    }
  `,
})
export class VersionView {
  readonly version = input.required<ItemVersionView>();

  private readonly keyIds = computed(() => {
    const key = this.version().key;
    return new Set(typeof key === 'string' ? [key] : Array.isArray(key) ? key.filter((k): k is string => typeof k === 'string') : []);
  });
  protected readonly ordered = computed(() => {
    const v = this.version();
    const byId = new Map(v.options.map((o) => [o.id, o]));
    return (Array.isArray(v.key) ? (v.key as string[]) : []).map((id) => byId.get(id)).filter((o) => o !== undefined);
  });
  protected readonly accepted = computed(() => {
    const key = this.version().key;
    return Array.isArray(key) ? (key as string[]).join(' | ') : '';
  });

  protected isCorrect(id: string): boolean {
    return this.keyIds().has(id);
  }

  protected matchOf(id: string): string {
    const key = this.version().key;
    return Array.isArray(key) ? ((key as Array<[string, string]>).find((p) => Array.isArray(p) && p[0] === id)?.[1] ?? '') : '';
  }
}
