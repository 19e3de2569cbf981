import { ChangeDetectionStrategy, Component, ElementRef, input, model, viewChild } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';

interface Tool {
  key: string;
  open: string;
  close: string;
}

/** Formatting a lecturer needs in a lesson text; the API keeps only an allow-list of tags anyway. */
const TOOLS: Tool[] = [
  { key: 'heading', open: '<h3>', close: '</h3>' },
  { key: 'paragraph', open: '<p>', close: '</p>' },
  { key: 'bold', open: '<strong>', close: '</strong>' },
  { key: 'italic', open: '<em>', close: '</em>' },
  { key: 'list', open: '<ul>\n<li>', close: '</li>\n</ul>' },
  { key: 'quote', open: '<blockquote>', close: '</blockquote>' },
];

/**
 * Lesson text as HTML with buttons that wrap the selection in tags, and a live preview rendered
 * through Angular's sanitizing `innerHTML` (the API sanitizes again on save). Plain markup keeps
 * what is stored exactly what the lecturer sees, with no editor library to trust.
 */
@Component({
  selector: 'bd-rich-text-editor',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="toolbar" role="toolbar" [attr.aria-label]="'courseAdmin.editor.toolbar' | translate">
      @for (tool of tools; track tool.key) {
        <button type="button" class="tool" [attr.data-testid]="'editor-' + tool.key" (click)="wrap(tool)">{{ 'courseAdmin.editor.' + tool.key | translate }}</button>
      }
    </div>
    <textarea
      #area
      rows="8"
      [attr.data-testid]="testId()"
      [attr.aria-label]="'courseAdmin.editor.label' | translate"
      [value]="value()"
      (input)="value.set($any($event.target).value)"
    ></textarea>
    @if (value().trim()) {
      <p class="hint">{{ 'courseAdmin.editor.preview' | translate }}</p>
      <div class="preview" data-testid="editor-preview" [innerHTML]="value()"></div>
    }
  `,
  styles: `
    :host { display: grid; gap: 6px; }
    .toolbar { display: flex; flex-wrap: wrap; gap: 4px; }
    .tool { min-height: 32px; padding: 0 10px; border: 1px solid var(--mat-sys-outline-variant); border-radius: 6px; background: var(--mat-sys-surface-container); color: inherit; font: inherit; }
    textarea { width: 100%; box-sizing: border-box; padding: 8px; border: 1px solid var(--mat-sys-outline); border-radius: 6px; font: 0.875rem/1.5 monospace; background: var(--mat-sys-surface); color: inherit; }
    .hint { margin: 0; font-size: 0.8125rem; color: var(--mat-sys-on-surface-variant); }
    .preview { padding: 8px 12px; border-left: 3px solid var(--mat-sys-primary); overflow-wrap: anywhere; }
  `,
})
export class RichTextEditor {
  readonly value = model('');
  readonly testId = input('lesson-body');
  protected readonly tools = TOOLS;
  private readonly area = viewChild.required<ElementRef<HTMLTextAreaElement>>('area');

  protected wrap(tool: Tool): void {
    const el = this.area().nativeElement;
    const text = this.value();
    const start = el.selectionStart ?? text.length;
    const end = el.selectionEnd ?? text.length;
    const next = `${text.slice(0, start)}${tool.open}${text.slice(start, end)}${tool.close}${text.slice(end)}`;
    this.value.set(next);
    el.value = next;
    const caret = start + tool.open.length + (end - start);
    el.focus();
    el.setSelectionRange(caret, caret);
  }
}
