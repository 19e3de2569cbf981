import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { CertificateEntry, LoginResponse } from '@boiduong/shared-contracts';
import { type Browser, type Page } from 'playwright-core';
import { artifacts, base, call, launchBrowser, screenshots, signIn } from './support/browser';

/**
 * Certificates in the browser: the learner's own list with its QR code, the public verify page
 * without login, and an admin revoking from the registry book (which the public page then shows).
 */
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

describe('certificates in the browser', () => {
  let browser: Browser;
  let page: Page;
  const issued: CertificateEntry[] = [];
  let adminToken = '';
  let hanoiId = '';
  let learnerId = '';

  async function signInAs(username: string): Promise<void> {
    await signIn(page, username, 'BoiDuong@2025');
  }

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    // Two certificates for the demo learner, issued by the Hanoi admin through the api.
    const admin = await call<LoginResponse>('POST', '/auth/login', undefined, { username: 'admin.hanoi', password: 'BoiDuong@2025' });
    const learner = await call<LoginResponse>('POST', '/auth/login', undefined, { username: 'hocvien', password: 'BoiDuong@2025' });
    const units = await call<Array<{ id: string; code: string }>>('GET', '/org-units', admin.body.accessToken);
    const hanoi = units.body.find((u) => u.code === 'HNI');
    if (!hanoi) throw new Error('demo unit HNI missing');
    adminToken = admin.body.accessToken;
    hanoiId = hanoi.id;
    learnerId = learner.body.user.id;
    for (const program of ['Bồi dưỡng Bí thư Đoàn xã, phường, đặc khu', 'Kỹ năng chuyển đổi số cho cán bộ Đoàn']) {
      const res = await call<CertificateEntry>(
        'POST',
        '/certificates',
        admin.body.accessToken,
        {
          issuerUnitId: hanoi.id,
          learner: { userId: learner.body.user.id, fullName: 'Nguyễn Văn Đức', dateOfBirth: '1999-10-21' },
          program: { code: 'E2E', name: program, titles: ['secretary.commune'] },
          course: { id: randomUUID(), startsOn: today, endsOn: today },
          result: 'Đạt',
          completion: { attendanceShare: 1, assessments: [{ code: 'final', required: true, scorePercent: 50 }], rulesKept: true },
          signer: { name: 'Trần Quốc Việt', title: 'PHÓ BÍ THƯ THÀNH ĐOÀN' },
          issuedPlace: 'Hà Nội',
        },
      );
      expect(res.status).toBe(201);
      issued.push(res.body);
    }
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 360, height: 640 }, locale: 'vi-VN' });
  });

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(() => screenshots(page));

  it('shows the learner their certificates with the QR code of the verify link', async () => {
    await signInAs('hocvien');
    await page.locator('a[href="/certificates"]').first().waitFor({ state: 'attached' });
    expect(await page.locator('a[href="/certificates/admin"]').count()).toBe(0);
    await page.goto(`${base}/certificates`);
    const card = page.locator(`[data-testid="my-certificate"][data-serial="${issued[0].serialNumber}"]`);
    await card.waitFor();
    expect(await card.getByTestId('certificate-status').textContent()).toContain('Còn hiệu lực');
    await card.getByTestId('my-certificate-qr-toggle').click();
    const qr = card.getByTestId('certificate-qr');
    await qr.waitFor();
    expect(await qr.getAttribute('data-url')).toBe(issued[0].verifyUrl);
    expect(await qr.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);

    const pdf = page.waitForResponse((res) => res.url().endsWith(`/api/v1/certificates/${issued[0].id}/pdf`));
    await card.getByTestId('my-certificate-pdf').click();
    const pdfResponse = await pdf;
    expect(pdfResponse.status()).toBe(200);
    expect(pdfResponse.headers()['content-type']).toContain('application/pdf');

    await card.getByTestId('my-certificate-verify-link').click();
    await page.getByTestId('verify-verdict').waitFor();
    expect(await page.getByTestId('verify-verdict').textContent()).toContain('CHỨNG CHỈ HỢP LỆ');
    expect(page.url()).toBe(`${base}/certificates/verify/${issued[0].code}`);
  });

  it('verifies on the public page without login, from a link or a pasted code', async () => {
    const anonymous = await browser.newPage({ viewport: { width: 360, height: 640 }, locale: 'vi-VN' });
    try {
      await anonymous.goto(`${base}/certificates/verify/${issued[1].code}`);
      await anonymous.getByTestId('verify-verdict').waitFor();
      expect(anonymous.url()).toBe(`${base}/certificates/verify/${issued[1].code}`);
      expect(await anonymous.getByTestId('verify-holder').textContent()).toBe('Nguyễn Văn Đức');
      expect(await anonymous.getByTestId('verify-serial').textContent()).toBe(issued[1].serialNumber);
      // Nothing of the result runs past its card on a phone-sized screen.
      const overflow = await anonymous.getByTestId('verify-result').evaluate((card) => card.scrollWidth - card.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      expect(await anonymous.getByTestId('login-username').count()).toBe(0);

      await anonymous.goto(`${base}/certificates/verify`);
      await anonymous.getByTestId('verify-code').fill(issued[0].verifyUrl);
      await anonymous.getByTestId('verify-submit').click();
      await anonymous.waitForURL(`${base}/certificates/verify/${issued[0].code}`);
      await anonymous.getByTestId('verify-serial').filter({ hasText: issued[0].serialNumber }).waitFor();

      await anonymous.goto(`${base}/certificates/verify/${'x'.repeat(32)}`);
      await anonymous.getByTestId('verify-error').waitFor();
      expect(await anonymous.getByTestId('verify-error').textContent()).toContain('Không tìm thấy chứng chỉ');
    } finally {
      await anonymous.close();
    }
  });

  it('lets the admin revoke from the registry book, and the public page then says revoked', async () => {
    await page.evaluate(() => localStorage.clear());
    await signInAs('admin.hanoi');
    await page.goto(`${base}/certificates/admin`);
    const row = page.locator(`[data-testid="book-row"][data-serial="${issued[1].serialNumber}"]`);
    await row.waitFor();
    await row.getByTestId('book-revoke').click();
    // The floating label covers the select on a phone; the keyboard opens it as a user would.
    await page.getByTestId('revoke-reason').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('option', { name: 'Gian lận' }).click();
    await page.getByTestId('revoke-decision').fill('99/QĐ-TĐTN');
    await page.getByTestId('revoke-date').fill(today);
    await page.getByTestId('revoke-submit').click();
    await page.getByTestId('book-notice').waitFor();
    expect(await page.getByTestId('book-notice').textContent()).toContain(issued[1].serialNumber);
    expect(await row.getByTestId('certificate-status').getAttribute('data-status')).toBe('revoked');

    await page.goto(`${base}/certificates/verify/${issued[1].code}`);
    await page.getByTestId('verify-verdict').waitFor();
    const verdict = (await page.getByTestId('verify-verdict').textContent()) ?? '';
    expect(verdict).toContain('ĐÃ THU HỒI');
    expect(verdict).toContain('99/QĐ-TĐTN');
    expect(verdict).toContain('Gian lận');
  });

  it('lists a learner who completed a course issued after approval; the admin approves and the worker issues', async () => {
    const signer = await call('PUT', `/certificates/issuers/${hanoiId}`, adminToken, { signerName: 'Trần Quốc Việt', signerTitle: 'PHÓ BÍ THƯ THÀNH ĐOÀN', issuedPlace: 'Hà Nội' });
    expect(signer.status).toBe(200);
    const suffix = randomUUID().slice(0, 6).toUpperCase();
    const program = await call<{ id: string }>(
      'POST',
      '/programs',
      adminToken,
      { code: `E2E-DUYET-${suffix}`, name: 'Bồi dưỡng nghiệp vụ công tác Đoàn', family: 'title', ownerOrgUnitId: hanoiId, targetTitles: ['secretary.branch'], requiredHours: 8 },
    );
    expect(program.status).toBe(201);
    expect((await call('PUT', `/certificates/programs/${program.body.id}/policy`, adminToken, { issuanceMode: 'after_approval' })).status).toBe(200);
    const courseName = `Lớp nghiệp vụ ${suffix}`;
    const course = await call<{ id: string }>(
      'POST',
      '/courses',
      adminToken,
      { programId: program.body.id, orgUnitId: hanoiId, name: courseName, mode: 'in_person', startsOn: '2026-01-05', endsOn: today, capacity: null, status: 'open' },
    );
    expect(course.status).toBe(201);
    const session = await call<{ id: string }>(
      'POST',
      `/courses/${course.body.id}/sessions`,
      adminToken,
      { title: 'Buổi học duy nhất', startsAt: '2026-01-05T01:00:00.000Z', endsAt: '2026-01-05T04:00:00.000Z' },
    );
    expect(session.status).toBe(201);
    expect((await call('POST', `/courses/${course.body.id}/enrollments`, adminToken, { userIds: [learnerId] })).status).toBe(201);
    // Attending the only session completes the course: the learner joins the approval list.
    expect((await call('POST', `/sessions/${session.body.id}/attendance`, adminToken, { present: [learnerId] })).status).toBeLessThan(300);

    await page.goto(`${base}/certificates/admin`);
    const row = page.locator('[data-testid="approval-row"]', { hasText: courseName });
    await row.waitFor();
    expect(await row.getByTestId('approval-name').textContent()).toContain('Nguyễn Văn Đức');
    await row.getByTestId('approval-select').check();
    await page.getByTestId('approval-approve').click();
    await page.getByTestId('approval-result').waitFor();
    expect(await page.getByTestId('approval-result').textContent()).toContain('Đã duyệt 1 học viên');

    // The worker issues within seconds; the registry book then lists it.
    let entry: CertificateEntry | undefined;
    for (let i = 0; i < 60 && !entry; i++) {
      const book = await call<CertificateEntry[]>('GET', `/certificates?issuerId=${hanoiId}&year=${today.slice(0, 4)}`, adminToken);
      entry = book.body.find((c) => c.courseId === course.body.id && c.pdfSha256);
      if (!entry) await new Promise((r) => setTimeout(r, 500));
    }
    if (!entry) throw new Error('the approved certificate was not issued within 30 s');
    expect(entry).toMatchObject({ holderName: 'Nguyễn Văn Đức', result: 'Đạt', signerName: 'Trần Quốc Việt', status: 'valid' });
    await page.getByTestId('book-load').click();
    await page.locator(`[data-testid="book-row"][data-serial="${entry.serialNumber}"]`).waitFor();
  });
});
