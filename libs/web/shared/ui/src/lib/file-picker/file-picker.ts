import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';

/**
 * A file chooser that looks like a button and names the chosen file. The native input stays in the
 * page (visually hidden, labelled) so keyboards, screen readers and browser tests use it as usual.
 * Texts arrive translated, so this piece knows no feature's wording.
 */
@Component({
  selector: 'bd-file-picker',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <label class="file">
      <input
        type="file"
        class="visually-hidden"
        [attr.data-testid]="testId()"
        [accept]="accept()"
        [attr.aria-label]="label()"
        (change)="choose($event)"
      />
      <span class="file-button" aria-hidden="true">{{ buttonText() }}</span>
      <span class="file-name" [attr.data-testid]="testId() + '-name'">{{ file()?.name ?? emptyText() }}</span>
    </label>
  `,
  styles: `
    /* Here, not in the pages: their styles are scoped to their own templates and never reach this input. */
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
    .file {
      display: inline-flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
      max-width: 100%;
      cursor: pointer;
    }
    .file-button {
      display: inline-flex;
      align-items: center;
      min-height: 40px;
      padding: 0 20px;
      border: 1px solid var(--mat-sys-outline);
      border-radius: 20px;
      color: var(--mat-sys-primary);
      font-weight: 500;
    }
    .file:focus-within .file-button {
      outline: 2px solid var(--mat-sys-primary);
      outline-offset: 2px;
    }
    .file-name {
      min-width: 0;
      color: var(--mat-sys-on-surface-variant);
      overflow-wrap: anywhere;
    }
  `,
})
export class FilePicker {
  /** The accepted types, as in `<input accept>`. */
  readonly accept = input('');
  /** The chosen file, shown by name; the parent owns it. */
  readonly file = input<File | null>(null);
  readonly label = input.required<string>();
  readonly buttonText = input.required<string>();
  readonly emptyText = input.required<string>();
  /** Test id of the input; the file name gets `<testId>-name`. */
  readonly testId = input('file');
  readonly picked = output<File | null>();

  protected choose(event: Event): void {
    this.picked.emit((event.target as HTMLInputElement).files?.[0] ?? null);
  }
}
