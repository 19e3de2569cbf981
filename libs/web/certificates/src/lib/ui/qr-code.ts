import { ChangeDetectionStrategy, Component, effect, input, signal } from '@angular/core';
import { toString as qrSvg } from 'qrcode';

/** The QR code of a link, the same one printed on the certificate. */
@Component({
  selector: 'bd-qr-code',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `@if (image(); as src) {
    <img [src]="src" [attr.alt]="alt()" width="160" height="160" data-testid="certificate-qr" [attr.data-url]="url()" />
  }`,
})
export class QrCode {
  readonly url = input.required<string>();
  readonly alt = input('');
  protected readonly image = signal<string | null>(null);

  constructor() {
    effect(() => {
      const url = this.url();
      // SVG text needs no canvas, so it renders the same everywhere (and in tests).
      void qrSvg(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then((svg) => {
        if (this.url() === url) this.image.set(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
      });
    });
  }
}
