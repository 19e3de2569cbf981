import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { LanguageService } from '@boiduong/web-core';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { NgxEchartsDirective } from 'ngx-echarts';
import { distractorOptions, iccOptions } from '../charts/chart-options';
import { failureOf } from '../data/failure';
import { formatStat } from '../data/format';
import { StatisticsService } from '../data/statistics.service';
import { FailureMessage } from '@boiduong/web-core';

/** One item version within an exam: its numbers, flags, characteristic curve and distractors. */
@Component({
  selector: 'bd-item-statistics-page',
  imports: [RouterLink, MatButtonModule, TranslatePipe, NgxEchartsDirective, FailureMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './item-statistics-page.html',
  styleUrl: '../statistics.css',
})
export class ItemStatisticsPage {
  private readonly service = inject(StatisticsService);
  private readonly translate = inject(TranslateService);
  protected readonly lang = inject(LanguageService).lang;

  /** Route parameters (component input binding). */
  readonly examId = input.required<string>();
  readonly versionId = input.required<string>();

  protected readonly view = rxResource({ params: () => this.examId(), stream: ({ params }) => this.service.exam(params) });
  protected readonly item = computed(() => (this.view.hasValue() ? (this.view.value().snapshot?.items.find((i) => i.itemVersionId === this.versionId()) ?? null) : null));
  protected readonly failure = computed(() => (this.view.error() ? failureOf(this.view.error()) : null));
  protected readonly missing = computed(() => this.view.hasValue() && this.item() === null);

  /** "Phương án 1", ... as the flags name them; "Không trả lời" for the blank row. */
  protected readonly optionLabels = computed(() => {
    this.lang();
    return (this.item()?.distractors ?? []).map((d, k) =>
      d.optionId === null
        ? (this.translate.instant('statistics.item.blank') as string)
        : (this.translate.instant('statistics.item.option', { n: k + 1 }) as string),
    );
  });

  protected readonly icc = computed(() => {
    const irt = this.item()?.irt;
    this.lang();
    return irt ? iccOptions(irt, { theta: this.translate.instant('statistics.item.theta') as string, p: this.translate.instant('statistics.item.probability') as string }) : null;
  });

  protected readonly distractorChart = computed(() => {
    const rows = this.item()?.distractors;
    if (!rows?.length) return null;
    return distractorOptions(rows, {
      options: this.optionLabels(),
      all: this.translate.instant('statistics.item.all') as string,
      upper: this.translate.instant('statistics.item.upper') as string,
      lower: this.translate.instant('statistics.item.lower') as string,
      share: '%',
    });
  });

  protected readonly fmt = formatStat;

  protected optionText(text: string | null, optionId: string | null): string {
    if (text !== null) return text;
    if (optionId === 'true' || optionId === 'false') return this.translate.instant(`statistics.item.${optionId}`) as string;
    return '';
  }
}
