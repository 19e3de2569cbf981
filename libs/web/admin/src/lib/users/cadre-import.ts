import { ChangeDetectionStrategy, Component, computed, DOCUMENT, inject, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { LanguageService, readErrorBody } from '@boiduong/web-core';
import { TranslatePipe } from '@ngx-translate/core';
import { FilePicker } from '@boiduong/web-shared-ui';
import type { CadreImportResult, ImportRowError } from '../data/admin.models';
import { failureOf, type Failure } from '../data/failure';
import { OrgUnitsService } from '../data/org-units.service';
import { UsersService } from '../data/users.service';
import { FailureMessage } from '@boiduong/web-core';

export const IMPORT_ACCEPT = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

/** What a panel imports: cadres (the people list) or org units (the org tree). */
export type ImportTarget = 'cadres' | 'org-units';
const TARGETS: Record<ImportTarget, { title: string; hint: string; summary: string; templateFile: string }> = {
  cadres: { title: 'admin.import.title', hint: 'admin.import.hint', summary: 'admin.import.summary', templateFile: 'mau-nhap-can-bo.xlsx' },
  'org-units': { title: 'unitImport.title', hint: 'unitImport.hint', summary: 'unitImport.summary', templateFile: 'mau-nhap-don-vi.xlsx' },
};

function isRowError(value: unknown): value is ImportRowError {
  if (typeof value !== 'object' || value === null) return false;
  const { row, message } = value as Partial<ImportRowError>;
  return typeof row === 'number' && (typeof message === 'string' || (typeof message === 'object' && message !== null));
}

/** A 422 names the bad rows in `details`, either as the list itself or as `details.errors`. */
export function rowErrorsOf(details: unknown): ImportRowError[] {
  const list = Array.isArray(details)
    ? details
    : typeof details === 'object' && details !== null && Array.isArray((details as { errors?: unknown }).errors)
      ? (details as { errors: unknown[] }).errors
      : [];
  return list.filter(isRowError);
}

@Component({
  selector: 'bd-cadre-import',
  imports: [MatButtonModule, TranslatePipe, FailureMessage, FilePicker],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './cadre-import.html',
  styleUrl: './cadre-import.css',
})
/** The bulk-import panel (template, upload, per-row errors), for cadres or for org units. */
export class CadreImport {
  private readonly users = inject(UsersService);
  private readonly units = inject(OrgUnitsService);

  readonly target = input<ImportTarget>('cadres');
  protected readonly texts = computed(() => TARGETS[this.target()]);
  private readonly language = inject(LanguageService);
  private readonly document = inject(DOCUMENT);

  /** Emitted after a successful import so the list can reload. */
  readonly imported = output<CadreImportResult>();

  protected readonly accept = IMPORT_ACCEPT;
  protected readonly file = signal<File | null>(null);
  protected readonly uploading = signal(false);
  protected readonly downloading = signal(false);
  protected readonly result = signal<CadreImportResult | null>(null);
  protected readonly failure = signal<Failure | null>(null);
  protected readonly templateFailure = signal<Failure | null>(null);
  private readonly rejectedRows = signal<ImportRowError[]>([]);

  /** Row errors of a rejected file or of an accepted one that skipped rows. */
  protected readonly rowErrors = computed(() => {
    const lang = this.language.lang();
    const rows = this.result()?.errors ?? this.rejectedRows();
    return rows.map((e) => ({ row: e.row, message: typeof e.message === 'string' ? e.message : e.message[lang] }));
  });

  protected choose(file: File | null): void {
    this.file.set(file);
    this.result.set(null);
    this.failure.set(null);
    this.rejectedRows.set([]);
  }

  protected upload(): void {
    const file = this.file();
    if (!file || this.uploading()) return;
    this.uploading.set(true);
    this.failure.set(null);
    this.result.set(null);
    this.rejectedRows.set([]);
    const request = this.target() === 'org-units' ? this.units.importUnits(file) : this.users.importCadres(file);
    request.subscribe({
      next: (result) => {
        this.uploading.set(false);
        this.result.set({ ...result, errors: rowErrorsOf(result.errors) });
        this.imported.emit(result);
      },
      error: (error: unknown) => {
        this.uploading.set(false);
        this.failure.set(failureOf(error));
        this.rejectedRows.set(rowErrorsOf(readErrorBody(error)?.details));
      },
    });
  }

  protected downloadTemplate(): void {
    if (this.downloading()) return;
    this.downloading.set(true);
    this.templateFailure.set(null);
    const request = this.target() === 'org-units' ? this.units.importTemplate() : this.users.cadreTemplate();
    request.subscribe({
      next: (blob) => {
        this.downloading.set(false);
        this.save(blob, this.texts().templateFile);
      },
      error: (error: unknown) => {
        this.downloading.set(false);
        this.templateFailure.set(failureOf(error));
      },
    });
  }

  private save(blob: Blob, name: string): void {
    const view = this.document.defaultView;
    if (!view?.URL?.createObjectURL) return;
    const url = view.URL.createObjectURL(blob);
    const link = this.document.createElement('a');
    link.href = url;
    link.download = name;
    link.click();
    view.setTimeout(() => view.URL.revokeObjectURL(url), 0);
  }
}
