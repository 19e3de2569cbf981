import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  effect,
  ElementRef,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { AbstractControl, FormControl, FormGroup, ReactiveFormsModule, ValidationErrors, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { ROLES, type OrgUnitSummary, type Role } from '@boiduong/shared-contracts';
import { TranslatePipe } from '@ngx-translate/core';
import {
  ASSIGNABLE_TITLES,
  EMPLOYMENTS,
  GENDERS,
  THEORY_LEVELS,
  type CreateUserRequest,
  type Employment,
  type Gender,
  type TheoryLevel,
  type UserDetail,
} from '../data/admin.models';
import { failureOf, type Failure } from '../data/failure';
import { UsersService } from '../data/users.service';
import { FailureMessage } from '@boiduong/web-core';

export const USERNAME_PATTERN = /^[a-zA-Z0-9._@-]{3,64}$/;
export const MIN_PASSWORD_LENGTH = 10;
const PHONE_PATTERN = /^[0-9+ ().-]{6,20}$/;

/** A cadre profile needs its employment once a title is chosen. */
function cadreComplete(group: AbstractControl): ValidationErrors | null {
  const { title, employment } = (group as FormGroup).getRawValue() as { title: string; employment: string };
  return title && !employment ? { employmentRequired: true } : null;
}

@Component({
  selector: 'bd-user-form',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatCheckboxModule,
    TranslatePipe,
    FailureMessage,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './user-form.html',
  styleUrl: './user-form.css',
})
export class UserForm {
  private readonly users = inject(UsersService);

  /** Units the new user may be placed in (those the admin sees). */
  readonly units = input.required<readonly OrgUnitSummary[]>();
  readonly created = output<UserDetail>();
  readonly cancelled = output();

  protected readonly roles = ROLES.filter((r) => r !== 'super_admin');
  protected readonly genders = GENDERS;
  protected readonly titles = ASSIGNABLE_TITLES;
  protected readonly employments = EMPLOYMENTS;
  protected readonly theoryLevels = THEORY_LEVELS;
  protected readonly minPassword = MIN_PASSWORD_LENGTH;

  protected readonly form = new FormGroup({
    fullName: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(255)] }),
    username: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.pattern(USERNAME_PATTERN)] }),
    password: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.minLength(MIN_PASSWORD_LENGTH), Validators.maxLength(1024)],
    }),
    email: new FormControl('', { nonNullable: true, validators: [Validators.email, Validators.maxLength(255)] }),
    orgUnitId: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    role: new FormControl<Role>('learner', { nonNullable: true, validators: [Validators.required] }),
    dateOfBirth: new FormControl('', { nonNullable: true }),
    gender: new FormControl<Gender | ''>('', { nonNullable: true }),
    phone: new FormControl('', { nonNullable: true, validators: [Validators.pattern(PHONE_PATTERN)] }),
    cadre: new FormGroup(
      {
        title: new FormControl('', { nonNullable: true }),
        plannedTitles: new FormControl<string[]>([], { nonNullable: true }),
        employment: new FormControl<Employment | ''>('', { nonNullable: true }),
        theoryLevel: new FormControl<TheoryLevel | ''>('', { nonNullable: true }),
        education: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(255)] }),
      },
      { validators: cadreComplete },
    ),
  });
  private readonly firstField = viewChild.required<ElementRef<HTMLInputElement>>('firstField');
  protected readonly submitting = signal(false);
  protected readonly failure = signal<Failure | null>(null);

  constructor() {
    // The form opens on a button press: take the keyboard user straight to its first field.
    afterNextRender(() => this.firstField().nativeElement.focus());
    // Default to the first (topmost) unit the admin sees.
    effect(() => {
      const first = this.units()[0];
      if (first && !this.form.controls.orgUnitId.value) this.form.controls.orgUnitId.setValue(first.id);
    });
  }

  protected isPlanned(title: string): boolean {
    return this.form.controls.cadre.controls.plannedTitles.value.includes(title);
  }

  protected togglePlanned(title: string, checked: boolean): void {
    const control = this.form.controls.cadre.controls.plannedTitles;
    const rest = control.value.filter((t) => t !== title);
    control.setValue(checked ? [...rest, title] : rest);
  }

  protected submit(): void {
    if (this.submitting()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.submitting.set(true);
    this.failure.set(null);
    this.users.create(toRequest(this.form.getRawValue())).subscribe({
      next: (user) => {
        this.submitting.set(false);
        this.created.emit(user);
      },
      error: (error: unknown) => {
        this.submitting.set(false);
        this.failure.set(failureOf(error));
      },
    });
  }
}

type FormValue = ReturnType<UserForm['form']['getRawValue']>;

/** Optional fields go out only when filled, so an API without them still accepts the request. */
export function toRequest(value: FormValue): CreateUserRequest {
  const request: CreateUserRequest = {
    username: value.username.trim(),
    password: value.password,
    fullName: value.fullName.trim(),
    orgUnitId: value.orgUnitId,
    roles: [{ role: value.role, orgUnitId: value.orgUnitId }],
  };
  if (value.email.trim()) request.email = value.email.trim();
  if (value.dateOfBirth) request.dateOfBirth = value.dateOfBirth;
  if (value.gender) request.gender = value.gender;
  if (value.phone.trim()) request.phone = value.phone.trim();
  const cadre = value.cadre;
  if (cadre.title && cadre.employment) {
    request.cadre = { title: cadre.title, plannedTitles: cadre.plannedTitles, employment: cadre.employment };
    if (cadre.theoryLevel) request.cadre.theoryLevel = cadre.theoryLevel;
    if (cadre.education.trim()) request.cadre.education = cadre.education.trim();
  }
  return request;
}
