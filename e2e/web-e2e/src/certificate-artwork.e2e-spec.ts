import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CertificateEntry, OrgUnitSummary } from '@boiduong/shared-contracts';
import { type Browser, type Page } from 'playwright-core';
import { accessToken, artifacts, base, launchBrowser, ok, signIn } from './support/browser';

/**
 * A unit's certificate artwork in the browser: the admin uploads the logo, the signature (a JPEG)
 * and the seal (a transparent PNG) on the issuer settings screen, sees them previewed, and the next
 * certificate's PDF carries the three images and the QR code; replacing the seal later leaves that
 * certificate's file exactly as issued.
 */
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Images drawn by the browser's own encoders, as an admin's scanned or exported files would be. */
async function drawImages(page: Page, sealColour: string): Promise<{ logo: Buffer; signature: Buffer; seal: Buffer }> {
  const encoded = await page.evaluate((colour) => {
    const canvas = (w: number, h: number) => {
      const c = document.createElement('canvas');
      c.width = w;
      c.height = h;
      return { c, g: c.getContext('2d') as CanvasRenderingContext2D };
    };
    const logo = canvas(128, 128);
    logo.g.fillStyle = '#1e4fa3';
    logo.g.fillRect(0, 0, 128, 128);
    logo.g.fillStyle = '#f5c518';
    logo.g.beginPath();
    for (let i = 0; i < 10; i++) {
      const r = i % 2 === 0 ? 50 : 20;
      const a = (Math.PI / 5) * i - Math.PI / 2;
      logo.g.lineTo(64 + r * Math.cos(a), 64 + r * Math.sin(a));
    }
    logo.g.fill();
    const signature = canvas(300, 100);
    signature.g.fillStyle = '#ffffff';
    signature.g.fillRect(0, 0, 300, 100);
    signature.g.strokeStyle = '#1a237e';
    signature.g.lineWidth = 3;
    signature.g.beginPath();
    signature.g.moveTo(10, 70);
    signature.g.bezierCurveTo(80, 0, 150, 100, 290, 30);
    signature.g.stroke();
    const seal = canvas(200, 200);
    seal.g.strokeStyle = colour;
    seal.g.lineWidth = 8;
    for (const r of [90, 64]) {
      seal.g.beginPath();
      seal.g.arc(100, 100, r, 0, Math.PI * 2);
      seal.g.stroke();
    }
    seal.g.fillStyle = colour;
    seal.g.beginPath();
    seal.g.arc(100, 100, 22, 0, Math.PI * 2);
    seal.g.fill();
    const data = (c: HTMLCanvasElement, type: string) => c.toDataURL(type, 0.9).split(',')[1];
    return { logo: data(logo.c, 'image/png'), signature: data(signature.c, 'image/jpeg'), seal: data(seal.c, 'image/png') };
  }, sealColour);
  return { logo: Buffer.from(encoded.logo, 'base64'), signature: Buffer.from(encoded.signature, 'base64'), seal: Buffer.from(encoded.seal, 'base64') };
}

/** `pdfimages -list` of a PDF: type (image or smask), size and encoding of every image. */
function pdfImages(pdf: Buffer, name: string): Array<{ type: string; size: string; enc: string }> {
  const file = join(artifacts, name);
  writeFileSync(file, pdf);
  return execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => l.trim().split(/\s+/))
    .map((c) => ({ type: c[2], size: `${c[3]}x${c[4]}`, enc: c[8] }));
}

describe('certificate artwork in the browser', () => {
  let browser: Browser;
  let page: Page;
  let token = '';
  let hanoi = '';
  let learnerId = '';

  const pdfOf = async (id: string): Promise<Buffer> => {
    const res = await fetch(`${base}/api/v1/certificates/${id}/pdf`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  };
  const issue = () =>
    ok<CertificateEntry>(
      'POST',
      '/certificates',
      token,
      {
        issuerUnitId: hanoi,
        learner: { userId: learnerId, fullName: 'Nguyễn Văn Đức', dateOfBirth: '1999-10-21' },
        program: { code: 'E2E-ANH', name: 'Bồi dưỡng Bí thư Đoàn xã, phường, đặc khu' },
        course: { id: randomUUID(), startsOn: today, endsOn: today },
        result: 'Đạt',
        completion: { attendanceShare: 1, assessments: [{ code: 'final', required: true, scorePercent: 80 }], rulesKept: true },
        signer: { name: 'Trần Quốc Việt', title: 'PHÓ BÍ THƯ THÀNH ĐOÀN' },
        issuedPlace: 'Hà Nội',
      },
    );

  async function uploadIn(kind: 'logo' | 'signature' | 'seal', name: string, mimeType: string, buffer: Buffer): Promise<void> {
    await page.getByTestId(`artwork-${kind}-file`).setInputFiles({ name, mimeType, buffer });
    await page.getByTestId(`artwork-${kind}-upload`).click();
    await page.getByTestId(`artwork-${kind}-notice`).waitFor();
  }

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    token = await accessToken('admin.hanoi', 'BoiDuong@2025');
    const units = await ok<OrgUnitSummary[]>('GET', '/org-units', token);
    hanoi = units.find((u) => u.code === 'HNI')?.id ?? '';
    learnerId = (await ok<{ user: { id: string } }>('POST', '/auth/login', '', { username: 'hocvien', password: 'BoiDuong@2025' })).user.id;
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1100, height: 900 }, locale: 'vi-VN' });
  });

  afterAll(async () => {
    // Later specs issue for the same unit: leave it without artwork, as it started.
    for (const kind of ['logo', 'signature', 'seal']) {
      await fetch(`${base}/api/v1/certificates/issuers/${hanoi}/artwork/${kind}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } }).catch(() => undefined);
    }
    await browser?.close();
  });

  afterEach(async () => {
    const name = expect.getState().currentTestName?.replace(/[^a-z0-9]+/gi, '-') ?? 'step';
    await page?.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true }).catch(() => undefined);
  });

  it('uploads the logo, the signature and the seal on the issuer settings screen, previewed; refuses a broken file', async () => {
    await signIn(page, 'admin.hanoi', 'BoiDuong@2025');
    await page.goto(`${base}/certificates/admin`);
    await page.getByTestId('book-issuer-settings').click();
    await page.waitForURL(`${base}/certificates/admin/issuer`);
    await page.getByTestId('issuer-unit').click();
    await page.locator('mat-option[data-code="HNI"]').click();
    await page.getByTestId('artwork-logo').waitFor();

    await page.getByTestId('signer-name').fill('Trần Quốc Việt');
    await page.getByTestId('signer-title').fill('PHÓ BÍ THƯ THÀNH ĐOÀN');
    await page.getByTestId('signer-place').fill('Hà Nội');
    await page.getByTestId('signer-save').click();
    expect(await page.getByTestId('signer-notice').textContent()).toContain('Đã lưu người ký');

    const images = await drawImages(page, '#c8102e');
    await uploadIn('logo', 'bieu-trung.png', 'image/png', images.logo);
    await uploadIn('signature', 'chu-ky.jpg', 'image/jpeg', images.signature);
    await uploadIn('seal', 'con-dau.png', 'image/png', images.seal);
    for (const kind of ['logo', 'signature', 'seal']) {
      const preview = page.getByTestId(`artwork-${kind}-preview`);
      await preview.waitFor();
      expect(await preview.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    }
    expect(await page.getByTestId('artwork-signature-details').textContent()).toContain('300 × 100 điểm ảnh');
    expect(await page.getByTestId('artwork-signature-details').textContent()).toContain('JPEG');

    // Text renamed to .png: the api reads the bytes and says so; the seal stays.
    await page.getByTestId('artwork-seal-file').setInputFiles({ name: 'khong-phai-anh.png', mimeType: 'image/png', buffer: Buffer.from('Đây không phải là ảnh.') });
    await page.getByTestId('artwork-seal-upload').click();
    await page.getByTestId('artwork-seal-error').waitFor();
    expect(await page.getByTestId('artwork-seal-error').textContent()).toContain('Tệp không phải ảnh PNG hoặc JPEG đọc được');
    expect(await page.getByTestId('artwork-seal-details').textContent()).toContain('200 × 200');
  });

  it('prints the three images and the QR code on the next certificate; a later seal leaves that file as issued', async () => {
    const first = await issue();
    const pdf = await pdfOf(first.id);
    expect(sha(pdf)).toBe(first.pdfSha256);
    const listed = pdfImages(pdf, `artwork-${first.serialNumber}.pdf`);
    // Logo, signature (JPEG as uploaded), seal with its transparency, and the QR code.
    expect(listed.filter((i) => i.type === 'image')).toHaveLength(4);
    expect(listed.map((i) => `${i.type} ${i.size} ${i.enc}`)).toEqual([
      'image 128x128 image',
      'image 300x100 jpeg',
      'image 200x200 image',
      'smask 200x200 image',
      expect.stringMatching(/^image (\d+)x\1 image$/),
    ]);
    expect(execFileSync('pdfdetach', ['-list', join(artifacts, `artwork-${first.serialNumber}.pdf`)], { encoding: 'utf8' })).toContain(`${first.serialNumber}.credential.json`);

    // The admin replaces the seal in the browser; the next certificate prints the new one.
    const replacement = await drawImages(page, '#7b1fa2');
    await uploadIn('seal', 'con-dau-moi.png', 'image/png', replacement.seal);
    const second = await issue();
    expect(sha(await pdfOf(second.id))).not.toBe(first.pdfSha256);

    const again = await pdfOf(first.id);
    expect(again.equals(pdf)).toBe(true);
    const verification = await ok<{ pdfSha256: string; valid: boolean }>('GET', `/public/certificates/${first.code}`, '');
    expect(verification).toMatchObject({ valid: true, pdfSha256: sha(again) });
  });
});
