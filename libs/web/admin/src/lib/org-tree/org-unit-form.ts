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
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { CREATABLE_ORG_UNIT_TYPES, type OrgUnitSummary, type OrgUnitType } from '@boiduong/shared-contracts';
import { TranslatePipe } from '@ngx-translate/core';
import { failureOf, type Failure } from '../data/failure';
import { OrgUnitsService } from '../data/org-units.service';
import { FailureMessage } from '@boiduong/web-core';

/** The usual type of a new unit under a parent of this type (the API enforces the real rules). */
const CHILD_TYPE: Record<OrgUnitType, OrgUnitType> = {
  central: 'province',
  province: 'commune',
  bloc: 'grassroots',
  commune: 'grassroots',
  grassroots: 'branch',
  branch: 'branch',
  district: 'commune',
};

export const ORG_UNIT_CODE_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

@Component({
  selector: 'bd-org-unit-form',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule, TranslatePipe, FailureMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './org-unit-form.html',
  styleUrl: './org-unit-form.css',
})
export class OrgUnitForm {
  private readonly units = inject(OrgUnitsService);

  readonly parent = input.required<OrgUnitSummary>();
  readonly created = output<OrgUnitSummary>();
  readonly cancelled = output();

  protected readonly types = CREATABLE_ORG_UNIT_TYPES;
  protected readonly form = new FormGroup({
    code: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(ORG_UNIT_CODE_PATTERN)],
    }),
    name: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(255)] }),
    type: new FormControl<OrgUnitType>('commune', { nonNullable: true, validators: [Validators.required] }),
  });
  private readonly firstField = viewChild.required<ElementRef<HTMLInputElement>>('firstField');
  protected readonly submitting = signal(false);
  protected readonly failure = signal<Failure | null>(null);

  constructor() {
    // The form opens on a button press: take the keyboard user straight to its first field.
    afterNextRender(() => this.firstField().nativeElement.focus());
    effect(() => this.form.controls.type.setValue(CHILD_TYPE[this.parent().type]));
  }

  protected submit(): void {
    if (this.submitting()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { code, name, type } = this.form.getRawValue();
    this.submitting.set(true);
    this.failure.set(null);
    this.units.create({ parentId: this.parent().id, code: code.trim(), name: name.trim(), type }).subscribe({
      next: (unit) => {
        this.submitting.set(false);
        this.form.reset({ code: '', name: '', type });
        this.created.emit(unit);
      },
      error: (error: unknown) => {
        this.submitting.set(false);
        this.failure.set(failureOf(error));
      },
    });
  }
}
