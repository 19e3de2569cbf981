import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { LanguageService } from '@boiduong/web-core';
import { TranslatePipe } from '@ngx-translate/core';
import { failureOf } from '../data/failure';
import { formatStat } from '../data/format';
import { StatisticsService } from '../data/statistics.service';
import { FailureMessage } from '@boiduong/web-core';

/** Exams of the user's subtrees with their latest statistics, newest close first. */
@Component({
  selector: 'bd-exam-list-page',
  imports: [RouterLink, DatePipe, TranslatePipe, FailureMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './exam-list-page.html',
  styleUrl: '../statistics.css',
})
export class ExamListPage {
  private readonly service = inject(StatisticsService);
  protected readonly lang = inject(LanguageService).lang;
  protected readonly exams = rxResource({ stream: () => this.service.exams() });
  protected readonly failure = computed(() => (this.exams.error() ? failureOf(this.exams.error()) : null));
  protected readonly fmt = formatStat;
}
