import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';

/**
 * Exam answers survive a crash of the api and the worker (kill -9, no shutdown hooks): the
 * BUILT api and worker run as their own processes on their own database and queue prefix,
 * several learners stream saves, both processes are killed mid-stream and started again.
 * Afterwards every save that was answered 200 is in the database, and every attempt whose
 * deadline passed while the worker was down is finished, with the deadline as its finish time.
 *
 * Real time, no fake clock: the exam window closes a few seconds after the starts, so the
 * deadline is the close and the deadline job fires 60 s (the server grace) after it.
 */
const root = path.resolve(__dirname, '../../..');
const LEARNERS = 6;
const ITEMS = 5;
/** Seconds from the starts to the window close (= every attempt's deadline). */
const DEADLINE_AFTER_S = 12;
const SERVER_GRACE_MS = 60_000;

interface Ack {
  attemptId: string;
  itemId: string;
  seq: number;
  answer: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

describe('durability: kill -9 of the api and the worker during an exam', () => {
  const suffix = `${process.pid}_${Date.now()}`;
  const database = `boiduong_durability_${suffix}`;
  const queuePrefix = `durability-${suffix}`;
  const logDir = path.join(process.env['E2E_ARTIFACTS'] ?? path.join(root, 'tmp/test-results/e2e-artifacts'), 'durability');
  const redisUrl = process.env['E2E_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
  let adminDb: Client;
  let db: Client;
  let dbUrl: string;
  let base: string;
  let env: Record<string, string>;
  const running: Record<'api' | 'worker', ChildProcess | null> = { api: null, worker: null };

  const spawnApp = (name: 'api' | 'worker') => {
    const fd = fs.openSync(path.join(logDir, `${name}.log`), 'a');
    const args = name === 'api' ? [path.join(root, 'dist/apps/api/main.js'), 'serve'] : [path.join(root, 'dist/apps/worker/main.js')];
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', fd, fd] });
    fs.closeSync(fd);
    running[name] = child;
    return child;
  };
  const kill9 = async (name: 'api' | 'worker') => {
    const child = running[name];
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    running[name] = null;
  };
  const healthy = async (timeoutMs = 120_000) => {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (running.api?.exitCode != null) throw new Error(`the api exited (${running.api.exitCode}); see ${logDir}/api.log`);
      const ok = await fetch(`${base}/api/v1/health/live`, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
      if (ok) return;
      await sleep(100);
    }
    throw new Error(`the api did not become healthy; see ${logDir}/api.log`);
  };
  async function call<T>(method: string, url: string, body?: unknown, token?: string): Promise<{ status: number; body: T }> {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  }
  async function ok<T>(method: string, url: string, body?: unknown, token?: string): Promise<T> {
    const res = await call<T>(method, url, body, token);
    if (res.status >= 300) throw new Error(`${method} ${url} -> ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }
  const login = async (username: string, password = 'BoiDuong@2025') => (await ok<{ accessToken: string }>('POST', '/api/v1/auth/login', { username, password })).accessToken;

  beforeAll(async () => {
    const e2eDb = process.env['E2E_DATABASE_URL'];
    if (!e2eDb) throw new Error('E2E_DATABASE_URL is not set: run through npm test');
    for (const bundle of ['dist/apps/api/main.js', 'dist/apps/worker/main.js']) {
      if (!fs.existsSync(path.join(root, bundle))) throw new Error(`${bundle} is missing: npm test builds it`);
    }
    fs.mkdirSync(logDir, { recursive: true });
    adminDb = new Client({ connectionString: e2eDb });
    await adminDb.connect();
    await adminDb.query(`CREATE DATABASE "${database}"`);
    const url = new URL(e2eDb);
    url.pathname = `/${database}`;
    dbUrl = url.toString();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    env = {
      PORT: String(port),
      DATABASE_URL: dbUrl,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: queuePrefix,
      DEMO_DATA: 'true',
      SERVE_WEB: 'false',
      LOG_LEVEL: 'warn',
      LOG_REQUESTS: 'false',
    };
    const migrate = spawnSync(process.execPath, [path.join(root, 'dist/apps/api/main.js'), 'migrate'], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
    if (migrate.status !== 0) throw new Error(`migrate failed: ${migrate.stderr || migrate.stdout}`);
    spawnApp('api');
    spawnApp('worker');
    await healthy();
    db = new Client({ connectionString: dbUrl });
    await db.connect();
  }, 240_000);

  afterAll(async () => {
    await Promise.all([kill9('api'), kill9('worker')]);
    await db?.end().catch(() => undefined);
    if (adminDb) {
      await adminDb.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => undefined);
      await adminDb.end();
    }
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    const keys = await redis.keys(`${queuePrefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it('keeps every acknowledged save and finishes every attempt at its deadline', async () => {
    // The exam, its items and the learners, through the API as an org admin and a lecturer would.
    const admin = await login('admin.hanoi');
    const lecturer = await login('giangvien');
    const [{ id: hanoi }] = (await db.query(`SELECT id FROM org_units WHERE code = 'HNI'`)).rows;
    const [{ id: badinh }] = (await db.query(`SELECT id FROM org_units WHERE code = 'HNI-BADINH'`)).rows;
    const program = await ok<{ id: string }>('POST', '/api/v1/programs', { code: 'DUR', name: 'Chương trình kiểm thử độ bền', family: 'basic', ownerOrgUnitId: hanoi, targetTitles: [], requiredHours: 8 }, admin);
    const course = await ok<{ id: string }>('POST', '/api/v1/courses', { programId: program.id, orgUnitId: hanoi, name: 'Lớp kiểm thử độ bền', mode: 'online', startsOn: '2026-01-01', endsOn: '2099-12-31', capacity: null, status: 'open' }, admin);
    const options = ['a', 'b', 'c', 'd'].map((id) => ({ id, text: `Phương án ${id.toUpperCase()}` }));
    for (let n = 1; n <= ITEMS; n++) {
      const item = await ok<{ id: string }>('POST', '/api/v1/items', { type: 'single_choice', stem: `Câu hỏi kiểm thử độ bền số ${n}?`, options, key: 'a', topic: 'Độ bền', level: 'recognition', ownerOrgUnitId: hanoi, source: { document: 'Điều lệ Đoàn TNCS Hồ Chí Minh' } }, lecturer);
      await ok('POST', `/api/v1/items/${item.id}/submit-review`, undefined, lecturer);
      await ok('POST', `/api/v1/items/${item.id}/approve`, undefined, admin);
    }
    // Learners share the demo password hash (hashing each would only slow the setup).
    const [{ password_hash: hash }] = (await db.query(`SELECT password_hash FROM users WHERE username = 'hocvien'`)).rows;
    const learnerIds: string[] = (
      await db.query(`INSERT INTO users (username, password_hash, full_name, org_unit_id) SELECT 'durable' || g, $1, 'Học viên ' || g, $2 FROM generate_series(1, $3) g RETURNING id`, [hash, badinh, LEARNERS])
    ).rows.map((r: { id: string }) => r.id);
    await db.query(`INSERT INTO role_grants (user_id, role, org_unit_id) SELECT unnest($1::uuid[]), 'learner', $2`, [learnerIds, badinh]);
    await ok('POST', `/api/v1/courses/${course.id}/enrollments`, { userIds: learnerIds }, admin);
    const tokens = await Promise.all(learnerIds.map((_, i) => login(`durable${i + 1}`)));
    const closesAt = new Date(Date.now() + DEADLINE_AFTER_S * 1000);
    const exam = await ok<{ id: string }>('POST', '/api/v1/exams', {
      courseId: course.id,
      title: 'Bài kiểm tra độ bền',
      blueprint: [{ topic: 'Độ bền', level: 'recognition', count: ITEMS, points: 2 }],
      timeLimitSeconds: 3600,
      opensAt: new Date(Date.now() - 60_000).toISOString(),
      closesAt: closesAt.toISOString(),
      passMark: 50,
    }, admin);
    const attempts = await Promise.all(
      tokens.map((token) => ok<{ attemptId: string; deadline: string; items: Array<{ itemId: string; options: Array<{ id: string }> }> }>('POST', `/api/v1/exams/${exam.id}/attempts`, undefined, token)),
    );
    for (const a of attempts) expect(new Date(a.deadline)).toEqual(closesAt);

    // Each learner streams saves (one in flight, as the player does) until a few seconds past the deadline.
    const acks: Ack[] = [];
    let failures = 0;
    let stop = false;
    let crashed = false;
    let acksAfterRestart = 0;
    const stream = async (token: string, attempt: (typeof attempts)[number]) => {
      let seq = 0;
      while (!stop) {
        const item = attempt.items[randomInt(attempt.items.length)];
        const answer = item.options[randomInt(item.options.length)].id;
        seq++;
        try {
          const res = await call<{ saved: string[] }>('PUT', `/api/v1/attempts/${attempt.attemptId}/responses`, { responses: [{ itemId: item.itemId, answer, seq }] }, token);
          if (res.status === 200 && res.body.saved.includes(item.itemId)) {
            acks.push({ attemptId: attempt.attemptId, itemId: item.itemId, seq, answer });
            if (crashed) acksAfterRestart++;
          } else if (res.status !== 200) {
            failures++;
          }
        } catch {
          // Connection refused or reset while the api is down: not acknowledged, try the next change.
          failures++;
          await sleep(50);
        }
      }
    };
    const streams = attempts.map((a, i) => stream(tokens[i], a));

    await sleep(3000);
    const acksBeforeCrash = acks.length;
    expect(acksBeforeCrash).toBeGreaterThan(0);
    // Both at once, mid-stream, no shutdown hooks.
    await Promise.all([kill9('api'), kill9('worker')]);
    crashed = true;
    await sleep(1000);
    spawnApp('api');
    await healthy();
    // The worker stays down until the deadline has passed.
    await sleep(Math.max(0, closesAt.getTime() + 2000 - Date.now()));
    spawnApp('worker');
    // Saves still count during the 60 s server grace.
    await sleep(Math.max(0, closesAt.getTime() + 5000 - Date.now()));
    stop = true;
    await Promise.all(streams);
    expect(failures).toBeGreaterThan(0);
    expect(acksAfterRestart).toBeGreaterThan(0);

    // Every acknowledged save is stored: the newest acknowledged sequence per item, or a newer
    // one whose 200 was lost in the crash.
    const stored = new Map<string, { seq: number; answer: string }>(
      (await db.query(`SELECT attempt_id, item_id, seq, answer FROM responses WHERE attempt_id = ANY($1::uuid[])`, [attempts.map((a) => a.attemptId)])).rows.map(
        (r: { attempt_id: string; item_id: string; seq: number; answer: string }) => [`${r.attempt_id}/${r.item_id}`, { seq: r.seq, answer: r.answer }],
      ),
    );
    const newest = new Map<string, Ack>();
    for (const ack of acks) {
      const key = `${ack.attemptId}/${ack.itemId}`;
      if ((newest.get(key)?.seq ?? -1) < ack.seq) newest.set(key, ack);
    }
    const lost = [...newest.entries()].filter(([key, ack]) => {
      const row = stored.get(key);
      return !row || row.seq < ack.seq || (row.seq === ack.seq && row.answer !== ack.answer);
    });
    expect(lost).toEqual([]);

    // The deadline jobs were queued before the crash and run once the worker is back: every
    // attempt ends at deadline + grace, recorded as finished at the deadline.
    const until = closesAt.getTime() + SERVER_GRACE_MS + 20_000;
    let rows: Array<{ id: string; status: string; finished_at: Date | null; score: string | null }> = [];
    while (Date.now() < until) {
      rows = (await db.query(`SELECT id, status, finished_at, score FROM attempts WHERE exam_id = $1`, [exam.id])).rows;
      if (rows.every((r) => r.status !== 'in_progress')) break;
      await sleep(500);
    }
    expect(rows).toHaveLength(LEARNERS);
    for (const row of rows) {
      expect(row).toMatchObject({ status: 'submitted', finished_at: closesAt });
      // Graded from the stored answers (key "a", 2 points each).
      const answered = [...stored.entries()].filter(([key, r]) => key.startsWith(`${row.id}/`) && r.answer === 'a').length;
      expect(Number(row.score)).toBe(answered * 2);
    }
  }, 240_000);
});
