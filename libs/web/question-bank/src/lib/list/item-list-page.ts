import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { Permission, type CognitiveLevel, type ItemStatus, type ItemType } from '@boiduong/shared-contracts';
import { SessionStore } from '@boiduong/web-core';
import { TranslatePipe } from '@ngx-translate/core';
import { debounceTime, distinctUntilChanged, map } from 'rxjs';
import { plainText } from '../editor/item-draft';
import { failureOf } from '../data/failure';
import { ItemsService } from '../data/items.service';
import { LEVELS, STATUSES, TYPES } from '../data/labels';
import { FailureMessage } from '../ui/failure-message';

export const SEARCH_DEBOUNCE_MS = 300;
export const PAGE_SIZE = 20;

interface Filters {
  q: string;
  status: ItemStatus | '';
  type: ItemType | '';
  level: CognitiveLevel | '';
  topic: string;
  tag: string;
}

/** The items the user may see, searched and filtered by the API, a page at a time. */
@Component({
  selector: 'bd-item-list-page',
  imports: [RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, TranslatePipe, FailureMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './item-list-page.html',
  styleUrl: './item-list-page.css',
})
export class ItemListPage {
  private readonly items = inject(ItemsService);
  private readonly session = inject(SessionStore);

  protected readonly types = TYPES;
  protected readonly levels = LEVELS;
  protected readonly statuses = STATUSES;
  protected readonly canAuthor = computed(() => this.session.permissions().has(Permission.ItemAuthor));

  protected readonly filters = signal<Filters>({ q: '', status: '', type: '', level: '', topic: '', tag: '' });
  protected readonly page = signal(0);
  /**
   * Filters after a pause in typing, as JSON: a string signal only changes when the filters do,
   * so the first (unchanged) emission does not fetch the list a second time.
   */
  private readonly debounced = toSignal(
    toObservable(this.filters).pipe(
      debounceTime(SEARCH_DEBOUNCE_MS),
      map((f) => JSON.stringify(f)),
      distinctUntilChanged(),
    ),
    { initialValue: JSON.stringify(this.filters()) },
  );

  /** One more than a page is asked for, to know whether a next page exists (the API sends no total). */
  protected readonly result = rxResource({
    params: () => ({ ...(JSON.parse(this.debounced()) as Filters), limit: PAGE_SIZE + 1, offset: this.page() * PAGE_SIZE }),
    stream: ({ params }) => this.items.list(params),
  });
  protected readonly rows = computed(() => (this.result.hasValue() ? this.result.value().slice(0, PAGE_SIZE) : []));
  protected readonly hasNext = computed(() => this.result.hasValue() && this.result.value().length > PAGE_SIZE);
  protected readonly failure = computed(() => (this.result.error() ? failureOf(this.result.error()) : null));

  protected setFilter<K extends keyof Filters>(name: K, value: Filters[K]): void {
    this.filters.update((f) => ({ ...f, [name]: value }));
    this.page.set(0);
  }

  protected stemText(html: string): string {
    const text = plainText(html);
    return text.length > 200 ? `${text.slice(0, 200)}…` : text;
  }
}
