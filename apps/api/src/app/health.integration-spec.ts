import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { IdentityModule } from '@boiduong/api-identity';
import { createTestApp, type TestApp } from '@boiduong/api-testing';
import type { HealthResponse } from '@boiduong/shared-contracts';

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const startRedis = (port: number) =>
  new Promise<ChildProcess>((resolve, reject) => {
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'ignore'] });
    child.on('error', reject);
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('Ready to accept connections')) resolve(child);
    });
  });

const stopRedis = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

async function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 15000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await probe();
  while (!accept(last) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    last = await probe();
  }
  return last;
}

describe('health against real PostgreSQL and Redis', () => {
  let t: TestApp;
  let redis: ChildProcess;
  let redisPort: number;

  beforeAll(async () => {
    redisPort = await freePort();
    redis = await startRedis(redisPort);
    t = await createTestApp([IdentityModule], { REDIS_URL: `redis://127.0.0.1:${redisPort}` });
  });
  afterAll(async () => {
    await t.close();
    if (redis.exitCode === null) await stopRedis(redis);
  });

  const health = () => t.request<HealthResponse>('GET', '/api/v1/health');

  it('is ok when both answer, with latencies', async () => {
    const res = await health();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', down: [], components: { database: { status: 'up' }, redis: { status: 'up' } } });
  });

  it('turns 503 naming redis when Redis goes away, and recovers without a restart', async () => {
    await stopRedis(redis);
    const down = await eventually(health, (r) => r.status === 503);
    expect(down.status).toBe(503);
    expect(down.body.down).toEqual(['redis']);
    expect(down.body.components['database'].status).toBe('up');
    redis = await startRedis(redisPort);
    const back = await eventually(health, (r) => r.status === 200);
    expect(back.body.status).toBe('ok');
  });

  it('turns 503 naming the database when PostgreSQL refuses connections, and recovers', async () => {
    const admin = await createTestApp([]);
    try {
      const name = t.databaseName;
      await admin.db.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
      await admin.db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [name]);
      const down = await eventually(health, (r) => r.status === 503);
      expect(down.body.down).toEqual(['database']);
      await admin.db.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
      const back = await eventually(health, (r) => r.status === 200);
      expect(back.body.down).toEqual([]);
    } finally {
      await admin.close();
    }
  });

  it('serves liveness without touching dependencies, and answers unknown API routes with the error shape', async () => {
    expect((await t.request('GET', '/api/v1/health/live')).body).toEqual({ status: 'ok' });
    const missing = await t.request('GET', '/api/v1/no-such-route');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'NOT_FOUND', message: { vi: expect.any(String), en: expect.any(String) } });
    expect(missing.headers['x-request-id']).toEqual(missing.body.requestId);
    expect(missing.body.requestId).toMatch(/^[0-9a-f]{12}-[1-9][0-9]*$/);
    // Successful responses carry the id only when the caller sent one (it is in the request line either way).
    expect((await t.request('GET', '/api/v1/health/live')).headers['x-request-id']).toBeUndefined();
  });

  it('keeps a sane caller request id and refuses bad JSON with 400', async () => {
    const res = await t.request('GET', '/api/v1/health/live', { headers: { 'x-request-id': 'trace-123' } });
    expect(res.headers['x-request-id']).toBe('trace-123');
    const bad = await t.request('POST', '/api/v1/auth/login', { headers: { 'content-type': 'application/json' }, body: '{"broken":' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', message: { vi: expect.any(String), en: expect.any(String) } });
  });
});
