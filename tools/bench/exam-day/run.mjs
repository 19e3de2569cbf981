// Exam-day simulation: a province's examinees take one timed exam on the built api and worker.
//
//   node tools/bench/exam-day/run.mjs [--scale 1] [--minutes 5] [--no-submit 0.02]
//        [--sign-in token|api] [--login-concurrency 8]
//
// 5,000 x scale examinees, all signed in before the clock starts (their tokens are ready when
// the window opens): `--sign-in token` (default) issues their access tokens with the api's key
// and claims as the login route would (sign-in is measured by tools/bench/login; on exam day
// cadres are signed in from the days before); `--sign-in api` logs every one in through
// POST /api/v1/auth/login, `--login-concurrency` at a time. Starts are spread at random over the first 60 s, each examinee saves one
// answer every 30 s (one request in flight, as the web player does) and submits at a random
// moment of the last minute; a `--no-submit` share never submits, so the deadline job finishes
// their attempts. The window closes `--minutes` after it opens, which is every attempt's deadline.
// Reported: p50/p99 latency of every request (and per kind), errors (any non-2xx or network
// failure), lost answers (acknowledged saves missing from the database afterwards), and the time
// from the close until every attempt is graded. Targets: p99 < 300 ms, zero errors, zero lost
// answers, every attempt graded within 2 minutes of the close.

import { randomBytes } from 'node:crypto';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { decodeJwt, SignJWT } from 'jose';
import pg from 'pg';
import { ensurePostgres, ensureRedis, freePort, onExit, stopAll } from '../../stack/services.mjs';
import { buildApps, startPlatform } from '../../stack/platform.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const log = (m) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${m}\n`);
const { values: flags } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    minutes: { type: 'string', default: '5' },
    'no-submit': { type: 'string', default: '0.02' },
    'login-concurrency': { type: 'string', default: '8' },
    'sign-in': { type: 'string', default: 'token' },
  },
});
if (!['token', 'api'].includes(flags['sign-in'])) throw new Error('--sign-in must be token or api');
// The api's signing key for this run: known here so examinees can be signed in with tokens
// minted the way the api mints them (see setup).
const JWT_SECRET = randomBytes(32).toString('hex');
const EXAMINEES = Math.max(1, Math.round(5000 * Number(flags.scale)));
const MINUTES = Number(flags.minutes);
const NO_SUBMIT = Number(flags['no-submit']);
const START_SPREAD_MS = 60_000;
const SAVE_EVERY_MS = 30_000;
const SUBMIT_WINDOW_MS = 60_000;
const ITEMS = 20;
const FORM = 10;
const TARGET = { p99Ms: 300, gradedWithinMs: 120_000 };
const DEMO_PASSWORD = 'BoiDuong@2025';
if (!(MINUTES >= 3)) throw new Error('--minutes must be at least 3 (starts take the first minute, submits the last)');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
const pick = (xs) => xs[Math.floor(Math.random() * xs.length)];
const quantile = (sorted, q) => (sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]) : 0);

let agent;
let target;
/** One request; resolves { status, body, ms } or { status: 0 } on a network failure. */
function request(method, url, body, headers = {}) {
  return new Promise((resolve) => {
    // Strings are sent as they are (the save bodies are built by one template, see examinee()).
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const started = performance.now();
    const req = http.request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        method,
        path: url,
        headers: { ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }), ...headers },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            parsed = text;
          }
          resolve({ status: res.statusCode, body: parsed, ms: performance.now() - started });
        });
      },
    );
    req.on('error', (error) => resolve({ status: 0, body: String(error), ms: performance.now() - started }));
    req.end(payload);
  });
}

async function ok(method, url, body, token, extra = {}) {
  const res = await request(method, url, body, { ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra });
  if (res.status < 200 || res.status >= 300) throw new Error(`${method} ${url} -> ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  return res.body;
}

async function setup(dbUrl) {
  const login = async (username, n = 0) =>
    (await ok('POST', '/api/v1/auth/login', { username, password: DEMO_PASSWORD }, undefined, { 'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` })).accessToken;
  const admin = await login('admin.hanoi');
  const lecturer = await login('giangvien');
  const db = new pg.Client({ connectionString: dbUrl });
  await db.connect();
  const [{ id: hanoi }] = (await db.query(`SELECT id FROM org_units WHERE code = 'HNI'`)).rows;
  const [{ id: badinh }] = (await db.query(`SELECT id FROM org_units WHERE code = 'HNI-BADINH'`)).rows;
  const program = await ok('POST', '/api/v1/programs', { code: 'EXAMDAY', name: 'Chương trình mô phỏng ngày thi', family: 'basic', ownerOrgUnitId: hanoi, targetTitles: [], requiredHours: 8 }, admin);
  const course = await ok('POST', '/api/v1/courses', { programId: program.id, orgUnitId: hanoi, name: 'Lớp mô phỏng ngày thi', mode: 'online', startsOn: '2026-01-01', endsOn: '2099-12-31', capacity: null, status: 'open' }, admin);
  const options = ['a', 'b', 'c', 'd'].map((id) => ({ id, text: `Phương án ${id.toUpperCase()}` }));
  for (let n = 1; n <= ITEMS; n++) {
    const item = await ok('POST', '/api/v1/items', { type: 'single_choice', stem: `Câu hỏi mô phỏng ngày thi số ${n} về công tác Đoàn?`, options, key: 'a', topic: 'Ngày thi', level: 'recognition', ownerOrgUnitId: hanoi, source: { document: 'Điều lệ Đoàn TNCS Hồ Chí Minh' } }, lecturer);
    await ok('POST', `/api/v1/items/${item.id}/submit-review`, undefined, lecturer);
    await ok('POST', `/api/v1/items/${item.id}/approve`, undefined, admin);
  }
  // Examinees share the demo password hash (hashing 5,000 passwords would only slow the setup).
  const [{ password_hash: hash }] = (await db.query(`SELECT password_hash FROM users WHERE username = 'hocvien'`)).rows;
  const ids = (await db.query(
    `INSERT INTO users (username, password_hash, full_name, org_unit_id) SELECT 'examday' || g, $1, 'Thí sinh ' || g, $2 FROM generate_series(1, $3) g RETURNING id, username`,
    [hash, badinh, EXAMINEES],
  )).rows.sort((a, b) => Number(a.username.slice(7)) - Number(b.username.slice(7))).map((r) => r.id);
  await db.query(`INSERT INTO role_grants (user_id, role, org_unit_id) SELECT unnest($1::uuid[]), 'learner', $2`, [ids, badinh]);
  await db.end();
  for (let i = 0; i < ids.length; i += 5000) await ok('POST', `/api/v1/courses/${course.id}/enrollments`, { userIds: ids.slice(i, i + 5000) }, admin);
  log(`Signing in ${EXAMINEES} examinees (before the clock starts, --sign-in ${flags['sign-in']})...`);
  const tokens = new Array(EXAMINEES);
  let next = 0;
  const signedInAt = Date.now();
  if (flags['sign-in'] === 'token') {
    // Examinees sign in on the days before (their refresh tokens last 30 days), so the sign-in
    // route (argon2, measured by tools/bench/login) is no part of exam day. The first examinee
    // signs in through the api; the others get the access token the api would have issued them:
    // the same claims (their own id and username, the same learner grant), issuer, audience,
    // HS256 key, and a lifetime that covers the run. Every request still verifies it in full.
    const first = decodeJwt(await login('examday1', 1));
    const key = new TextEncoder().encode(JWT_SECRET);
    const lifetime = `${MINUTES * 60 + 900}s`;
    for (let i = 0; i < EXAMINEES; i++) {
      tokens[i] = await new SignJWT({ username: `examday${i + 1}`, grants: first.grants })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(ids[i])
        .setIssuer(first.iss)
        .setAudience(first.aud)
        .setIssuedAt()
        .setExpirationTime(lifetime)
        .sign(key);
    }
    next = EXAMINEES;
  }
  await Promise.all(
    Array.from({ length: Number(flags['login-concurrency']) }, async () => {
      while (next < EXAMINEES) {
        const i = next++;
        tokens[i] = await login(`examday${i + 1}`, i + 1);
      }
    }),
  );
  log(`Signed in ${EXAMINEES} in ${((Date.now() - signedInAt) / 1000).toFixed(1)} s`);
  return { admin, courseId: course.id, tokens };
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'boiduong-exam-day-'));
  onExit(() => fs.rmSync(work, { recursive: true, force: true }), { name: 'benchmark temp files' });
  buildApps({ root, projects: ['api', 'worker'], log });
  const database = `boiduong_bench_examday_${process.pid}`;
  const postgres = await ensurePostgres({ root, database, log });
  const redis = await ensureRedis({ root, log });
  onExit(async () => {
    const c = new pg.Client({ connectionString: postgres.adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => undefined);
    await c.end();
  }, { name: 'benchmark database' });
  const port = await freePort();
  const platform = await startPlatform({
    root,
    port,
    logDir: work,
    log,
    env: { DATABASE_URL: postgres.url, REDIS_URL: redis.url, QUEUE_PREFIX: `bench-examday-${process.pid}`, DEMO_DATA: 'true', SERVE_WEB: 'false', LOG_LEVEL: 'warn', LOG_REQUESTS: 'false', TRUST_PROXY: 'true', JWT_SECRET },
  });
  target = new URL(platform.url);
  agent = new http.Agent({ keepAlive: true, maxSockets: 2048 });
  const { admin, courseId, tokens } = await setup(postgres.url);

  // The clock starts: the window opens now and closes MINUTES later (every attempt's deadline).
  const opensAt = Date.now() + 2000;
  const closesAt = opensAt + MINUTES * 60_000;
  const exam = await ok('POST', '/api/v1/exams', {
    courseId,
    title: 'Bài thi mô phỏng ngày thi',
    blueprint: [{ topic: 'Ngày thi', level: 'recognition', count: FORM, points: 1 }],
    timeLimitSeconds: MINUTES * 60 + 60,
    opensAt: new Date(opensAt).toISOString(),
    closesAt: new Date(closesAt).toISOString(),
    passMark: 50,
  }, admin);
  log(`Exam open ${new Date(opensAt).toISOString()} to ${new Date(closesAt).toISOString()}: ${EXAMINEES} examinees`);

  const latencies = { start: [], save: [], submit: [] };
  const errors = { start: 0, save: 0, submit: 0 };
  const errorSamples = [];
  const acks = new Map(); // attemptId/itemId -> { seq, answer } newest acknowledged
  let saves = 0;
  const record = (kind, res) => {
    latencies[kind].push(res.ms);
    if (res.status < 200 || res.status >= 300) {
      errors[kind]++;
      if (errorSamples.length < 10) errorSamples.push({ kind, status: res.status, body: JSON.stringify(res.body).slice(0, 200) });
      return false;
    }
    return true;
  };
  const examinee = async (i) => {
    const auth = { authorization: `Bearer ${tokens[i]}`, 'x-device-id': `examday-device-${i + 1}` };
    await sleep(opensAt + Math.random() * START_SPREAD_MS - Date.now());
    const started = await request('POST', `/api/v1/exams/${exam.id}/attempts`, undefined, auth);
    if (!record('start', started)) return;
    const attempt = started.body;
    const savePath = `/api/v1/attempts/${attempt.attemptId}/responses`;
    const submits = Math.random() >= NO_SUBMIT;
    const submitAt = closesAt - 5000 - Math.random() * (SUBMIT_WINDOW_MS - 5000);
    const stopSavingAt = submits ? submitAt : closesAt - 2000;
    let seq = 0;
    for (let at = Date.now() + Math.random() * SAVE_EVERY_MS; at < stopSavingAt; at += SAVE_EVERY_MS) {
      await sleep(at - Date.now());
      const item = pick(attempt.items);
      const answer = pick(item.options).id;
      seq++;
      const res = await request('PUT', savePath, `{"responses":[{"itemId":"${item.itemId}","answer":"${answer}","seq":${seq}}]}`, auth);
      saves++;
      if (record('save', res) && res.body.saved.includes(item.itemId)) acks.set(`${attempt.attemptId}/${item.itemId}`, { seq, answer });
    }
    if (!submits) return;
    await sleep(submitAt - Date.now());
    record('submit', await request('POST', `/api/v1/attempts/${attempt.attemptId}/submit`, undefined, auth));
  };
  const loads = [];
  const progress = setInterval(() => {
    loads.push(os.loadavg()[0]);
    log(`  ${latencies.start.length} started, ${saves} saves, ${latencies.submit.length} submitted, errors ${JSON.stringify(errors)}, load average ${os.loadavg()[0].toFixed(1)}`);
  }, 30_000);
  await Promise.all(Array.from({ length: EXAMINEES }, (_, i) => examinee(i)));
  clearInterval(progress);

  // After the close: every attempt graded (submitted ones at submit, the rest by the deadline job).
  const db = new pg.Client({ connectionString: postgres.url });
  await db.connect();
  let gradedAfterCloseMs = null;
  let state;
  while (Date.now() < closesAt + 300_000) {
    [state] = (await db.query(
      `SELECT count(*)::int AS attempts, count(*) FILTER (WHERE status = 'submitted' AND score IS NOT NULL)::int AS graded,
              count(*) FILTER (WHERE status = 'submitted' AND finished_at = deadline)::int AS finished_at_deadline
         FROM attempts WHERE exam_id = $1`,
      [exam.id],
    )).rows;
    if (state.graded === state.attempts) {
      gradedAfterCloseMs = Math.max(0, Date.now() - closesAt);
      break;
    }
    await sleep(1000);
  }
  const stored = new Map(
    (await db.query(`SELECT r.attempt_id, r.item_id, r.seq, r.answer FROM responses r JOIN attempts a ON a.id = r.attempt_id WHERE a.exam_id = $1`, [exam.id])).rows.map((r) => [
      `${r.attempt_id}/${r.item_id}`,
      r,
    ]),
  );
  await db.end();
  let lost = 0;
  for (const [key, ack] of acks) {
    const row = stored.get(key);
    if (!row || row.seq < ack.seq || (row.seq === ack.seq && row.answer !== ack.answer)) lost++;
  }
  const all = [...latencies.start, ...latencies.save, ...latencies.submit].sort((a, b) => a - b);
  const per = Object.fromEntries(
    Object.entries(latencies).map(([kind, xs]) => {
      const sorted = [...xs].sort((a, b) => a - b);
      return [kind, { requests: xs.length, p50Ms: quantile(sorted, 0.5), p99Ms: quantile(sorted, 0.99), maxMs: quantile(sorted, 1), errors: errors[kind] }];
    }),
  );
  const totalErrors = errors.start + errors.save + errors.submit;
  const summary = {
    machine: `${os.cpus().length} cores, Node ${process.version}, load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`,
    loadAverageDuringRun: loads.map((l) => Math.round(l * 10) / 10),
    examinees: EXAMINEES,
    minutes: MINUTES,
    requests: all.length,
    p50Ms: quantile(all, 0.5),
    p99Ms: quantile(all, 0.99),
    perKind: per,
    errors: totalErrors,
    errorSamples,
    acknowledgedAnswers: acks.size,
    lostAnswers: lost,
    attempts: state,
    gradedAfterCloseSeconds: gradedAfterCloseMs === null ? null : Math.round(gradedAfterCloseMs / 100) / 10,
    targets: TARGET,
    meetsTargets: quantile(all, 0.99) < TARGET.p99Ms && totalErrors === 0 && lost === 0 && gradedAfterCloseMs !== null && gradedAfterCloseMs <= TARGET.gradedWithinMs,
  };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  agent.destroy();
  await platform.stop();
  await stopAll();
}

main().catch(async (error) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  await stopAll();
  process.exitCode = 1;
});
