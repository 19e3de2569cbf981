import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { ARTWORK_KINDS, ISSUANCE_MODES, type IssuanceMode, type IssuerArtworkView, type OrgUnitSummary } from '@boiduong/shared-contracts';
import { FailureMessage } from '@boiduong/web-core';
import { TranslatePipe } from '@ngx-translate/core';
import { CertificatesService, type ProgramChoice } from '../data/certificates.service';
import { failureOf, type Failure } from '../data/failure';
import { ArtworkCard } from './artwork-card';

const text = (max: number) => [Validators.required, Validators.minLength(2), Validators.maxLength(max)];

/**
 * What an issuing unit prints on its certificates and how its programs issue them: the signer's
 * name and title and the place, the unit's logo, signature and seal (previewed, uploaded, replaced,
 * removed), and each of its programs' issuance mode.
 */
@Component({
  selector: 'bd-issuer-settings-page',
  imports: [RouterLink, ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatButtonModule, TranslatePipe, FailureMessage, ArtworkCard],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './issuer-settings-page.html',
  styleUrls: ['../../../../shared/ui/src/lib/styles/feature-page.css', './issuer-settings-page.css'],
})
export class IssuerSettingsPage implements OnInit {
  private readonly certificates = inject(CertificatesService);
  protected readonly kinds = ARTWORK_KINDS;
  protected readonly modes = ISSUANCE_MODES;

  protected readonly units = signal<OrgUnitSummary[]>([]);
  protected readonly unitId = new FormControl('', { nonNullable: true });
  protected readonly failure = signal<Failure | null>(null);

  protected readonly signer = new FormGroup({
    signerName: new FormControl('', { nonNullable: true, validators: text(255) }),
    signerTitle: new FormControl('', { nonNullable: true, validators: text(255) }),
    issuedPlace: new FormControl('', { nonNullable: true, validators: text(255) }),
  });
  protected readonly signerMissing = signal(false);
  protected readonly signerNotice = signal(false);
  protected readonly signerFailure = signal<Failure | null>(null);

  protected readonly artwork = signal<IssuerArtworkView | null>(null);

  private readonly allPrograms = signal<ProgramChoice[]>([]);
  private readonly currentUnit = signal('');
  protected readonly programs = computed(() => this.allPrograms().filter((p) => p.ownerOrgUnitId === this.currentUnit()));
  protected readonly programId = new FormControl('', { nonNullable: true });
  protected readonly mode = new FormControl<IssuanceMode>('on_grade', { nonNullable: true });
  protected readonly modeLoaded = signal(false);
  protected readonly programNotice = signal<string | null>(null);
  protected readonly programFailure = signal<Failure | null>(null);

  ngOnInit(): void {
    this.certificates.issuers().subscribe({
      next: (units) => {
        const open = units.filter((u) => !u.validTo);
        this.units.set(open);
        if (open.length) {
          this.unitId.setValue(open[0].id);
          this.load();
        }
      },
      error: (e: unknown) => this.failure.set(failureOf(e)),
    });
    this.certificates.programs().subscribe({
      next: (list) => this.allPrograms.set(list),
      error: (e: unknown) => this.programFailure.set(failureOf(e)),
    });
  }

  /** Everything of the chosen unit. */
  protected load(): void {
    const unitId = this.unitId.value;
    if (!unitId) return;
    this.currentUnit.set(unitId);
    this.failure.set(null);
    this.signerNotice.set(false);
    this.signerFailure.set(null);
    this.artwork.set(null);
    this.programId.setValue('');
    this.modeLoaded.set(false);
    this.programNotice.set(null);
    this.certificates.issuerSettings(unitId).subscribe({
      next: (settings) => {
        const missing = settings.signerName === null;
        this.signerMissing.set(missing);
        this.signer.reset(missing ? {} : { signerName: settings.signerName, signerTitle: settings.signerTitle, issuedPlace: settings.issuedPlace });
      },
      error: (e: unknown) => this.failure.set(failureOf(e)),
    });
    this.certificates.artwork(unitId).subscribe({
      next: (view) => this.artwork.set(view),
      error: (e: unknown) => this.failure.set(failureOf(e)),
    });
  }

  protected saveSigner(): void {
    if (this.signer.invalid) {
      this.signer.markAllAsTouched();
      return;
    }
    const v = this.signer.getRawValue();
    this.signerNotice.set(false);
    this.signerFailure.set(null);
    this.certificates
      .saveIssuerSettings(this.currentUnit(), { signerName: v.signerName.trim(), signerTitle: v.signerTitle.trim(), issuedPlace: v.issuedPlace.trim() })
      .subscribe({
        next: () => {
          this.signerMissing.set(false);
          this.signerNotice.set(true);
        },
        error: (e: unknown) => this.signerFailure.set(failureOf(e)),
      });
  }

  protected artworkChanged(view: IssuerArtworkView): void {
    this.artwork.set(view);
  }

  protected chooseProgram(): void {
    const programId = this.programId.value;
    this.modeLoaded.set(false);
    this.programNotice.set(null);
    this.programFailure.set(null);
    if (!programId) return;
    this.certificates.programPolicy(programId).subscribe({
      next: (policy) => {
        this.mode.setValue(policy.issuanceMode);
        this.modeLoaded.set(true);
      },
      error: (e: unknown) => this.programFailure.set(failureOf(e)),
    });
  }

  protected saveMode(): void {
    const program = this.programs().find((p) => p.id === this.programId.value);
    if (!program) return;
    this.programNotice.set(null);
    this.programFailure.set(null);
    this.certificates.setProgramPolicy(program.id, this.mode.value).subscribe({
      next: () => this.programNotice.set(program.name),
      error: (e: unknown) => this.programFailure.set(failureOf(e)),
    });
  }
}
