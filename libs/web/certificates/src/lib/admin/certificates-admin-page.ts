import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { REVOCATION_REASONS, type CertificateEntry, type OrgUnitSummary, type RevocationReason } from '@boiduong/shared-contracts';
import { TranslatePipe } from '@ngx-translate/core';
import { CertificatesService, saveBlob } from '../data/certificates.service';
import { failureOf, type Failure } from '../data/failure';
import { FailureMessage } from '@boiduong/web-core';
import { CertificateStatusLabel } from '../ui/status-label';
import { ApprovalList } from './approval-list';
import { IssueForm } from './issue-form';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The approval list of automatic issuance, then the registry book of one issuer and year: list,
 * issue, revoke with a decision, replace for the issuer's error.
 */
@Component({
  selector: 'bd-certificates-admin-page',
  imports: [RouterLink, ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatButtonModule, TranslatePipe, FailureMessage, CertificateStatusLabel, IssueForm, ApprovalList],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './certificates-admin-page.html',
  styleUrl: './certificates-admin-page.css',
})
export class CertificatesAdminPage implements OnInit {
  private readonly certificates = inject(CertificatesService);
  protected readonly reasons = REVOCATION_REASONS;
  protected readonly issuers = signal<OrgUnitSummary[]>([]);
  protected readonly entries = signal<CertificateEntry[] | null>(null);
  protected readonly failure = signal<Failure | null>(null);
  protected readonly notice = signal<{ key: string; serial: string } | null>(null);
  /** Which panel is open: the issue form, a replacement for an entry, or a revocation of an entry. */
  protected readonly panel = signal<{ kind: 'issue' } | { kind: 'replace' | 'revoke'; entry: CertificateEntry } | null>(null);
  protected readonly revokeFailure = signal<Failure | null>(null);

  protected readonly filter = new FormGroup({
    issuerId: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    year: new FormControl(new Date().getFullYear(), { nonNullable: true, validators: [Validators.required, Validators.min(1990), Validators.max(2999)] }),
  });
  protected readonly revokeForm = new FormGroup({
    reason: new FormControl<RevocationReason | ''>('', { nonNullable: true, validators: [Validators.required] }),
    decisionNumber: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(64)] }),
    decidedOn: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.pattern(DATE)] }),
    note: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(2000)] }),
  });

  ngOnInit(): void {
    this.certificates.issuers().subscribe({
      next: (units) => {
        const open = units.filter((u) => !u.validTo);
        this.issuers.set(open);
        if (open.length && !this.filter.controls.issuerId.value) {
          this.filter.controls.issuerId.setValue(open[0].id);
          this.load();
        }
      },
      error: (e: unknown) => this.failure.set(failureOf(e)),
    });
  }

  protected load(): void {
    if (this.filter.invalid) {
      this.filter.markAllAsTouched();
      return;
    }
    const { issuerId, year } = this.filter.getRawValue();
    this.failure.set(null);
    this.entries.set(null);
    this.certificates.book(issuerId, year).subscribe({
      next: (list) => this.entries.set(list),
      error: (e: unknown) => this.failure.set(failureOf(e)),
    });
  }

  protected download(format: 'xlsx' | 'pdf'): void {
    const { issuerId, year } = this.filter.getRawValue();
    this.failure.set(null);
    this.certificates.bookFile(issuerId, year, format).subscribe({
      next: (blob) => saveBlob(blob, `so-cap-chung-chi-${year}.${format}`),
      error: (e: unknown) => this.failure.set(failureOf(e)),
    });
  }

  protected open(kind: 'replace' | 'revoke', entry: CertificateEntry): void {
    this.notice.set(null);
    this.revokeFailure.set(null);
    this.revokeForm.reset();
    this.panel.set({ kind, entry });
  }

  protected openIssue(): void {
    this.notice.set(null);
    this.panel.set({ kind: 'issue' });
  }

  protected issued(entry: CertificateEntry, replaced: boolean): void {
    this.panel.set(null);
    this.notice.set({ key: replaced ? 'certificates.admin.replaced' : 'certificates.admin.issued', serial: entry.serialNumber });
    this.load();
  }

  protected revoke(entry: CertificateEntry): void {
    if (this.revokeForm.invalid) {
      this.revokeForm.markAllAsTouched();
      return;
    }
    const v = this.revokeForm.getRawValue();
    this.revokeFailure.set(null);
    this.certificates
      .revoke(entry.id, { reason: v.reason as RevocationReason, decisionNumber: v.decisionNumber.trim(), decidedOn: v.decidedOn, ...(v.note.trim() ? { note: v.note.trim() } : {}) })
      .subscribe({
        next: (updated) => {
          this.panel.set(null);
          this.notice.set({ key: 'certificates.admin.revoked', serial: updated.serialNumber });
          this.entries.update((list) => list?.map((e) => (e.id === updated.id ? updated : e)) ?? null);
        },
        error: (e: unknown) => this.revokeFailure.set(failureOf(e)),
      });
  }
}
