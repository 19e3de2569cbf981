// Certificate benchmark against the running platform (built api + one worker process):
//
//   node tools/bench/certificates/platform.mjs [--certificates 10000] [--baseline 500]
//       [--probe-rate 20] [--window 10] [--verify-rounds 3] [--verify-duration 8] [--connections 20]
//
// 1. Issuance through the real job: seeds one course with N completed enrollments (one learner
//    each, issuer signer configured) and their `queued` candidates, queues N automatic
//    `issue-certificate` jobs (job id `certificate-<enrollmentId>`), and times the one worker
//    process until every candidate is `issued` (record, registry number, signature, credential,
//    PDF and its hash; the book is checked to hold exactly 1..N). Baseline in the same run: the
//    same PDF rendered by the same renderer in a tight loop (`--baseline` documents, before and
//    after the issuance). Meanwhile a light api route (`GET /api/v1/health`, which asks PostgreSQL
//    and Redis) is probed at a fixed rate; its p99 is compared with the same probe before.
// 2. Public verification: `GET /api/v1/public/certificates/<code>` against `GET
//    /api/v1/health/live` of the same api, autocannon, interleaved rounds, median ratio.
//
// Prints progress to stderr and a JSON summary to stdout; exits 0 (1 on failure).

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import * as esbuild from 'esbuild';
import { ensurePostgres, ensureRedis, freePort, onExit, recreateDatabase, trackChild, waitForHttp } from '../../stack/services.mjs';
import { buildApps, runApiCommand } from '../../stack/platform.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const require = createRequire(import.meta.url);
const log = (/** @type {string} */ m) => process.stderr.write(`${m}\n`);

const { values: flags } = parseArgs({
  options: {
    certificates: { type: 'string', default: '10000' },
    baseline: { type: 'string', default: '500' },
    'probe-rate': { type: 'string', default: '20' },
    window: { type: 'string', default: '10' },
    'verify-rounds': { type: 'string', default: '3' },
    'verify-duration': { type: 'string', default: '8' },
    connections: { type: 'string', default: '20' },
  },
});
const int = (/** @type {string} */ name) => {
  const n = Number(/** @type {any} */ (flags)[name]);
  if (!Number.isInteger(n) || n < 1) {
    log(`--${name} must be a positive integer`);
    process.exit(2);
  }
  return n;
};
const settings = {
  certificates: int('certificates'),
  baseline: int('baseline'),
  probeRate: int('probe-rate'),
  windowSeconds: int('window'),
  verifyRounds: int('verify-rounds'),
  verifyDuration: int('verify-duration'),
  connections: int('connections'),
};

const median = (/** @type {number[]} */ xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (/** @type {number} */ x, d = 1) => Number(x.toFixed(d));
const loadAverage = () => os.loadavg().map((x) => round(x, 2));

/** The PDF renderer and printed fields, bundled from the library (same code the worker runs). */
async function loadRenderer() {
  fs.mkdirSync(path.join(root, 'tmp'), { recursive: true });
  const outfile = path.join(fs.mkdtempSync(path.join(root, 'tmp', 'bench-cert-pdf-')), 'pdf.cjs');
  await esbuild.build({
    stdin: {
      contents: `export { renderCertificatePdf } from './libs/api/certification/src/lib/pdf/certificate-pdf.ts';`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    tsconfig: path.join(root, 'tsconfig.base.json'),
    outfile,
    logLevel: 'error',
  });
  return require(outfile);
}

/** Renders the same document `n` times in a row; ms per PDF. */
async function tightLoop(render, fields, verifyUrl, n) {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await render(fields, verifyUrl);
  return (performance.now() - t0) / n;
}

/** The light route at a fixed rate for `seconds`: latency percentiles (ms). */
async function probe(url, rate, seconds) {
  const result = await autocannon({ url: `${url}/api/v1/health`, connections: 2, overallRate: rate, duration: seconds });
  return { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max, requests: result.requests.total, failures: result.errors + result.timeouts + result.non2xx };
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'boiduong-cert-bench-'));
  onExit(() => fs.rmSync(work, { recursive: true, force: true }), { name: 'benchmark temp files' });
  buildApps({ root, projects: ['api', 'worker'], log });
  const database = 'boiduong_bench_cert_job';
  const postgres = await ensurePostgres({ root, database, log });
  const redis = await ensureRedis({ root, log });
  const pg = require('pg');
  await recreateDatabase(postgres.adminUrl, database);
  const prefix = `boiduong-bench-cert-${randomBytes(3).toString('hex')}`;
  const env = {
    NODE_ENV: 'production',
    // The benchmark is one client address measuring throughput, not the per-address limit.
    VERIFY_RATE_PER_IP_MAX: '10000000',
    JWT_SECRET: randomBytes(32).toString('hex'),
    CERT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: prefix,
    SERVE_WEB: 'false',
    DEMO_DATA: 'false',
    LOG_LEVEL: 'warn',
    LOG_REQUESTS: 'false',
    PUBLIC_BASE_URL: 'https://boiduong.example.vn',
    BOOTSTRAP_ADMIN_USERNAME: 'bench.admin',
    BOOTSTRAP_ADMIN_PASSWORD: 'Bench-admin-password-1',
  };
  log(runApiCommand({ root, env, command: 'migrate' }));
  log(runApiCommand({ root, env, command: 'bootstrap' }));

  const n = settings.certificates;
  const db = new pg.Client({ connectionString: postgres.url });
  await db.connect();
  log(`seeding ${n} completed enrollments…`);
  const [unit] = (await db.query(`SELECT id, code FROM org_units WHERE parent_id IS NULL LIMIT 1`)).rows;
  await db.query(`INSERT INTO certificate_issuers (unit_id, signer_name, signer_title, issued_place) VALUES ($1, 'Trần Quốc Việt', 'PHÓ BÍ THƯ', 'Hà Nội')`, [unit.id]);
  const [program] = (
    await db.query(
      `INSERT INTO programs (code, name, family, content_group, owner_org_unit_id) VALUES ('BT-XA', 'Bồi dưỡng Bí thư Đoàn xã, phường, đặc khu', 'title', 'political_theory', $1) RETURNING id`,
      [unit.id],
    )
  ).rows;
  const [version] = (
    await db.query(
      `INSERT INTO program_versions (program_id, version, name, target_titles, required_hours, learning_outcomes, certificate_policy, locked_at)
       VALUES ($1, 1, 'Bồi dưỡng Bí thư Đoàn xã, phường, đặc khu', '["secretary.commune"]', 40, '[]', '{"minAttendanceShare":1,"minLessonShare":1,"passMark":50}', now()) RETURNING id`,
      [program.id],
    )
  ).rows;
  const [course] = (
    await db.query(
      `INSERT INTO courses (program_id, program_version_id, org_unit_id, name, mode, status, starts_on, ends_on)
       VALUES ($1, $2, $3, 'Lớp Bí thư Đoàn xã 2026', 'in_person', 'closed', '2026-03-02', '2026-03-11') RETURNING id`,
      [program.id, version.id, unit.id],
    )
  ).rows;
  await db.query(`INSERT INTO course_sessions (course_id, title, starts_at, ends_at) VALUES ($1, 'Khai giảng', '2026-03-02T01:00:00Z', '2026-03-02T04:00:00Z')`, [course.id]);
  await db.query(
    `WITH made AS (
       INSERT INTO users (username, password_hash, full_name, org_unit_id, date_of_birth)
       SELECT 'bench.learner.' || g, 'x', 'Nguyễn Thị Ánh Tuyết ' || g, $2, '1998-03-07' FROM generate_series(1, $1) g RETURNING id),
     enrolled AS (
       INSERT INTO enrollments (course_id, user_id, status, status_changed_at, sessions_attended, completed_at)
       SELECT $3, id, 'enrolled', now(), 1, now() FROM made RETURNING id, user_id)
     INSERT INTO certificate_candidates (enrollment_id, course_id, user_id, status) SELECT id, $3, user_id, 'queued' FROM enrolled`,
    [n, unit.id, course.id],
  );
  const enrollmentIds = (await db.query(`SELECT enrollment_id FROM certificate_candidates ORDER BY enrollment_id`)).rows.map((r) => r.enrollment_id);

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const start = (name, args) => {
    const fd = fs.openSync(path.join(work, `${name}.log`), 'a');
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', fd, fd] });
    fs.closeSync(fd);
    trackChild(child, { name, graceMs: 8000 });
    return child;
  };
  const api = start('api', [path.join(root, 'dist/apps/api/main.js'), 'serve']);
  await waitForHttp(`${url}/api/v1/health`, { timeoutMs: 240_000, process: api });
  const worker = start('worker', [path.join(root, 'dist/apps/worker/main.js')]);

  const { renderCertificatePdf } = await loadRenderer();
  // Printed fields of a typical certificate (the renderer's cost does not depend on the values).
  const sampleFields = {
    code: 'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z',
    certificateName: 'CHỨNG CHỈ BỒI DƯỠNG',
    issuerName: 'Trung ương Đoàn',
    holderName: 'Nguyễn Thị Ánh Tuyết 1',
    holderDateOfBirth: '1998-03-07',
    programCode: 'BT-XA',
    programName: 'Bồi dưỡng Bí thư Đoàn xã, phường, đặc khu',
    courseStartsOn: '2026-03-02',
    courseEndsOn: '2026-03-11',
    result: 'Đạt',
    issuedPlace: 'Hà Nội',
    issuedOn: '2026-11-29',
    signerName: 'Trần Quốc Việt',
    signerTitle: 'PHÓ BÍ THƯ',
    serialNumber: `${unit.code}-2026-000001`,
    entryNumber: 1,
    year: 2026,
  };
  const verifyUrl = `https://boiduong.example.vn/verify/${sampleFields.code}`;
  log(`baseline before: rendering the PDF ${settings.baseline} times in a tight loop…`);
  const baselineBeforeMs = await tightLoop(renderCertificatePdf, sampleFields, verifyUrl, settings.baseline);
  log(`  ${round(baselineBeforeMs, 2)} ms per PDF`);

  log(`probing GET /api/v1/health at ${settings.probeRate}/s for ${settings.windowSeconds} s before issuance (worker idle)…`);
  const before = await probe(url, settings.probeRate, settings.windowSeconds);
  log(`  p50 ${before.p50} ms, p99 ${before.p99} ms, max ${before.max} ms`);

  const { Queue } = require('bullmq');
  const queue = new Queue('certification', { connection: { url: redis.url }, prefix });
  const loadBefore = loadAverage();
  const t0 = performance.now();
  for (let i = 0; i < enrollmentIds.length; i += 1000) {
    await queue.addBulk(
      enrollmentIds.slice(i, i + 1000).map((enrollmentId) => ({
        name: 'issue-certificate',
        data: { enrollmentId, automatic: true },
        opts: { jobId: `certificate-${enrollmentId}`, attempts: 3, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: true, removeOnFail: false },
      })),
    );
  }
  log(`queued ${n} jobs in ${round((performance.now() - t0) / 1000, 1)} s; issuing…`);
  const during = [];
  const loads = [];
  let issued = 0;
  let failed = 0;
  while (issued + failed < n) {
    if (worker.exitCode !== null) throw new Error(`the worker exited (${worker.exitCode}); see ${work}/worker.log`);
    during.push(await probe(url, settings.probeRate, settings.windowSeconds));
    loads.push(os.loadavg()[0]);
    const [c] = (await db.query(`SELECT count(*) FILTER (WHERE status = 'issued')::int AS issued, count(*) FILTER (WHERE status = 'failed')::int AS failed FROM certificate_candidates`)).rows;
    issued = c.issued;
    failed = c.failed;
    const elapsed = (performance.now() - t0) / 1000;
    log(`  ${round(elapsed, 0)} s: ${issued} issued, ${failed} failed (${round(issued / elapsed, 1)}/s); health p99 ${during.at(-1).p99} ms; load ${round(os.loadavg()[0], 2)}`);
  }
  // The last candidate turns `issued` before its PDF hash is written: wait for the hashes.
  for (let i = 0; i < 100; i++) {
    const [{ hashed }] = (await db.query(`SELECT count(pdf_sha256)::int AS hashed FROM certificates`)).rows;
    if (hashed === n) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const totalMs = performance.now() - t0;
  if (failed) throw new Error(`${failed} issuances failed: ${JSON.stringify((await db.query(`SELECT reason FROM certificate_candidates WHERE status = 'failed' LIMIT 3`)).rows)}`);
  const [book] = (
    await db.query(
      `SELECT count(*)::int AS n, min(entry_number) AS lo, max(entry_number) AS hi, count(DISTINCT entry_number)::int AS distinct_numbers,
              count(pdf_sha256)::int AS hashed, count(credential_jwt)::int AS credentials FROM certificates`,
    )
  ).rows;
  if (book.n !== n || book.lo !== 1 || book.hi !== n || book.distinct_numbers !== n) throw new Error(`the book is not 1..${n}: ${JSON.stringify(book)}`);
  if (book.hashed !== n || book.credentials !== n) throw new Error(`missing PDF hashes or credentials: ${JSON.stringify(book)}`);
  await queue.close();

  log(`baseline after: rendering the PDF ${settings.baseline} times in a tight loop…`);
  const baselineAfterMs = await tightLoop(renderCertificatePdf, sampleFields, verifyUrl, settings.baseline);
  log(`  ${round(baselineAfterMs, 2)} ms per PDF`);
  const after = await probe(url, settings.probeRate, settings.windowSeconds);

  // Public verification against the raw health route, interleaved.
  const codes = (await db.query(`SELECT code FROM certificates ORDER BY random() LIMIT 1000`)).rows.map((r) => r.code);
  let next = 0;
  const load = async (/** @type {'verify' | 'health'} */ route, seconds) => {
    const result = await autocannon({
      url,
      connections: settings.connections,
      duration: seconds,
      requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: route === 'verify' ? `/api/v1/public/certificates/${codes[next++ % codes.length]}` : '/api/v1/health/live' }) }],
    });
    const failures = result.errors + result.timeouts + result.non2xx;
    if (failures) throw new Error(`${route}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx`);
    return { rps: result.requests.average, p99: result.latency.p99 };
  };
  const verifyRuns = [];
  for (let r = 1; r <= settings.verifyRounds; r++) {
    await load('health', 2);
    const h = await load('health', settings.verifyDuration);
    await load('verify', 2);
    const v = await load('verify', settings.verifyDuration);
    verifyRuns.push({ health: h, verify: v, ratio: v.rps / h.rps });
    log(`verify round ${r}: health/live ${round(h.rps)}/s (p99 ${h.p99} ms) | public verify ${round(v.rps)}/s (p99 ${v.p99} ms) | ratio ${round(v.rps / h.rps, 3)}`);
  }
  await db.end();

  const perCertificateMs = totalMs / n;
  const baselineMs = (baselineBeforeMs + baselineAfterMs) / 2;
  const summary = {
    certificates: n,
    totalSeconds: round(totalMs / 1000, 1),
    perMinute: Math.round((n / totalMs) * 60_000),
    msPerCertificate: round(perCertificateMs, 2),
    pdfTightLoopMs: { before: round(baselineBeforeMs, 2), after: round(baselineAfterMs, 2) },
    ratioPerCertificateToPdf: round(perCertificateMs / baselineMs, 2),
    health: {
      before,
      duringMedianP99: median(during.map((d) => d.p99)),
      duringMaxP99: Math.max(...during.map((d) => d.p99)),
      duringMaxLatency: Math.max(...during.map((d) => d.max)),
      duringFailures: during.reduce((s, d) => s + d.failures, 0),
      windows: during.length,
      after,
    },
    verify: {
      rounds: verifyRuns.map((x) => ({ healthRps: round(x.health.rps), verifyRps: round(x.verify.rps), ratio: round(x.ratio, 3), verifyP99: x.verify.p99 })),
      medianRatio: round(median(verifyRuns.map((x) => x.ratio)), 3),
    },
    load: { before: loadBefore, duringMedian1m: round(median(loads), 2), after: loadAverage() },
    node: process.version,
    cpus: os.cpus().length,
  };
  log('');
  log(`| issued | total | per certificate | PDF alone (tight loop) | ratio |`);
  log(`|---|---|---|---|---|`);
  log(`| ${n} | ${summary.totalSeconds} s | ${summary.msPerCertificate} ms | ${round(baselineMs, 2)} ms | ${summary.ratioPerCertificateToPdf} |`);
  log(`health p99: before ${before.p99} ms, during median ${summary.health.duringMedianP99} ms (max ${summary.health.duringMaxP99} ms), after ${after.p99} ms`);
  log(`public verify / health live: ${summary.verify.rounds.map((r) => r.ratio).join(', ')}; median ${summary.verify.medianRatio}`);
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

main().then(
  () => process.exit(0),
  (e) => {
    log(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
  },
);
