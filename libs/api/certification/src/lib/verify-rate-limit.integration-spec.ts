import { randomBytes } from 'node:crypto';
import { createTestApp, type TestApp } from '@boiduong/api-testing';
import { CertificationModule } from './certification.module';

describe('public verification is rate-limited per client address (Redis counters)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp([CertificationModule], { VERIFY_RATE_PER_IP_MAX: '3', VERIFY_RATE_PER_IP_WINDOW_SECONDS: '60' });
  });
  afterAll(() => t.close());

  const unknownCode = () => randomBytes(16).toString('base64url');

  it('answers within the limit, then 429 with a retry-after across the page, the JSON and the credential routes', async () => {
    // Unknown codes count too: walking through codes is what the limit is for.
    for (let i = 0; i < 3; i++) {
      const res = await t.request<{ code: string }>('GET', `/api/v1/public/certificates/${unknownCode()}`);
      expect(res.status).toBe(404);
    }
    for (const url of [`/api/v1/public/certificates/${unknownCode()}`, `/verify/${unknownCode()}`, `/api/v1/public/credentials/${unknownCode()}`]) {
      const res = await t.request<{ code: string; message: { vi: string; en: string } }>('GET', url);
      expect(res.status).toBe(429);
      expect(res.body.code).toBe('RATE_LIMITED');
      expect(res.body.message.vi).toBeTruthy();
      const retryAfter = Number(res.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
    }
    // Signed-in routes and the public keys are not counted.
    expect((await t.request('GET', '/api/v1/public/credentials/keys')).status).toBe(200);
  });
});
