import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Permission } from '@boiduong/shared-contracts';
import { FailureMessage, readErrorBody, SessionStore } from '@boiduong/web-core';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { failureOf, type Failure } from '../data/failure';
import { GradingApi } from './grading-api.service';
import type { GradingEntry, GradingItem, GradingQueue } from './grading.models';

const keyOf = (e: Pick<GradingEntry, 'attemptId' | 'itemId'>) => `${e.attemptId}/${e.itemId}`;

/**
 * One exam's essays to grade: the list (learners hidden when the exam is graded blind), and for
 * the chosen response its answer, a score per rubric criterion and a comment. The grade is sent
 * with the revision the grader saw; when someone else graded it meanwhile, the screen says so
 * and shows their grade instead of overwriting it.
 */
@Component({
  selector: 'bd-grading-queue-page',
  imports: [RouterLink, TranslatePipe, FailureMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './grading-queue-page.html',
  styleUrls: ['../exam.css', './grading.css'],
})
export class GradingQueuePage implements OnInit {
  private readonly api = inject(GradingApi);
  private readonly session = inject(SessionStore);
  /** From the route (`exams/:examId`). */
  readonly examId = input.required<string>();

  protected readonly queue = signal<GradingQueue | null>(null);
  protected readonly failure = signal<Failure | null>(null);
  protected readonly selectedKey = signal<string | null>(null);
  protected readonly scores = signal<string[]>([]);
  protected readonly comment = signal('');
  protected readonly saving = signal(false);
  protected readonly saveFailure = signal<Failure | null>(null);
  protected readonly conflict = signal(false);
  protected readonly savedKey = signal<string | null>(null);
  protected readonly canProctor = computed(() => this.session.hasPermission(Permission.ExamProctor));

  protected readonly selected = computed(() => {
    const key = this.selectedKey();
    return this.queue()?.responses.find((r) => keyOf(r) === key) ?? null;
  });
  protected readonly item = computed<GradingItem | null>(() => {
    const s = this.selected();
    return s ? (this.queue()?.items.find((i) => i.itemId === s.itemId) ?? null) : null;
  });
  /** Per criterion: null when fine, else the bound broken (shown before sending). */
  protected readonly invalid = computed(() => {
    const item = this.item();
    if (!item) return [];
    return item.rubric.map((c, i) => {
      const raw = this.scores()[i] ?? '';
      const v = Number(raw.replace(',', '.'));
      return raw.trim() === '' || !Number.isFinite(v) || v < 0 || v > c.points ? c.points : null;
    });
  });
  protected readonly canSave = computed(() => !this.saving() && this.invalid().every((v) => v === null));
  protected readonly total = computed(() => this.scores().reduce((s, raw) => s + (Number(raw.replace(',', '.')) || 0), 0));
  protected readonly rubricTotal = computed(() => this.item()?.rubric.reduce((s, c) => s + c.points, 0) ?? 0);

  ngOnInit(): void {
    void this.load();
  }

  protected async load(keep: string | null = null): Promise<void> {
    this.failure.set(null);
    try {
      const q = await firstValueFrom(this.api.queue(this.examId()));
      this.queue.set(q);
      const next = (keep && q.responses.find((r) => keyOf(r) === keep)) || q.responses.find((r) => !r.grade) || q.responses[0];
      if (next) this.select(next);
    } catch (error) {
      this.failure.set(failureOf(error));
    }
  }

  protected keyOf(e: GradingEntry): string {
    return keyOf(e);
  }

  protected select(entry: GradingEntry): void {
    this.selectedKey.set(keyOf(entry));
    const item = this.queue()?.items.find((i) => i.itemId === entry.itemId);
    this.scores.set((item?.rubric ?? []).map((_, i) => (entry.grade ? String(entry.grade.scores[i] ?? '') : '')));
    this.comment.set(entry.grade?.comment ?? '');
    this.saveFailure.set(null);
    this.conflict.set(false);
    this.savedKey.set(null);
  }

  protected setScore(index: number, value: string): void {
    this.scores.update((s) => s.map((v, i) => (i === index ? value : v)));
  }

  protected answerText(answer: unknown): string {
    return typeof answer === 'string' ? answer : JSON.stringify(answer);
  }

  protected async save(): Promise<void> {
    const entry = this.selected();
    if (!entry || this.saving() || this.invalid().some((v) => v !== null)) return;
    this.saving.set(true);
    this.saveFailure.set(null);
    this.conflict.set(false);
    const key = keyOf(entry);
    try {
      const res = await firstValueFrom(
        this.api.grade(entry.attemptId, entry.itemId, {
          scores: this.scores().map((s) => Number(s.replace(',', '.'))),
          ...(this.comment().trim() ? { comment: this.comment().trim() } : {}),
          revision: entry.revision,
        }),
      );
      const scores = this.scores().map((s) => Number(s.replace(',', '.')));
      this.queue.update((q) =>
        q
          ? {
              ...q,
              pending: q.pending - (entry.grade ? 0 : 1),
              responses: q.responses.map((r) =>
                keyOf(r) === key
                  ? { ...r, revision: res.revision, grade: { scores, comment: this.comment().trim() || null, credit: res.credit, gradedBy: '', gradedAt: new Date().toISOString() } }
                  : r,
              ),
            }
          : q,
      );
      this.savedKey.set(key);
    } catch (error) {
      if (error instanceof HttpErrorResponse && error.status === 409 && readErrorBody(error)?.code === 'GRADE_CONFLICT') {
        // Someone else graded it meanwhile: show their grade rather than overwrite it unseen.
        await this.load(key);
        this.conflict.set(true);
      } else {
        this.saveFailure.set(failureOf(error));
      }
    } finally {
      this.saving.set(false);
    }
  }

  protected next(): void {
    const q = this.queue();
    const n = q?.responses.find((r) => !r.grade);
    if (n) this.select(n);
  }
}
