import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { AbstractControl, FormControl, FormGroup, ReactiveFormsModule, ValidationErrors, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { SessionStore } from '@boiduong/web-core';
import { TranslatePipe } from '@ngx-translate/core';
import { failureOf, type Failure } from '../data/failure';
import { UsersService } from '../data/users.service';
import { FailureMessage } from '@boiduong/web-core';
import { MIN_PASSWORD_LENGTH } from '../users/user-form';

function passwordsAgree(group: AbstractControl): ValidationErrors | null {
  const { currentPassword, newPassword, confirmPassword } = (group as FormGroup).getRawValue() as Record<string, string>;
  const errors: ValidationErrors = {};
  if (confirmPassword && newPassword !== confirmPassword) errors['mismatch'] = true;
  if (newPassword && newPassword === currentPassword) errors['unchanged'] = true;
  return Object.keys(errors).length ? errors : null;
}

@Component({
  selector: 'bd-profile-page',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule, TranslatePipe, FailureMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './profile-page.html',
  styleUrls: ['../ui/person-details.css', './profile-page.css'],
})
export class ProfilePage {
  private readonly users = inject(UsersService);
  protected readonly user = inject(SessionStore).user;
  protected readonly minPassword = MIN_PASSWORD_LENGTH;

  protected readonly form = new FormGroup(
    {
      currentPassword: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
      newPassword: new FormControl('', {
        nonNullable: true,
        validators: [Validators.required, Validators.minLength(MIN_PASSWORD_LENGTH), Validators.maxLength(1024)],
      }),
      confirmPassword: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    },
    { validators: passwordsAgree },
  );
  protected readonly submitting = signal(false);
  protected readonly failure = signal<Failure | null>(null);
  protected readonly changed = signal(false);

  protected submit(): void {
    if (this.submitting()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { currentPassword, newPassword } = this.form.getRawValue();
    this.submitting.set(true);
    this.failure.set(null);
    this.changed.set(false);
    this.users.changeOwnPassword({ currentPassword, newPassword }).subscribe({
      next: () => {
        this.submitting.set(false);
        this.changed.set(true);
        this.form.reset();
      },
      error: (error: unknown) => {
        this.submitting.set(false);
        this.failure.set(failureOf(error));
        this.form.controls.currentPassword.reset();
      },
    });
  }
}
