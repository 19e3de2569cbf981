import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { CertificateEntry, LoginResponse } from '@boiduong/shared-contracts';
import { type Browser, type Page } from 'playwright-core';
import { artifacts, base, call, launchBrowser, screenshots, signIn } from './support/browser';

/**
 * Title eligibility in the browser: on a cadre's page and in the nomination check, a cadre holding
 * the title's certificate may be nominated and one without it may not.
 */
const TITLE = 'youth_federation_chair.province';
const TITLE_NAME = 'Chủ tịch Hội LHTN Việt Nam cấp tỉnh';
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

describe('title eligibility in the browser', () => {
  let browser: Browser;
  let page: Page;
  let holder: { id: string; fullName: string };
  let other: { id: string; fullName: string };
  let certificate: CertificateEntry;

  /** Opens a Material select from the keyboard (a floating label covers it on a phone) and picks an option. */
  async function choose(testId: string, option: string): Promise<void> {
    await page.getByTestId(testId).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('option', { name: option }).click();
  }

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    const admin = await call<LoginResponse>('POST', '/auth/login', undefined, { username: 'admin.hanoi', password: 'BoiDuong@2025' });
    const token = admin.body.accessToken;
    const units = await call<Array<{ id: string; code: string }>>('GET', '/org-units', token);
    const hanoi = units.body.find((u) => u.code === 'HNI');
    if (!hanoi) throw new Error('demo unit HNI missing');
    const users = await call<Array<{ id: string; username: string; fullName: string }>>('GET', `/users?orgUnitId=${hanoi.id}`, token);
    const find = (username: string) => {
      const u = users.body.find((x) => x.username === username);
      if (!u) throw new Error(`demo user ${username} missing`);
      return u;
    };
    holder = find('hocvien');
    other = find('giangvien');
    // Only the holder gets a certificate for the title.
    const res = await call<CertificateEntry>(
      'POST',
      '/certificates',
      token,
      {
        issuerUnitId: hanoi.id,
        learner: { userId: holder.id, fullName: holder.fullName, dateOfBirth: null },
        program: { code: 'E2E-HLHTN', name: 'Bồi dưỡng Chủ tịch Hội LHTN Việt Nam cấp tỉnh', titles: [TITLE] },
        course: { id: randomUUID(), startsOn: today, endsOn: today },
        result: 'Đạt',
        completion: { attendanceShare: 1, assessments: [{ code: 'final', required: true, scorePercent: 80 }], rulesKept: true },
        signer: { name: 'Trần Quốc Việt', title: 'PHÓ BÍ THƯ THÀNH ĐOÀN' },
        issuedPlace: 'Hà Nội',
      },
    );
    expect(res.status).toBe(201);
    certificate = res.body;
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 360, height: 640 }, locale: 'vi-VN' });
    await signIn(page, 'admin.hanoi', 'BoiDuong@2025');
  });

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(() => screenshots(page));

  it("shows on the cadre's page that the certificate holder may be nominated, with the certificate", async () => {
    await page.goto(`${base}/admin/users/${holder.id}`);
    await page.getByTestId('eligibility-panel').waitFor();
    await choose('eligibility-pick', TITLE_NAME);
    await page.getByTestId('eligibility-add').click();
    const row = page.locator(`[data-testid="eligibility-results"] li[data-title="${TITLE}"]`);
    await row.waitFor();
    expect(await row.getByTestId('eligibility-verdict').textContent()).toContain('Đủ điều kiện');
    expect(await row.getByTestId('eligibility-reason').textContent()).toContain(certificate.serialNumber);
    expect(await row.getByTestId('eligibility-certificate').getAttribute('href')).toBe(`/certificates/verify/${certificate.code}`);
  });

  it('checks a nomination list: the holder may be nominated, the cadre without the certificate may not', async () => {
    await page.goto(`${base}/certificates/admin/nomination`);
    await choose('nomination-title', TITLE_NAME);
    for (const username of ['hocvien', 'giangvien']) {
      await page.getByTestId('nomination-search').fill(username);
      await page.getByTestId('nomination-find').click();
      await page.locator(`[data-testid="nomination-matches"] [data-username="${username}"]`).click();
    }
    await page.getByTestId('nomination-picked').filter({ hasText: '2' }).waitFor();
    await page.getByTestId('nomination-check').click();
    await page.getByTestId('nomination-summary').waitFor();
    expect(await page.getByTestId('nomination-summary').textContent()).toContain('1/2');
    const verdict = (userId: string) => page.locator(`[data-testid="nomination-results"] tr[data-user="${userId}"]`).getByTestId('eligibility-verdict').textContent();
    expect((await verdict(holder.id))?.trim()).toBe('Đủ điều kiện');
    expect((await verdict(other.id))?.trim()).toBe('Chưa đủ điều kiện');
    expect(await page.locator(`tr[data-user="${other.id}"]`).getByTestId('eligibility-reason').textContent()).toContain('Chưa có chứng chỉ');
  });
});
