import { ChangeDetectionStrategy, Component, effect, input, signal } from '@angular/core';
import { toString as qrSvg } from 'qrcode';

/**
 * The check-in address as a large QR image. Medium error correction and a quiet zone of two modules:
 * it is read off a projector or a laptop screen, often at an angle and from a few metres away.
 * `data-url` holds what the image encodes, for the browser tests.
 */
@Component({
  selector: 'bd-check-in-qr',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `@if (image(); as src) {
    <img [src]="src" [attr.alt]="alt()" data-testid="check-in-qr" [attr.data-url]="encoded()" />
  }`,
  styles: `
    :host {
      display: block;
    }
    img {
      display: block;
      width: min(100%, 70vh, 480px);
      aspect-ratio: 1;
      margin: 0 auto;
      background: #fff;
      image-rendering: pixelated;
    }
  `,
})
export class CheckInQr {
  readonly url = input.required<string>();
  readonly alt = input('');
  protected readonly image = signal<string | null>(null);
  /** The address of the image on screen (it lags `url` by the time the SVG takes to render). */
  protected readonly encoded = signal<string | null>(null);

  constructor() {
    effect(() => {
      const url = this.url();
      // SVG text needs no canvas, so it renders the same everywhere (and in tests).
      void qrSvg(url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' }).then((svg) => {
        if (this.url() !== url) return;
        this.image.set(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
        this.encoded.set(url);
      });
    });
  }
}
