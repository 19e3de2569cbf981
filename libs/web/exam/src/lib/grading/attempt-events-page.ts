import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, input, OnInit, signal } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { failureOf, type Failure } from '../data/failure';
import { FailureMessage } from '@boiduong/web-core';
import { GradingApi } from './grading-api.service';
import type { ProctorEvent } from './grading.models';

/** What happened on the learner's devices during one attempt, oldest first (for proctors). */
@Component({
  selector: 'bd-attempt-events-page',
  imports: [DatePipe, TranslatePipe, FailureMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button type="button" class="back link" (click)="back()">{{ 'grading.common.back' | translate }}</button>
    <h1>{{ 'grading.events.title' | translate }}</h1>
    <bd-failure-message [failure]="failure()" testId="attempt-events-error" />
    @if (events(); as list) {
      @if (list.length === 0) {
        <p class="muted" data-testid="attempt-events-empty">{{ 'grading.events.empty' | translate }}</p>
      } @else {
        <p>{{ list[0].learner.fullName }}</p>
        <table data-testid="attempt-events">
          <thead>
            <tr>
              <th scope="col">{{ 'grading.events.when' | translate }}</th>
              <th scope="col">{{ 'grading.events.what' | translate }}</th>
              <th scope="col">{{ 'grading.events.device' | translate }}</th>
            </tr>
          </thead>
          <tbody>
            @for (e of list; track $index) {
              <tr data-testid="attempt-event" [attr.data-kind]="e.kind">
                <td>{{ e.occurredAt | date: 'dd/MM/yyyy HH:mm:ss' }}</td>
                <td>{{ 'grading.events.kind.' + e.kind | translate }}</td>
                <td class="muted">{{ e.deviceId ?? '—' }}</td>
              </tr>
            }
          </tbody>
        </table>
      }
    } @else if (!failure()) {
      <p class="muted">{{ 'grading.common.loading' | translate }}</p>
    }
  `,
  styleUrls: ['../exam.css', './grading.css'],
})
export class AttemptEventsPage implements OnInit {
  private readonly api = inject(GradingApi);
  /** From the route (`attempts/:attemptId/events`). */
  readonly attemptId = input.required<string>();
  protected readonly events = signal<ProctorEvent[] | null>(null);
  protected readonly failure = signal<Failure | null>(null);

  ngOnInit(): void {
    this.api.attemptEvents(this.attemptId()).subscribe({ next: (res) => this.events.set(res.events), error: (e: unknown) => this.failure.set(failureOf(e)) });
  }

  protected back(): void {
    history.back();
  }
}
