import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { CANDIDATE_STATUSES, type CandidateDecisionResult, type CandidateStatus, type CertificateCandidateView } from '@boiduong/shared-contracts';
import { FailureMessage } from '@boiduong/web-core';
import { TranslatePipe } from '@ngx-translate/core';
import { CertificatesService } from '../data/certificates.service';
import { failureOf, type Failure } from '../data/failure';

/** Statuses an admin can still decide on: approving queues the issuance, refusing records why. */
const DECIDABLE: ReadonlySet<CandidateStatus> = new Set(['pending', 'awaiting_close', 'failed', 'refused']);

/**
 * The approval list of automatic issuance: completed learners waiting for an admin (or for the
 * course to close, or whose issuance failed), approved or refused in bulk with a reason.
 */
@Component({
  selector: 'bd-approval-list',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatButtonModule, TranslatePipe, FailureMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './approval-list.html',
  styleUrl: './approval-list.css',
})
export class ApprovalList implements OnInit {
  private readonly certificates = inject(CertificatesService);
  protected readonly statuses = CANDIDATE_STATUSES;
  protected readonly status = new FormControl<CandidateStatus>('pending', { nonNullable: true });
  protected readonly refusal = new FormGroup({
    reason: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.minLength(3), Validators.maxLength(2000)] }),
  });
  protected readonly candidates = signal<CertificateCandidateView[] | null>(null);
  protected readonly selected = signal<ReadonlySet<string>>(new Set());
  protected readonly failure = signal<Failure | null>(null);
  protected readonly result = signal<{ key: string; done: number; skipped: number } | null>(null);
  protected readonly refusing = signal(false);
  protected readonly busy = signal(false);

  protected readonly decidable = computed(() => (this.candidates() ?? []).filter((c) => DECIDABLE.has(c.status)));
  protected readonly allSelected = computed(() => this.decidable().length > 0 && this.decidable().every((c) => this.selected().has(c.id)));

  ngOnInit(): void {
    this.load();
  }

  protected load(): void {
    this.failure.set(null);
    this.candidates.set(null);
    this.selected.set(new Set());
    this.certificates.candidates(this.status.value).subscribe({
      next: (list) => this.candidates.set(list),
      error: (e: unknown) => this.failure.set(failureOf(e)),
    });
  }

  protected canDecide(c: CertificateCandidateView): boolean {
    return DECIDABLE.has(c.status);
  }

  protected toggle(id: string, on: boolean): void {
    const next = new Set(this.selected());
    if (on) next.add(id);
    else next.delete(id);
    this.selected.set(next);
  }

  protected toggleAll(on: boolean): void {
    this.selected.set(on ? new Set(this.decidable().map((c) => c.id)) : new Set());
  }

  protected approve(): void {
    const ids = [...this.selected()];
    if (!ids.length) return;
    this.decide(this.certificates.approveCandidates(ids), 'certificates.approval.approved');
  }

  protected startRefusal(): void {
    this.refusal.reset();
    this.refusing.set(true);
  }

  protected refuse(): void {
    const ids = [...this.selected()];
    if (!ids.length) return;
    if (this.refusal.invalid) {
      this.refusal.markAllAsTouched();
      return;
    }
    this.decide(this.certificates.refuseCandidates(ids, this.refusal.controls.reason.value.trim()), 'certificates.approval.refused');
  }

  private decide(request: ReturnType<CertificatesService['approveCandidates']>, key: string): void {
    this.busy.set(true);
    this.failure.set(null);
    request.subscribe({
      next: (r: CandidateDecisionResult) => {
        this.busy.set(false);
        this.refusing.set(false);
        this.result.set({ key, done: r.done.length, skipped: r.skipped.length });
        this.load();
      },
      error: (e: unknown) => {
        this.busy.set(false);
        this.failure.set(failureOf(e));
      },
    });
  }
}
