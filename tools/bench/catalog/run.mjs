// Catalog benchmark: p95 latency of the catalog list (GET /api/v1/programs) and of a learner's
// course page (GET /api/v1/me/courses/:id) with 10,000 learners enrolled in one course, each with
// submissions of its assignments.
//
//   node tools/bench/catalog/run.mjs [--learners 10000] [--duration 10] [--warmup 3] [--connections 10] [--rounds 3]
//
// Builds the api, starts it (NODE_ENV=production, request logging on, as deployed) on a database
// of its own (boiduong_bench_catalog, emptied first), creates programs and one open national course
// through the API, seeds the learners and their enrollments (and some lesson progress) with SQL,
// then loads each endpoint with autocannon. The course page rotates over 50 signed-in learners.
// Baseline in the same run: a second course of the same program version, with the same learners
// and progress but no assignments; the routes are loaded in interleaved rounds and the overhead of
// assignments is the median of the per-round p95 ratios (page with / page without).
// p95 is computed from every response time (autocannon reports p90/p97.5, not p95). Prints a table
// to stderr and a JSON summary to stdout; exits 0 (1 on failure).

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { ensurePostgres, ensureRedis, freePort, onExit, ServiceError, stopAll, trackChild, waitForHttp } from '../../stack/services.mjs';
import { buildApps, runApiCommand } from '../../stack/platform.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const log = (/** @type {string} */ m) => process.stderr.write(`${m}\n`);
const TARGET_P95_MS = 50;

const { values: flags } = parseArgs({
  options: {
    learners: { type: 'string', default: '10000' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (flags.help) {
  process.stdout.write('Usage: node tools/bench/catalog/run.mjs [--learners N] [--duration S] [--warmup S] [--connections N] [--rounds N]\n');
  process.exit(0);
}
const int = (/** @type {string} */ name, /** @type {string} */ v, min = 1) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) {
    log(`--${name} must be an integer >= ${min}, not "${v}".`);
    process.exit(2);
  }
  return n;
};
const settings = {
  learners: int('learners', flags.learners, 50),
  durationSeconds: int('duration', flags.duration),
  warmupSeconds: int('warmup', flags.warmup, 0),
  connections: int('connections', flags.connections),
  rounds: int('rounds', flags.rounds),
};

/** @param {number[]} xs @param {number} q */
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};
const round = (/** @type {number} */ x, d = 1) => Number(x.toFixed(d));

/** @param {string} base @param {string} method @param {string} url @param {{ token?: string, body?: unknown }} [o] */
async function api(base, method, url, o = {}) {
  const res = await fetch(base + url, {
    method,
    headers: { 'content-type': 'application/json', ...(o.token ? { authorization: `Bearer ${o.token}` } : {}) },
    body: o.body === undefined ? undefined : JSON.stringify(o.body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new ServiceError(`${method} ${url} answered ${res.status}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

/**
 * Loads `path` for the duration, rotating over tokens; returns p50/p95/p99 from every response.
 * @param {string} base @param {string} route @param {string[]} tokens @param {number} seconds
 */
async function load(base, route, tokens, seconds) {
  let i = 0;
  /** @type {number[]} */
  const times = [];
  const instance = autocannon({
    url: base + route,
    connections: settings.connections,
    duration: seconds,
    requests: [{ setupRequest: (req) => ({ ...req, headers: { ...req.headers, authorization: `Bearer ${tokens[i++ % tokens.length]}` } }) }],
  });
  instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  const result = await instance;
  const failures = result.errors + result.timeouts + result.non2xx;
  if (failures > 0) throw new ServiceError(`${route}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx answers.`);
  return {
    requests: times.length,
    rps: round(result.requests.average, 0),
    p50Ms: round(quantile(times, 0.5)),
    p95Ms: round(quantile(times, 0.95)),
    p99Ms: round(quantile(times, 0.99)),
  };
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'boiduong-bench-catalog-'));
  onExit(() => fs.rmSync(work, { recursive: true, force: true }), { name: 'benchmark temp files' });
  buildApps({ root, projects: ['api'], log });
  const postgres = await ensurePostgres({ root, database: 'boiduong_bench_catalog', log });
  const redis = await ensureRedis({ root, log });
  const db = new pg.Client({ connectionString: postgres.url });
  await db.connect();
  await db.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');

  const admin = { username: 'bench.admin', password: randomBytes(12).toString('hex') };
  const env = {
    NODE_ENV: 'production',
    JWT_SECRET: randomBytes(32).toString('hex'),
    CERT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: 'boiduong-bench-catalog',
    SERVE_WEB: 'false',
    DEMO_DATA: 'false',
    LOG_LEVEL: 'info',
    BOOTSTRAP_ADMIN_USERNAME: admin.username,
    BOOTSTRAP_ADMIN_PASSWORD: admin.password,
    STORAGE_PATH: path.join(work, 'files'),
  };
  log(runApiCommand({ root, env, command: 'migrate' }));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const logFile = path.join(work, 'api.log');
  const fd = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, [path.join(root, 'dist/apps/api/main.js'), 'serve'], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', fd, fd],
  });
  fs.closeSync(fd);
  trackChild(child, { name: 'api', graceMs: 8000 });
  await waitForHttp(`${base}/api/v1/health/live`, { timeoutMs: 60_000, process: child });

  // Content through the API: a province, programs across families, one national course.
  const rootToken = (await api(base, 'POST', '/api/v1/auth/login', { body: admin })).accessToken;
  const [{ id: centralId }] = (await db.query(`SELECT id FROM org_units WHERE parent_id IS NULL`)).rows;
  const province = await api(base, 'POST', '/api/v1/org-units', { token: rootToken, body: { code: 'BENCH', name: 'Tỉnh đoàn Thử nghiệm', type: 'province', parentId: centralId } });
  const families = ['title', 'basic', 'specialty', 'innovation', 'leadership', 'lecturer'];
  /** @type {string[]} */
  const programIds = [];
  for (let i = 0; i < 60; i++) {
    const p = await api(base, 'POST', '/api/v1/programs', {
      token: rootToken,
      body: {
        code: `BENCH-${i}`,
        name: `Chương trình bồi dưỡng số ${i}`,
        family: families[i % families.length],
        ownerOrgUnitId: i % 3 === 0 ? province.id : centralId,
        targetTitles: ['secretary.commune'],
        requiredHours: 16,
      },
    });
    programIds.push(p.id);
  }
  /** @type {string[]} */
  const lessonIds = [];
  for (let m = 1; m <= 8; m++) {
    const mod = await api(base, 'POST', `/api/v1/programs/${programIds[1]}/modules`, { token: rootToken, body: { title: `Chuyên đề ${m}` } });
    for (let l = 1; l <= 3; l++) {
      const lesson = await api(base, 'POST', `/api/v1/modules/${mod.id}/lessons`, {
        token: rootToken,
        body: { title: `Bài ${m}.${l}`, kind: 'text', bodyHtml: `<p>Nội dung bài ${m}.${l}</p>`.repeat(20) },
      });
      lessonIds.push(lesson.id);
    }
  }
  const course = await api(base, 'POST', '/api/v1/courses', {
    token: rootToken,
    body: { programId: programIds[1], orgUnitId: centralId, name: 'Lớp trực tuyến toàn quốc', mode: 'online', startsOn: '2026-12-01', endsOn: '2026-12-10', capacity: null, status: 'open', selfEnrollment: true },
  });
  // The baseline: the same program version, learners and progress, without assignments.
  const bare = await api(base, 'POST', '/api/v1/courses', {
    token: rootToken,
    body: { programId: programIds[1], orgUnitId: centralId, name: 'Lớp trực tuyến không có bài thu hoạch', mode: 'online', startsOn: '2026-12-01', endsOn: '2026-12-10', capacity: null, status: 'open', selfEnrollment: true },
  });
  // Three assignments (bài thu hoạch), two of them required; every learner hands in the first two (seeded below).
  /** @type {string[]} */
  const assignmentIds = [];
  for (let a = 1; a <= 3; a++) {
    const created = await api(base, 'POST', `/api/v1/courses/${course.id}/assignments`, {
      token: rootToken,
      body: { title: `Thu hoạch ${a}`, instructionsHtml: '<p>Khảo sát thực tế tại cơ sở.</p>'.repeat(5), submissionKind: 'both', maxPoints: 10, required: a < 3 },
    });
    assignmentIds.push(created.id);
  }
  // One learner through the API gives a valid password hash for the seeded ones.
  const password = `Bench-${randomBytes(6).toString('hex')}`;
  const first = await api(base, 'POST', '/api/v1/users', {
    token: rootToken,
    body: { username: 'learner.00000', password, fullName: 'Học viên 0', orgUnitId: province.id, roles: [{ role: 'learner', orgUnitId: province.id }] },
  });

  log(`Seeding ${settings.learners} learners enrolled in the course…`);
  const t0 = Date.now();
  await db.query('BEGIN');
  await db.query(
    `INSERT INTO users (username, password_hash, full_name, org_unit_id)
     SELECT 'learner.' || lpad(g::text, 5, '0'), (SELECT password_hash FROM users WHERE id = $1), 'Học viên ' || g, $2
       FROM generate_series(1, $3 - 1) g`,
    [first.id, province.id, settings.learners],
  );
  await db.query(
    `INSERT INTO role_grants (user_id, role, org_unit_id) SELECT id, 'learner', $1 FROM users WHERE username LIKE 'learner.%' AND id <> $2`,
    [province.id, first.id],
  );
  for (const courseId of [course.id, bare.id]) {
    await db.query(
      `INSERT INTO enrollments (course_id, user_id, status, status_changed_at) SELECT $1, id, 'enrolled', now() FROM users WHERE username LIKE 'learner.%'`,
      [courseId],
    );
    // Every learner has opened some lessons and completed a few (the same ones in both courses).
    await db.query(
      `INSERT INTO lesson_progress (enrollment_id, lesson_id, opened_at, completed_at, video_watched_share)
       SELECT e.id, l.id, now(), CASE WHEN l.n % 2 = 0 THEN now() END, 0.5
         FROM enrollments e CROSS JOIN (SELECT id, row_number() OVER () AS n FROM unnest($2::uuid[]) id) l
        WHERE e.course_id = $1 AND (hashtext(e.user_id::text || l.id::text) & 3) = 0`,
      [courseId, lessonIds],
    );
  }
  // Each learner's submission of the first two assignments, a third of them graded with a comment.
  await db.query(
    `INSERT INTO assignment_submissions (assignment_id, user_id, text_body, submitted_at, status, score, passed, comment, graded_at)
     SELECT a, e.user_id, repeat('Báo cáo khảo sát. ', 40), now(),
            CASE WHEN hashtext(e.user_id::text) % 3 = 0 THEN 'graded' ELSE 'submitted' END,
            CASE WHEN hashtext(e.user_id::text) % 3 = 0 THEN 8 END, CASE WHEN hashtext(e.user_id::text) % 3 = 0 THEN true END,
            CASE WHEN hashtext(e.user_id::text) % 3 = 0 THEN 'Đạt yêu cầu.' END, CASE WHEN hashtext(e.user_id::text) % 3 = 0 THEN now() END
       FROM enrollments e CROSS JOIN unnest($2::uuid[]) a WHERE e.course_id = $1`,
    [course.id, assignmentIds.slice(0, 2)],
  );
  await db.query('COMMIT');
  await db.query('ANALYZE');
  const counts = (await db.query(`SELECT (SELECT count(*) FROM enrollments)::int AS enrollments, (SELECT count(*) FROM lesson_progress)::int AS progress, (SELECT count(*) FROM assignment_submissions)::int AS submissions, (SELECT count(*) FROM programs)::int AS programs`)).rows[0];
  log(`Seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${JSON.stringify(counts)}`);

  /** @type {string[]} */
  const tokens = [];
  for (let i = 0; i < 50; i++) {
    const username = `learner.${String(Math.floor((i * settings.learners) / 50)).padStart(5, '0')}`;
    tokens.push((await api(base, 'POST', '/api/v1/auth/login', { body: { username, password } })).accessToken);
  }
  const page = await api(base, 'GET', `/api/v1/me/courses/${course.id}`, { token: tokens[1] });
  if (page.modules.length !== 8) throw new ServiceError('the learner course page does not show the eight modules');
  if (page.assignments?.length !== 3) throw new ServiceError('the learner course page does not show the three assignments');
  const list = await api(base, 'GET', '/api/v1/programs', { token: tokens[0] });
  log(`Catalog list for a learner: ${list.length} programs; course page: ${page.modules.length} modules, ${page.lessonsTotal} lessons, ${page.assignments.length} assignments.`);

  /** @type {Record<string, any>} */
  const results = {};
  const routes = [
    ['catalogList', '/api/v1/programs'],
    ['catalogSearch', '/api/v1/programs?family=title&q=chuong trinh'],
    ['learnerCoursePage', `/api/v1/me/courses/${course.id}`],
    ['coursePageBaseline', `/api/v1/me/courses/${bare.id}`],
  ];
  const median = (/** @type {number[]} */ xs) => quantile(xs, 0.5);
  const loadBefore = os.loadavg();
  /** @type {Record<string, any[]>} */
  const rounds = Object.fromEntries(routes.map(([key]) => [key, []]));
  for (let r = 0; r < settings.rounds; r++) {
    for (const [key, route] of routes) {
      if (settings.warmupSeconds && r === 0) await load(base, route, tokens, settings.warmupSeconds);
      const m = await load(base, route, tokens, settings.durationSeconds);
      rounds[key].push(m);
      log(`round ${r + 1} ${key.padEnd(18)} p50 ${m.p50Ms} ms  p95 ${m.p95Ms} ms  p99 ${m.p99Ms} ms  ${m.rps} req/s`);
    }
  }
  for (const [key, route] of routes) {
    const rs = rounds[key];
    results[key] = {
      route,
      p50Ms: median(rs.map((m) => m.p50Ms)),
      p95Ms: median(rs.map((m) => m.p95Ms)),
      p99Ms: median(rs.map((m) => m.p99Ms)),
      rps: median(rs.map((m) => m.rps)),
      roundsP95Ms: rs.map((m) => m.p95Ms),
    };
    results[key].meetsTarget = results[key].p95Ms < TARGET_P95_MS;
    log(`${key.padEnd(18)} ${route.padEnd(52)} median of ${rs.length}: p50 ${results[key].p50Ms} ms  p95 ${results[key].p95Ms} ms  p99 ${results[key].p99Ms} ms  ${results[key].rps} req/s`);
  }
  const ratios = rounds.learnerCoursePage.map((m, i) => m.p95Ms / rounds.coursePageBaseline[i].p95Ms);
  const assignmentsOverhead = { medianP95Ratio: Number(median(ratios).toFixed(2)), roundRatios: ratios.map((x) => Number(x.toFixed(2))) };
  const loadAfter = os.loadavg();
  log(`Course page p95 with / without assignments: median ratio ${assignmentsOverhead.medianP95Ratio} (rounds ${assignmentsOverhead.roundRatios.join(', ')}); load average ${loadBefore[0].toFixed(1)} -> ${loadAfter[0].toFixed(1)}`);
  const require = createRequire(import.meta.url);
  process.stdout.write(
    `${JSON.stringify(
      {
        benchmark: 'catalog',
        date: new Date().toISOString(),
        machine: { loadAverage1m: { before: loadBefore[0], after: loadAfter[0] }, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model?.trim(), node: process.version, autocannon: require('autocannon/package.json').version, loadGeneratorSharesMachine: true },
        settings,
        data: counts,
        targetP95Ms: TARGET_P95_MS,
        results,
        assignmentsOverhead,
      },
      null,
      2,
    )}\n`,
  );
  await db.end();
  await stopAll();
}

main()
  .then(() => process.exit(0))
  .catch(async (error) => {
    log(error instanceof ServiceError ? `${error.message}${error.hint ? `\n${error.hint}` : ''}` : String(error?.stack ?? error));
    await stopAll();
    process.exit(1);
  });
