import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import type { ImportReport, ItemImportFormat } from '@boiduong/shared-contracts';
import { TranslatePipe } from '@ngx-translate/core';
import { FilePicker } from '@boiduong/web-shared-ui';
import { failureOf, type Failure } from '../data/failure';
import { ItemsService } from '../data/items.service';
import { formatOfFile, IMPORT_FORMATS } from '../data/labels';
import { FailureMessage } from '../ui/failure-message';

export const IMPORT_ACCEPT = '.gift,.txt,.xml,.xlsx,text/plain,application/xml,text/xml,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Import with preview: a dry run lists every valid item with what would happen to it and every
 * bad entry with its line and reason; nothing is written until the user confirms. A file with bad
 * entries can only be imported as "the valid items only".
 */
@Component({
  selector: 'bd-import-page',
  imports: [RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, TranslatePipe, FailureMessage, FilePicker],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './import-page.html',
  styleUrl: './import-page.css',
})
export class ImportPage {
  private readonly items = inject(ItemsService);

  protected readonly accept = IMPORT_ACCEPT;
  protected readonly formats = IMPORT_FORMATS;
  protected readonly file = signal<File | null>(null);
  protected readonly format = signal<ItemImportFormat>('gift');
  protected readonly busy = signal(false);
  protected readonly preview = signal<ImportReport | null>(null);
  protected readonly result = signal<ImportReport | null>(null);
  protected readonly failure = signal<Failure | null>(null);

  protected readonly toWrite = computed(() => {
    const p = this.preview();
    return p ? p.created + p.updated : 0;
  });
  protected readonly canImport = computed(() => !!this.preview() && !this.result() && this.toWrite() > 0 && !this.busy());

  protected choose(file: File | null): void {
    this.file.set(file);
    const guessed = file ? formatOfFile(file.name) : null;
    if (guessed) this.format.set(guessed);
    this.reset();
  }

  protected setFormat(format: string): void {
    this.format.set(format as ItemImportFormat);
    this.reset();
  }

  /** Dry run in valid-only mode: the counts are what "import" would then write. */
  protected runPreview(): void {
    const file = this.file();
    if (!file || this.busy()) return;
    this.reset();
    this.send(file, true, (report) => this.preview.set(report));
  }

  protected confirm(): void {
    const file = this.file();
    const preview = this.preview();
    if (!file || !preview || !this.canImport()) return;
    this.send(file, false, (report) => this.result.set(report), preview.errors.length ? 'valid-only' : 'all');
  }

  private send(file: File, dryRun: boolean, done: (report: ImportReport) => void, mode: 'all' | 'valid-only' = 'valid-only'): void {
    this.busy.set(true);
    this.failure.set(null);
    this.items.import(file, this.format(), { dryRun, mode }).subscribe({
      next: (report) => {
        this.busy.set(false);
        done(report);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.failure.set(failureOf(error));
      },
    });
  }

  private reset(): void {
    this.preview.set(null);
    this.result.set(null);
    this.failure.set(null);
  }
}
