import { ChangeDetectionStrategy, Component, inject, input, OnInit, output, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TITLES, type CertificateEntry } from '@boiduong/shared-contracts';
import { LanguageService } from '@boiduong/web-core';
import { TranslatePipe } from '@ngx-translate/core';
import { CertificatesService, type IssueRequest, type UserChoice } from '../data/certificates.service';
import { failureOf, type Failure } from '../data/failure';
import { FailureMessage } from '@boiduong/web-core';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Issues a certificate, or (with `replacing`) a replacement for the issuer's own error: the
 * printed fields start from the old certificate, the admin corrects them, states the error and
 * confirms the completion facts the rule set is applied to. The API answers 422 naming every
 * unmet condition, shown as it comes.
 */
@Component({
  selector: 'bd-issue-form',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatCheckboxModule, MatButtonModule, TranslatePipe, FailureMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './issue-form.html',
  styleUrl: './issue-form.css',
})
export class IssueForm implements OnInit {
  private readonly certificates = inject(CertificatesService);
  readonly issuerUnitId = input.required<string>();
  readonly replacing = input<CertificateEntry | null>(null);
  readonly done = output<CertificateEntry>();
  readonly cancelled = output<void>();

  protected readonly titles = TITLES;
  protected readonly people = signal<UserChoice[]>([]);
  protected readonly failure = signal<Failure | null>(null);
  protected readonly unmet = signal<Array<{ vi: string; en: string }>>([]);
  protected readonly language = inject(LanguageService);
  protected readonly submitting = signal(false);
  protected readonly search = new FormControl('', { nonNullable: true });

  protected readonly form = new FormGroup({
    userId: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    fullName: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.minLength(2), Validators.maxLength(255)] }),
    dateOfBirth: new FormControl('', { nonNullable: true, validators: [Validators.pattern(DATE)] }),
    programCode: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(64)] }),
    programName: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.minLength(2), Validators.maxLength(500)] }),
    titles: new FormControl<string[]>([], { nonNullable: true }),
    courseId: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.pattern(UUID)] }),
    courseStartsOn: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.pattern(DATE)] }),
    courseEndsOn: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.pattern(DATE)] }),
    result: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(255)] }),
    attendancePercent: new FormControl<number | null>(null, { validators: [Validators.min(0), Validators.max(100)] }),
    assessmentCode: new FormControl('final', { nonNullable: true, validators: [Validators.maxLength(64)] }),
    scorePercent: new FormControl<number | null>(null, { validators: [Validators.min(0), Validators.max(100)] }),
    rulesKept: new FormControl(true, { nonNullable: true }),
    signerName: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.minLength(2), Validators.maxLength(255)] }),
    signerTitle: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.minLength(2), Validators.maxLength(255)] }),
    issuedPlace: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.minLength(2), Validators.maxLength(255)] }),
    issuedOn: new FormControl('', { nonNullable: true, validators: [Validators.pattern(DATE)] }),
    note: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(2000)] }),
  });

  ngOnInit(): void {
    const old = this.replacing();
    if (old) {
      this.form.patchValue({
        userId: old.userId,
        fullName: old.holderName,
        dateOfBirth: old.holderDateOfBirth ?? '',
        programCode: old.programCode,
        programName: old.programName,
        titles: old.titles,
        courseId: old.courseId,
        courseStartsOn: old.courseStartsOn,
        courseEndsOn: old.courseEndsOn,
        result: old.result ?? '',
        signerName: old.signerName,
        signerTitle: old.signerTitle,
        issuedPlace: old.issuedPlace,
      });
      this.form.controls.note.addValidators([Validators.required, Validators.minLength(3)]);
      this.form.controls.note.updateValueAndValidity();
    }
  }

  protected findPeople(): void {
    const q = this.search.value.trim();
    if (!q) return;
    this.certificates.searchUsers(q).subscribe({ next: (list) => this.people.set(list), error: (e: unknown) => this.failure.set(failureOf(e)) });
  }

  protected choose(person: UserChoice): void {
    this.form.patchValue({ userId: person.id, fullName: person.fullName, dateOfBirth: person.dateOfBirth ?? '' });
    this.people.set([]);
  }

  protected submit(): void {
    if (this.submitting()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const v = this.form.getRawValue();
    const old = this.replacing();
    const request: IssueRequest = {
      issuerUnitId: this.issuerUnitId(),
      learner: { userId: v.userId, fullName: v.fullName.trim(), dateOfBirth: v.dateOfBirth || null },
      program: { code: v.programCode.trim(), name: v.programName.trim(), titles: v.titles },
      course: { id: v.courseId.trim(), startsOn: v.courseStartsOn, endsOn: v.courseEndsOn },
      result: v.result.trim() || null,
      completion: {
        attendanceShare: v.attendancePercent === null ? null : v.attendancePercent / 100,
        assessments: v.assessmentCode.trim() ? [{ code: v.assessmentCode.trim(), required: true, scorePercent: v.scorePercent }] : [],
        rulesKept: v.rulesKept,
      },
      signer: { name: v.signerName.trim(), title: v.signerTitle.trim() },
      issuedPlace: v.issuedPlace.trim(),
      ...(v.issuedOn ? { issuedOn: v.issuedOn } : {}),
      ...(old ? { reissue: { ofCertificateId: old.id, note: v.note.trim() } } : {}),
    };
    this.submitting.set(true);
    this.failure.set(null);
    this.unmet.set([]);
    this.certificates.issue(request).subscribe({
      next: (entry) => {
        this.submitting.set(false);
        this.done.emit(entry);
      },
      error: (e: unknown) => {
        this.submitting.set(false);
        const failure = failureOf(e);
        this.failure.set(failure);
        const details = failure.kind === 'api' ? (failure.body.details as { unmet?: Array<{ message: { vi: string; en: string } }> } | undefined) : undefined;
        this.unmet.set((details?.unmet ?? []).map((u) => u.message));
      },
    });
  }
}
