import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { FailureMessage } from '@boiduong/web-core';
import { TranslatePipe } from '@ngx-translate/core';
import { EXAM_STATUSES, type ExamStatus } from '../data/exam-admin.models';
import { ExamAdminService, PAGE_SIZE } from '../data/exam-admin.service';
import { failureOf } from '../data/failure';

/** The exams of the user's subtree: by course, by status, by title; newest window first. */
@Component({
  selector: 'bd-exam-admin-list-page',
  imports: [RouterLink, DatePipe, MatButtonModule, TranslatePipe, FailureMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './exam-list-page.html',
  styleUrls: ['../../../../shared/ui/src/lib/styles/feature-page.css', '../exam-admin.css'],
})
export class ExamListPage {
  private readonly service = inject(ExamAdminService);
  protected readonly statuses = EXAM_STATUSES;
  protected readonly pageSize = PAGE_SIZE;

  protected readonly courseId = signal('');
  protected readonly status = signal<ExamStatus | ''>('');
  protected readonly q = signal('');
  protected readonly offset = signal(0);

  protected readonly courses = rxResource({ stream: () => this.service.courses() });
  protected readonly exams = rxResource({
    params: () => ({ courseId: this.courseId() || undefined, status: this.status() || undefined, q: this.q(), offset: this.offset() }),
    stream: ({ params }) => this.service.exams(params),
  });
  protected readonly failure = computed(() => (this.exams.error() ? failureOf(this.exams.error()) : null));
  protected readonly hasNext = computed(() => (this.exams.hasValue() ? (this.exams.value()?.length ?? 0) === PAGE_SIZE : false));

  protected setCourse(id: string): void {
    this.courseId.set(id);
    this.offset.set(0);
  }

  protected setStatus(status: ExamStatus | ''): void {
    this.status.set(status);
    this.offset.set(0);
  }

  protected search(text: string): void {
    this.q.set(text);
    this.offset.set(0);
  }

  protected page(delta: number): void {
    this.offset.set(Math.max(0, this.offset() + delta * PAGE_SIZE));
  }
}
