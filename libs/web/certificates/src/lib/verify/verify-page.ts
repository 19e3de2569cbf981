import { ChangeDetectionStrategy, Component, inject, input, OnChanges, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router } from '@angular/router';
import type { CertificateVerification } from '@boiduong/shared-contracts';
import { LanguageService } from '@boiduong/web-core';
import { LanguageSwitch } from '@boiduong/web-shared-ui';
import { TranslatePipe } from '@ngx-translate/core';
import { CertificatesService, codeFrom } from '../data/certificates.service';
import { failureOf, type Failure } from '../data/failure';
import { FailureMessage } from '@boiduong/web-core';
import { CertificateStatusLabel } from '../ui/status-label';

/**
 * Public, no login: what the QR code opens. Looks a certificate up by its code (from the address
 * or a pasted link) and shows its status and every printed field, as the registry book holds them.
 */
@Component({
  selector: 'bd-verify-page',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule, TranslatePipe, FailureMessage, CertificateStatusLabel, LanguageSwitch],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './verify-page.html',
  styleUrl: './verify-page.css',
})
export class VerifyPage implements OnChanges {
  private readonly certificates = inject(CertificatesService);
  private readonly router = inject(Router);
  protected readonly language = inject(LanguageService);
  /** From the route (`/certificates/verify/:code`). */
  readonly code = input<string | undefined>(undefined);

  protected readonly field = new FormControl('', { nonNullable: true, validators: [Validators.required] });
  protected readonly result = signal<CertificateVerification | null>(null);
  protected readonly failure = signal<Failure | null>(null);
  protected readonly loading = signal(false);

  ngOnChanges(): void {
    const code = this.code();
    this.result.set(null);
    this.failure.set(null);
    if (!code) return;
    this.field.setValue(code);
    this.loading.set(true);
    this.certificates.verify(code).subscribe({
      next: (v) => {
        this.loading.set(false);
        this.result.set(v);
      },
      error: (e: unknown) => {
        this.loading.set(false);
        this.failure.set(failureOf(e));
      },
    });
  }

  protected submit(): void {
    const code = codeFrom(this.field.value);
    if (!code) {
      this.field.markAsTouched();
      return;
    }
    void this.router.navigate(['/certificates/verify', code]);
  }
}
