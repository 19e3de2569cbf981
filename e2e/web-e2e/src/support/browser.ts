import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Where the stack under test answers; `npm test` sets it after starting the api and worker. */
export const base = process.env['E2E_BASE_URL'] ?? '';
/** Screenshots of every step land here, for looking at a failure after the run. */
export const artifacts = process.env['E2E_ARTIFACTS'] ?? join(tmpdir(), 'boiduong-e2e');

/**
 * Debian's Chromium, headless, with nothing reaching out of the machine: every host but the local
 * stack resolves to nothing, so a page that would load a remote font or script fails visibly.
 */
export function launchBrowser(): Promise<Browser> {
  if (!base) throw new Error('E2E_BASE_URL is not set: run through npm test');
  return chromium.launch({
    executablePath: process.env['CHROME_PATH'] ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
    ],
  });
}

/** Signs in through the login page, as a person would, and waits for the home page. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('home-greeting').waitFor();
}

/** Calls the api directly (test setup and checks); the status and the body, parsed when it is JSON (null when empty). */
export async function call<T>(method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON (a page, a file): leave the text.
      parsed = text;
    }
  }
  return { status: res.status, body: parsed as T };
}

/** Calls the api directly and insists on success; the parsed body or null. */
export async function ok<T>(method: string, path: string, token: string, body?: unknown): Promise<T> {
  const res = await call<T>(method, path, token, body);
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * Screenshots of the pages after a test, for looking at a failure later: named after the test (and
 * after each page, when given several by name), in `artifacts`. A page not opened yet is passed
 * over; a screenshot that fails fails nothing.
 */
export async function screenshots(pages: Page | undefined | Record<string, Page | undefined>, { fullPage = true } = {}): Promise<void> {
  const name = expect.getState().currentTestName?.replace(/[^a-z0-9]+/gi, '-') ?? 'step';
  const named: Record<string, Page | undefined> = pages === undefined || 'screenshot' in pages ? { '': pages as Page | undefined } : pages;
  for (const [who, page] of Object.entries(named)) {
    await page?.screenshot({ path: join(artifacts, who ? `${name}-${who}.png` : `${name}.png`), fullPage }).catch(() => undefined);
  }
}

/** An access token for a user, through the api's sign-in route. */
export async function accessToken(username: string, password: string): Promise<string> {
  return (await ok<{ accessToken: string }>('POST', '/auth/login', '', { username, password })).accessToken;
}
