import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { accessToken, artifacts, base, launchBrowser, ok, screenshots, signIn } from './support/browser';
import { createCourse, createProgram, DEMO_PASSWORD, orgUnitId, userId } from './support/seed';

/**
 * QR check-in at an in-person session: the lecturer opens it on a laptop facing the room, a learner
 * who is not signed in on their phone opens the address read from the QR on screen (decoded from a
 * screenshot with zbarimg, as a phone camera would), signs in and is recorded present; the
 * lecturer's list shows them; a second scan changes nothing; once closed, the code is refused.
 */
const suffix = Date.now().toString(36).toUpperCase();
const courseName = `Lớp sinh hoạt chi đoàn trực tiếp ${suffix}`;
const sessionTitle = `Buổi 1: Tổ chức sinh hoạt chi đoàn ${suffix}`;

describe('QR check-in at an in-person session', () => {
  let browser: Browser;
  let lecturer: Page;
  let learner: Page;
  let courseId = '';
  let sessionId = '';
  let firstUrl = '';

  /** The address the QR on the lecturer's screen encodes, read from its pixels. */
  async function scanQr(name: string): Promise<string> {
    const qr = lecturer.getByTestId('check-in-qr');
    await qr.waitFor();
    const file = join(artifacts, `check-in-qr-${name}.png`);
    for (let attempt = 0; attempt < 3; attempt++) {
      const meant = await qr.getAttribute('data-url');
      writeFileSync(file, await qr.screenshot());
      // The code rotates every 30 s: a shot taken across a rotation is simply taken again.
      if ((await qr.getAttribute('data-url')) !== meant) continue;
      const decoded = execFileSync('zbarimg', ['--quiet', '--raw', file], { encoding: 'utf8' }).trim();
      // What the component meant to encode is what the camera reads.
      expect(decoded).toBe(meant);
      return decoded;
    }
    throw new Error('the QR kept changing while it was photographed');
  }

  async function expectNoSideScroll(page: Page): Promise<void> {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  }

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    browser = await launchBrowser();
    lecturer = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' })).newPage();
    learner = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'vi-VN', isMobile: true, hasTouch: true })).newPage();

    // The course is set up through the API: the admin screens have their own test.
    const admin = await accessToken('admin.hanoi', DEMO_PASSWORD);
    const hanoi = await orgUnitId(admin, 'HNI');
    const programId = await createProgram(admin, { code: `HN-DD-${suffix}`, name: `Sinh hoạt chi đoàn ${suffix}`, ownerOrgUnitId: hanoi, targetTitles: ['secretary.branch'], requiredHours: 4 });
    courseId = await createCourse(admin, {
      programId,
      orgUnitId: hanoi,
      name: courseName,
      mode: 'in_person',
      capacity: 40,
      status: 'running',
      lecturers: [await userId(admin, 'giangvien')],
      learners: [await userId(admin, 'hocvien')],
    });
    const start = new Date(Date.now() - 30 * 60_000);
    sessionId = (
      await ok<{ id: string }>('POST', `/courses/${courseId}/sessions`, admin, {
        title: sessionTitle,
        place: 'Hội trường Thành đoàn Hà Nội',
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 3 * 3_600_000).toISOString(),
      })
    ).id;
  });

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(() => screenshots({ lecturer, learner }));

  it('lets the lecturer open check-in from the course’s sessions and shows a QR of the learner page', async () => {
    await signIn(lecturer, 'giangvien', DEMO_PASSWORD);
    await lecturer.goto(`${base}/manage/courses/${courseId}`);
    const row = lecturer.locator('[data-testid="session-row"]').filter({ hasText: sessionTitle });
    await row.getByTestId('check-in-link').click();
    await lecturer.waitForURL(`${base}/manage/courses/${courseId}/sessions/${sessionId}/check-in`);
    expect(await lecturer.getByTestId('check-in-status').textContent()).toContain('Chưa mở điểm danh');
    expect(await lecturer.getByTestId('check-in-count').textContent()).toContain('Có mặt: 0/1 học viên');

    await lecturer.getByTestId('check-in-minutes').fill('10');
    await lecturer.getByTestId('check-in-open').click();
    await lecturer.getByTestId('check-in-notice').waitFor();
    expect(await lecturer.getByTestId('check-in-status').textContent()).toContain('Đang mở điểm danh đến');
    firstUrl = await scanQr('first');
    expect(firstUrl).toMatch(new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/learning/check-in\\?t=[A-Za-z0-9_-]{55}$`));
    const box = await lecturer.getByTestId('check-in-qr').boundingBox();
    expect(box?.width ?? 0).toBeGreaterThanOrEqual(400);
  });

  it('checks in a learner on a phone who signs in after scanning, keeping the code through the sign-in', async () => {
    await learner.goto(firstUrl);
    await learner.getByTestId('login-username').waitFor();
    expect(new URL(learner.url()).searchParams.get('returnUrl')).toBe(firstUrl.slice(base.length));
    await learner.getByTestId('login-username').fill('hocvien');
    await learner.getByTestId('login-password').fill(DEMO_PASSWORD);
    await learner.getByTestId('login-submit').click();

    await learner.getByTestId('check-in-verdict').waitFor();
    expect(learner.url()).toBe(firstUrl);
    expect(await learner.getByTestId('check-in-verdict').textContent()).toContain('Điểm danh thành công');
    expect(await learner.getByTestId('check-in-what').textContent()).toContain(sessionTitle);
    expect(await learner.getByTestId('check-in-what').textContent()).toContain(courseName);
    await expectNoSideScroll(learner);
    const button = await learner.getByTestId('check-in-course').boundingBox();
    expect(button?.height ?? 0).toBeGreaterThanOrEqual(44);
  });

  it('shows the learner on the lecturer’s list, recorded by QR', async () => {
    const row = lecturer.locator('[data-testid="check-in-attendee"][data-username="hocvien"]');
    await row.waitFor({ timeout: 15_000 });
    expect(await row.getAttribute('data-method')).toBe('qr');
    expect(await row.textContent()).toContain('Quét mã QR');
    expect(await lecturer.getByTestId('check-in-count').textContent()).toContain('Có mặt: 1/1 học viên');
  });

  it('replaces the QR before it expires, and a second scan changes nothing', async () => {
    // A new code comes with the next 30-second step.
    await lecturer.waitForFunction((first) => document.querySelector('[data-testid="check-in-qr"]')?.getAttribute('data-url') !== first, firstUrl, { timeout: 40_000 });
    const secondUrl = await scanQr('second');
    expect(secondUrl).not.toBe(firstUrl);
    await learner.goto(secondUrl);
    await learner.getByTestId('check-in-verdict').waitFor();
    expect(await learner.getByTestId('check-in-verdict').textContent()).toContain('Bạn đã điểm danh buổi này rồi');
    expect(await lecturer.getByTestId('check-in-attendee').count()).toBe(1);
  }, 60_000);

  it('refuses the code once the lecturer closes check-in, with a clear message', async () => {
    const lastUrl = await scanQr('last');
    await lecturer.getByTestId('check-in-close').click();
    await lecturer.getByTestId('check-in-qr').waitFor({ state: 'detached' });
    expect(await lecturer.getByTestId('check-in-status').textContent()).toContain('Đã đóng điểm danh lúc');
    await learner.goto(lastUrl);
    await learner.getByTestId('check-in-error').waitFor();
    expect(await learner.getByTestId('check-in-error').textContent()).toContain('đã đóng điểm danh bằng mã QR');
    // The learner's course page counts the session attended.
    await learner.goto(`${base}/learning`);
    const card = learner.locator(`[data-testid="my-course"][data-course-id="${courseId}"]`);
    await card.waitFor();
    expect(await card.textContent()).toContain('Đã dự 1/1 buổi học trực tiếp');
  });
});
