import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { LanguageService } from '@boiduong/web-core';
import { LEARNER, query, setupTestBed } from '@boiduong/web-testing';
import { entry } from '../../test-fixtures';
import { MyCertificatesPage } from './my-certificates-page';

describe('MyCertificatesPage', () => {
  let backend: HttpTestingController;

  async function setup() {
    backend = await setupTestBed({ user: LEARNER, permissions: [] });
    const fixture = TestBed.createComponent(MyCertificatesPage);
    fixture.detectChanges();
    const root = fixture.nativeElement as HTMLElement;
    return { fixture, root, ...query(root) };
  }

  afterEach(() => backend.verify());

  it('lists the signed-in learner’s certificates with status, numbers and a verify link', async () => {
    const t = await setup();
    backend.expectOne('/api/v1/me/certificates').flush([
      entry(),
      entry({ id: 'c-2', serialNumber: 'HNI-2025-000003', status: 'revoked', revocation: { reason: 'fraud', decisionNumber: '12/QĐ-TĐTN', decidedOn: '2026-04-02', byUnitId: 'o-hn', note: null } }),
    ]);
    await t.fixture.whenStable();
    const cards = t.allById('my-certificate');
    expect(cards.map((c) => c.dataset['serial'])).toEqual(['HNI-2026-000007', 'HNI-2025-000003']);
    expect(cards[0].querySelector('[data-testid="certificate-status"]')?.textContent?.trim()).toBe('Còn hiệu lực');
    expect(cards[1].querySelector('[data-testid="certificate-status"]')?.textContent?.trim()).toBe('Đã thu hồi');
    expect(cards[1].querySelector('[data-testid="my-certificate-revocation"]')?.textContent).toContain('Gian lận (12/QĐ-TĐTN, 2026-04-02)');
    expect(t.byId('my-certificate-verify-link')?.getAttribute('href')).toBe('/certificates/verify/Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z');

    await TestBed.inject(LanguageService).use('en');
    await t.fixture.whenStable();
    expect(cards[1].querySelector('[data-testid="certificate-status"]')?.textContent?.trim()).toBe('Revoked');
  });

  it('shows the QR code of the verify URL printed on the certificate', async () => {
    const t = await setup();
    backend.expectOne('/api/v1/me/certificates').flush([entry()]);
    await t.fixture.whenStable();
    expect(t.byId('certificate-qr')).toBeNull();
    t.byId('my-certificate-qr-toggle')?.click();
    await t.fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await t.fixture.whenStable();
    const img = t.byId('certificate-qr') as HTMLImageElement;
    expect(img.dataset['url']).toBe(entry().verifyUrl);
    expect(img.src.startsWith('data:image/svg+xml')).toBe(true);
    expect(decodeURIComponent(img.src)).toContain('<svg');
    expect(t.text('my-certificate-verify-url')).toBe(entry().verifyUrl);
  });

  it('downloads the PDF and the credential with the token-carrying client, and says so when there are none', async () => {
    const t = await setup();
    backend.expectOne('/api/v1/me/certificates').flush([entry()]);
    await t.fixture.whenStable();
    const created: string[] = [];
    const createObjectURL = vi.spyOn(URL, 'createObjectURL').mockImplementation(() => {
      created.push('blob:x');
      return 'blob:x';
    });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    t.byId('my-certificate-pdf')?.click();
    const pdf = backend.expectOne('/api/v1/certificates/c-1/pdf');
    expect(pdf.request.responseType).toBe('blob');
    pdf.flush(new Blob(['%PDF-1.7'], { type: 'application/pdf' }));
    t.byId('my-certificate-credential')?.click();
    backend.expectOne('/api/v1/certificates/c-1/credential').flush(new Blob(['{}'], { type: 'application/json' }));
    expect(created.length).toBe(2);
    expect(click).toHaveBeenCalledTimes(2);
    createObjectURL.mockRestore();
    click.mockRestore();

    const empty = await setupAgain();
    backend.expectOne('/api/v1/me/certificates').flush([]);
    await empty.fixture.whenStable();
    expect(empty.text('my-certificates-empty')).toBe('Bạn chưa có chứng chỉ nào.');
  });

  async function setupAgain() {
    const fixture = TestBed.createComponent(MyCertificatesPage);
    fixture.detectChanges();
    const root = fixture.nativeElement as HTMLElement;
    return { fixture, root, ...query(root) };
  }

  it('shows a network failure', async () => {
    const t = await setup();
    backend.expectOne('/api/v1/me/certificates').error(new ProgressEvent('error'), { status: 0 });
    await t.fixture.whenStable();
    expect(t.text('my-certificates-error')).toBe('Không kết nối được máy chủ.');
  });
});
