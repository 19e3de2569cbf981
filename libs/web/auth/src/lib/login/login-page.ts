import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { ActivatedRoute, Router } from '@angular/router';
import { AuthService, isNetworkError, LanguageService, readErrorBody } from '@boiduong/web-core';
import { LanguageSwitch } from '@boiduong/web-shared-ui';
import type { ErrorBody } from '@boiduong/shared-contracts';
import { HttpErrorResponse } from '@angular/common/http';
import { TranslatePipe } from '@ngx-translate/core';

/** Either the API's own bilingual message, or one of ours when the API could not answer. */
type LoginFailure = { kind: 'api'; body: ErrorBody } | { kind: 'local'; key: string };

function failureOf(error: unknown): LoginFailure {
  const body = readErrorBody(error);
  if (body) return { kind: 'api', body };
  if (isNetworkError(error)) return { kind: 'local', key: 'login.errors.network' };
  if (error instanceof HttpErrorResponse && error.status === 429) return { kind: 'local', key: 'login.errors.rateLimited' };
  return { kind: 'local', key: 'login.errors.unexpected' };
}

/** Only same-app paths: an absolute or protocol-relative returnUrl would be an open redirect. */
function safeReturnUrl(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}

@Component({
  selector: 'bd-login-page',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatCheckboxModule,
    TranslatePipe,
    LanguageSwitch,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './login-page.html',
  styleUrl: './login-page.css',
})
export class LoginPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  protected readonly language = inject(LanguageService);

  protected readonly form = new FormGroup({
    username: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    password: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
  protected readonly submitting = signal(false);
  protected readonly showPassword = signal(false);
  protected readonly failure = signal<LoginFailure | null>(null);
  /** Recomputed on language change, so a switch after a failed attempt re-renders the API's message. */
  protected readonly apiMessage = computed(() => {
    const failure = this.failure();
    return failure?.kind === 'api' ? failure.body.message[this.language.lang()] : null;
  });

  protected submit(): void {
    if (this.submitting()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.submitting.set(true);
    this.failure.set(null);
    const { username, password } = this.form.getRawValue();
    this.auth.login({ username: username.trim(), password }).subscribe({
      next: () => {
        void this.router.navigateByUrl(safeReturnUrl(this.route.snapshot.queryParamMap.get('returnUrl')));
      },
      error: (error: unknown) => {
        this.submitting.set(false);
        this.failure.set(failureOf(error));
        this.form.controls.password.reset();
      },
    });
  }
}
