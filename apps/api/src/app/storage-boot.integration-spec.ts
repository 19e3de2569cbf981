import { spawn } from 'node:child_process';
import path from 'node:path';
import { createTestDatabase, startS3Server, testServices, unusedPort, type TestS3Server } from '@boiduong/api-testing';

/** Runs the built api (`dist/apps/api/main.js serve`, built by `npm test` before this tier) until it exits. */
function serve(env: Record<string, string>, timeoutMs = 60_000): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const root = path.resolve(__dirname, '../../../..');
    const child = spawn(process.execPath, [path.join(root, 'dist/apps/api/main.js'), 'serve'], {
      cwd: root,
      env: { PATH: process.env['PATH'] ?? '', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the api did not exit within ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe('api boot with STORAGE_DRIVER=s3', () => {
  let s3: TestS3Server;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let env: Record<string, string>;

  beforeAll(async () => {
    s3 = await startS3Server('boot-files');
    database = await createTestDatabase();
    env = {
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      REDIS_URL: testServices().redisUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      SERVE_WEB: 'false',
      LOG_LEVEL: 'silent',
      ...s3.env,
    };
  });
  afterAll(async () => {
    await s3.close();
    await database.drop();
  });

  it('boots with the bucket (the S3 driver loaded on demand in the bundle) and reports it ready', async () => {
    const port = await unusedPort();
    const root = path.resolve(__dirname, '../../../..');
    const child = spawn(process.execPath, [path.join(root, 'dist/apps/api/main.js'), 'serve'], {
      cwd: root,
      env: { PATH: process.env['PATH'] ?? '', ...env, PORT: String(port) },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      let health: { status: number; body: { components?: Record<string, { status: string }> } } | undefined;
      for (let i = 0; i < 240 && child.exitCode === null; i++) {
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/health`).catch(() => undefined);
        if (res) {
          health = { status: res.status, body: await res.json() };
          break;
        }
        await new Promise((r) => setTimeout(r, 250));
      }
      expect({ health, stderr }).toMatchObject({ health: { status: 200, body: { components: { storage: { status: 'up' } } } } });
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  }, 90_000);

  it('exits with code 5 and one clear line when the bucket does not exist', async () => {
    const { code, stderr } = await serve({ ...env, S3_BUCKET: 'no-such-bucket' });
    expect(code).toBe(5);
    expect(stderr).toContain(
      `Cannot reach the file storage (s3 bucket no-such-bucket at ${s3.endpoint}): the bucket does not exist`,
    );
    expect(stderr).toContain('Check STORAGE_DRIVER and the S3_* settings');
  });

  it('exits with code 5 when nothing answers at the endpoint', async () => {
    const closed = await startS3Server('gone');
    await closed.close();
    const { code, stderr } = await serve({ ...env, S3_ENDPOINT: closed.endpoint });
    expect(code).toBe(5);
    expect(stderr).toContain(`Cannot reach the file storage (s3 bucket boot-files at ${closed.endpoint}): `);
    expect(stderr).toMatch(/ECONNREFUSED/);
  });

  it('exits with code 2 naming each missing S3 setting', async () => {
    const { code, stderr } = await serve({ ...env, S3_BUCKET: '', S3_REGION: '' });
    expect(code).toBe(2);
    expect(stderr).toContain('S3_BUCKET: S3_BUCKET is required when STORAGE_DRIVER=s3');
    expect(stderr).toContain('S3_REGION: S3_REGION is required when STORAGE_DRIVER=s3');
  });
});
