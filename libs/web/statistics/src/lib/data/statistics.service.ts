import { inject, Injectable } from '@angular/core';
import type { ExamStatisticsSummary, ExamStatisticsView, ItemStatisticsView, StatisticsJobAccepted } from '@boiduong/shared-contracts';
import { ApiClient } from '@boiduong/web-core';
import { Observable } from 'rxjs';

/** The statistics endpoints; the numbers are computed by the worker and read here as stored. */
@Injectable({ providedIn: 'root' })
export class StatisticsService {
  private readonly api = inject(ApiClient);

  exams(): Observable<ExamStatisticsSummary[]> {
    return this.api.get<ExamStatisticsSummary[]>('/statistics/exams');
  }

  exam(examId: string): Observable<ExamStatisticsView> {
    return this.api.get<ExamStatisticsView>(`/exams/${encodeURIComponent(examId)}/statistics`);
  }

  /** Queues a recomputation (202); 409 while one is queued or running. */
  recompute(examId: string): Observable<StatisticsJobAccepted> {
    return this.api.post<StatisticsJobAccepted>(`/exams/${encodeURIComponent(examId)}/statistics`, {});
  }

  item(itemId: string): Observable<ItemStatisticsView> {
    return this.api.get<ItemStatisticsView>(`/items/${encodeURIComponent(itemId)}/statistics`);
  }
}
