import { ChangeDetectionStrategy, Component, effect, input, signal } from '@angular/core';
import { toString as qrSvg } from 'qrcode';

/**
 * A link as a QR image (medium error correction). The host decides the size: the image fills its
 * width. `quietZone` is the white border in modules; a code read off a projector from a few metres
 * away wants a wider one than a code held up to a phone. `data-url` holds what the image on screen
 * encodes, for the tests: it lags `url` by the time the SVG takes to render.
 */
@Component({
  selector: 'bd-qr-code',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `@if (image(); as src) {
    <img [src]="src" [attr.alt]="alt()" [attr.data-testid]="testId()" [attr.data-url]="encoded()" />
  }`,
  styles: `
    :host {
      display: block;
    }
    img {
      display: block;
      width: 100%;
      aspect-ratio: 1;
      background: #fff;
      image-rendering: pixelated;
    }
  `,
})
export class QrCode {
  readonly url = input.required<string>();
  readonly alt = input('');
  readonly quietZone = input(1);
  readonly testId = input('qr-code');
  protected readonly image = signal<string | null>(null);
  protected readonly encoded = signal<string | null>(null);

  constructor() {
    effect(() => {
      const url = this.url();
      // SVG text needs no canvas, so it renders the same everywhere (and in tests).
      void qrSvg(url, { type: 'svg', margin: this.quietZone(), errorCorrectionLevel: 'M' }).then((svg) => {
        if (this.url() !== url) return;
        this.image.set(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
        this.encoded.set(url);
      });
    });
  }
}
