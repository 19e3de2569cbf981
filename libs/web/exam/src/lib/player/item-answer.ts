import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import type { AttemptItem } from '../data/exam.models';

/**
 * The answer control of one item, for every type the API serves, in the shapes the save endpoint
 * expects: single choice an option id, multiple a list of ids, true/false a boolean, short
 * answer / numeric / essay text, matching `{ optionId: match }`, ordering the ids in order.
 * Native controls: they work with a keyboard, a screen reader and a small touch screen.
 */
@Component({
  selector: 'bd-item-answer',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './item-answer.html',
  styleUrl: './item-answer.css',
})
export class ItemAnswer {
  readonly item = input.required<AttemptItem>();
  readonly answer = input<unknown>(undefined);
  /** Matching: the right-hand texts to pick from; without them each match is typed. */
  readonly choices = input<readonly string[] | null>(null);
  readonly changed = output<unknown>();

  protected readonly name = computed(() => `item-${this.item().itemId}`);
  protected readonly chosen = computed(() => {
    const a = this.answer();
    return new Set(Array.isArray(a) ? (a as string[]) : typeof a === 'string' ? [a] : []);
  });
  protected readonly text = computed(() => {
    const a = this.answer();
    return typeof a === 'string' ? a : typeof a === 'number' ? String(a) : '';
  });
  protected readonly pairs = computed(() => {
    const a = this.answer();
    return a && typeof a === 'object' && !Array.isArray(a) ? (a as Record<string, string>) : {};
  });
  /** The order shown: the learner's answer, else the order the server sent (already shuffled). */
  protected readonly order = computed(() => {
    const item = this.item();
    const a = this.answer();
    const byId = new Map(item.options.map((o) => [o.id, o]));
    const ids = Array.isArray(a) && a.length === item.options.length && a.every((id) => byId.has(id as string)) ? (a as string[]) : item.options.map((o) => o.id);
    return ids.map((id) => byId.get(id) as { id: string; text: string });
  });

  protected pick(optionId: string): void {
    this.changed.emit(optionId);
  }

  protected toggle(optionId: string, checked: boolean): void {
    const next = new Set(this.chosen());
    if (checked) next.add(optionId);
    else next.delete(optionId);
    // In the displayed order, so the same choice always gives the same answer.
    this.changed.emit(this.item().options.map((o) => o.id).filter((id) => next.has(id)));
  }

  protected truth(value: boolean): void {
    this.changed.emit(value);
  }

  protected typed(value: string): void {
    this.changed.emit(value);
  }

  protected matched(optionId: string, value: string): void {
    const next = { ...this.pairs() };
    if (value.trim()) next[optionId] = value;
    else delete next[optionId];
    this.changed.emit(next);
  }

  protected move(index: number, by: -1 | 1): void {
    const ids = this.order().map((o) => o.id);
    const to = index + by;
    if (to < 0 || to >= ids.length) return;
    [ids[index], ids[to]] = [ids[to], ids[index]];
    this.changed.emit(ids);
  }

  protected keepOrder(): void {
    this.changed.emit(this.order().map((o) => o.id));
  }

  protected value(event: Event): string {
    return (event.target as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement).value;
  }

  protected checked(event: Event): boolean {
    return (event.target as HTMLInputElement).checked;
  }
}
