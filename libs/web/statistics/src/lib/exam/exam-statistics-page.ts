import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import type { ItemVersionStatistics } from '@boiduong/shared-contracts';
import { LanguageService } from '@boiduong/web-core';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { NgxEchartsDirective } from 'ngx-echarts';
import { switchMap, takeWhile, timer } from 'rxjs';
import { histogramOptions } from '../charts/chart-options';
import { failureOf, type Failure } from '../data/failure';
import { formatStat } from '../data/format';
import { StatisticsService } from '../data/statistics.service';
import { FailureMessage } from '@boiduong/web-core';

export type ItemSortKey = 'order' | 'responses' | 'facility' | 'discriminationIndex' | 'pointBiserial' | 'irtA' | 'flags';

/** While a computation is queued or running, the page asks again this often. */
export const POLL_MS = 2000;

function sortValue(item: ItemVersionStatistics, key: Exclude<ItemSortKey, 'order'>): number | null {
  switch (key) {
    case 'irtA':
      return item.irt?.a ?? null;
    case 'flags':
      return item.flags.length;
    default:
      return item[key];
  }
}

/** One exam: score distribution, reliability, and the item table (sortable, with flags). */
@Component({
  selector: 'bd-exam-statistics-page',
  imports: [RouterLink, DatePipe, MatButtonModule, TranslatePipe, NgxEchartsDirective, FailureMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './exam-statistics-page.html',
  styleUrl: '../statistics.css',
})
export class ExamStatisticsPage {
  private readonly service = inject(StatisticsService);
  private readonly translate = inject(TranslateService);
  protected readonly lang = inject(LanguageService).lang;

  /** Route parameter (component input binding). */
  readonly examId = input.required<string>();

  /** Polls while the server says a computation is pending, then stops on the fresh snapshot. */
  protected readonly view = rxResource({
    params: () => this.examId(),
    stream: ({ params }) =>
      timer(0, POLL_MS).pipe(
        switchMap(() => this.service.exam(params)),
        takeWhile((v) => v.running, true),
      ),
  });
  protected readonly failure = computed(() => (this.view.error() ? failureOf(this.view.error()) : null));
  protected readonly snapshot = computed(() => (this.view.hasValue() ? this.view.value().snapshot : null));

  protected readonly sortKey = signal<ItemSortKey>('order');
  protected readonly sortDir = signal<'asc' | 'desc'>('asc');
  protected readonly items = computed(() => {
    const items = (this.snapshot()?.items ?? []).map((item, index) => ({ item, number: index + 1 }));
    const key = this.sortKey();
    if (key === 'order') return this.sortDir() === 'asc' ? items : [...items].reverse();
    const dir = this.sortDir() === 'asc' ? 1 : -1;
    // Undefined statistics go last whichever the direction.
    return [...items].sort((x, y) => {
      const a = sortValue(x.item, key);
      const b = sortValue(y.item, key);
      if (a === null || b === null) return a === b ? x.number - y.number : a === null ? 1 : -1;
      return (a - b) * dir || x.number - y.number;
    });
  });

  protected readonly histogram = computed(() => {
    const s = this.snapshot();
    this.lang();
    return s
      ? histogramOptions(s.test.histogram, {
          x: this.translate.instant('statistics.exam.histogramX') as string,
          y: this.translate.instant('statistics.common.attempts') as string,
        })
      : null;
  });

  protected readonly requesting = signal(false);
  protected readonly requestFailure = signal<Failure | null>(null);
  protected readonly fmt = formatStat;

  sortBy(key: ItemSortKey): void {
    if (this.sortKey() === key) this.sortDir.update((d) => (d === 'asc' ? 'desc' : 'asc'));
    else {
      this.sortKey.set(key);
      // Facility and discrimination are read lowest first: the weak items come to the top.
      this.sortDir.set(key === 'flags' || key === 'responses' ? 'desc' : 'asc');
    }
  }

  ariaSort(key: ItemSortKey): 'ascending' | 'descending' | null {
    return this.sortKey() === key ? (this.sortDir() === 'asc' ? 'ascending' : 'descending') : null;
  }

  recompute(): void {
    this.requesting.set(true);
    this.requestFailure.set(null);
    this.service.recompute(this.examId()).subscribe({
      next: () => {
        this.requesting.set(false);
        this.view.reload();
      },
      error: (e: unknown) => {
        this.requesting.set(false);
        this.requestFailure.set(failureOf(e));
        // 409: one is already running; show it.
        this.view.reload();
      },
    });
  }
}
