import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { QrCode } from './qr-code';

@Component({
  imports: [QrCode],
  template: `<bd-qr-code [url]="url()" alt="Mã QR" [quietZone]="quietZone()" testId="the-qr" />`,
})
class Host {
  readonly url = signal('https://boiduong.example.vn/verify/abc');
  readonly quietZone = signal(1);
}

describe('QrCode', () => {
  async function setup() {
    const fixture = TestBed.createComponent(Host);
    const img = () => (fixture.nativeElement as HTMLElement).querySelector<HTMLImageElement>('[data-testid="the-qr"]');
    /** The SVG renders asynchronously: waits until the image on screen encodes `url`. */
    const rendered = async (url: string) => {
      for (let i = 0; i < 200 && img()?.dataset['url'] !== url; i++) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        await fixture.whenStable();
      }
      const found = img();
      if (found?.dataset['url'] !== url) throw new Error(`no QR image of ${url}`);
      return found;
    };
    /** The side of the SVG in modules, quiet zone included. */
    const side = (image: HTMLImageElement) => Number(/viewBox="0 0 (\d+) \1"/.exec(decodeURIComponent(image.src))?.[1]);
    await fixture.whenStable();
    return { fixture, img, rendered, side };
  }

  it('shows the link as an SVG image with its alt text and the link it encodes', async () => {
    const { rendered } = await setup();
    const image = await rendered('https://boiduong.example.vn/verify/abc');
    expect(image.getAttribute('src')).toMatch(/^data:image\/svg\+xml;charset=utf-8,%3Csvg/);
    expect(image.getAttribute('alt')).toBe('Mã QR');
  });

  it('redraws when the link changes, and says which link the image now holds', async () => {
    const { fixture, rendered } = await setup();
    const first = (await rendered('https://boiduong.example.vn/verify/abc')).getAttribute('src');
    fixture.componentInstance.url.set('https://boiduong.example.vn/learning/check-in?t=tok-2');
    const second = await rendered('https://boiduong.example.vn/learning/check-in?t=tok-2');
    expect(second.getAttribute('src')).not.toBe(first);
  });

  it('draws the quiet zone it is asked for, in modules on each side', async () => {
    const { fixture, rendered, side } = await setup();
    const narrow = side(await rendered('https://boiduong.example.vn/verify/abc'));
    fixture.componentInstance.quietZone.set(2);
    fixture.componentInstance.url.set('https://boiduong.example.vn/verify/abd');
    const wide = side(await rendered('https://boiduong.example.vn/verify/abd'));
    expect(narrow).toBeGreaterThan(20);
    expect(wide - narrow).toBe(2);
  });
});
