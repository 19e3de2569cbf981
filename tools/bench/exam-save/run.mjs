// Answer-save throughput of the full stack against PostgreSQL doing the same single-row
// upsert through pgbench, in the same run, interleaved rounds, median ratio.
//
//   node tools/bench/exam-save/run.mjs [--rounds 3] [--duration 5] [--learners 200] [--connections 50]
//
// Setup (not timed): the built api and worker on a fresh database with the demo accounts; a
// program, a course, approved items and an exam created through the API; `--learners`
// learners enrolled and signed in beforehand (as on exam day), each with a started attempt.
// Api side: a keep-alive load generator (raw HTTP/1.1 over net sockets) sends PUT /api/v1/attempts/:id/responses, one answer per request with
// an increasing sequence number, spread over every learner's attempt: each 200 is an
// authenticated, validated, durable (committed) upsert. Baseline: pgbench, 8 clients, the same
// upsert (same columns, same ON CONFLICT … WHERE seq < EXCLUDED.seq) on a table of the same
// shape, one row per transaction. Both use synchronous_commit as configured on the server.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { ensurePostgres, ensureRedis, freePort, onExit, stopAll } from '../../stack/services.mjs';
import { buildApps, startPlatform } from '../../stack/platform.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const log = (m) => process.stderr.write(`${m}\n`);
const { values: flags } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    duration: { type: 'string', default: '5' },
    learners: { type: 'string', default: '200' },
    connections: { type: 'string', default: '50' },
  },
});
const rounds = Number(flags.rounds);
const duration = Number(flags.duration);
const learnerCount = Number(flags.learners);
const TARGET = 0.5;
const DEMO_PASSWORD = 'BoiDuong@2025';
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

async function api(base, method, url, body, token) {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${url} -> ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

async function setup(base, dbUrl) {
  const login = async (username, password = DEMO_PASSWORD) => (await api(base, 'POST', '/api/v1/auth/login', { username, password })).accessToken;
  const admin = await login('admin.hanoi');
  const lecturer = await login('giangvien');
  const db = new pg.Client({ connectionString: dbUrl });
  db.on('error', () => undefined);
  await db.connect();
  const [{ id: hanoi }] = (await db.query(`SELECT id FROM org_units WHERE code = 'HNI'`)).rows;
  const program = await api(base, 'POST', '/api/v1/programs', { code: 'BENCH', name: 'Chương trình đo tải', family: 'basic', ownerOrgUnitId: hanoi, targetTitles: [], requiredHours: 8 }, admin);
  const course = await api(base, 'POST', '/api/v1/courses', { programId: program.id, orgUnitId: hanoi, name: 'Lớp đo tải', mode: 'online', startsOn: '2026-01-01', endsOn: '2027-12-31', capacity: null, status: 'open' }, admin);
  const options = ['a', 'b', 'c', 'd'].map((id) => ({ id, text: `Phương án ${id.toUpperCase()}` }));
  for (let n = 0; n < 10; n++) {
    const item = await api(base, 'POST', '/api/v1/items', { type: 'single_choice', stem: `Câu hỏi đo tải số ${n + 1} về công tác Đoàn?`, options, key: 'a', topic: 'Đo tải', level: 'recognition', ownerOrgUnitId: hanoi, source: { document: 'Điều lệ Đoàn TNCS Hồ Chí Minh' } }, lecturer);
    await api(base, 'POST', `/api/v1/items/${item.id}/submit-review`, undefined, lecturer);
    await api(base, 'POST', `/api/v1/items/${item.id}/approve`, undefined, admin);
  }
  const now = Date.now();
  const exam = await api(base, 'POST', '/api/v1/exams', {
    courseId: course.id,
    title: 'Bài đo tải',
    blueprint: [{ topic: 'Đo tải', level: 'recognition', count: 5, points: 2 }],
    timeLimitSeconds: 86_400,
    opensAt: new Date(now - 60_000).toISOString(),
    closesAt: new Date(now + 86_400_000).toISOString(),
    passMark: 50,
  }, admin);
  // Learners share the demo password hash (hashing N passwords would only slow the setup).
  const hash = (await db.query(`SELECT password_hash FROM users WHERE username = 'hocvien'`)).rows[0].password_hash;
  const badinh = (await db.query(`SELECT id FROM org_units WHERE code = 'HNI-BADINH'`)).rows[0].id;
  const ids = (await db.query(
    `INSERT INTO users (username, password_hash, full_name, org_unit_id)
     SELECT 'bench' || g, $1, 'Học viên ' || g, $2 FROM generate_series(1, $3) g RETURNING id`,
    [hash, badinh, learnerCount],
  )).rows.map((r) => r.id);
  await db.query(`INSERT INTO role_grants (user_id, role, org_unit_id) SELECT unnest($1::uuid[]), 'learner', $2`, [ids, badinh]);
  await db.end();
  await api(base, 'POST', `/api/v1/courses/${course.id}/enrollments`, { userIds: ids }, admin);
  const attempts = [];
  for (let i = 0; i < learnerCount; i++) {
    const token = await login(`bench${i + 1}`);
    const attempt = await api(base, 'POST', `/api/v1/exams/${exam.id}/attempts`, undefined, token);
    attempts.push({ token, id: attempt.attemptId, items: attempt.items.map((it) => ({ id: it.itemId, option: it.options[0].id })) });
  }
  return attempts;
}

/**
 * One keep-alive HTTP/1.1 connection that sends a request written in full by the caller and
 * resolves with the status once the whole response (Content-Length framed, as the api answers)
 * has arrived. Raw `net` rather than node:http: the load generator shares the two cores with the
 * api and PostgreSQL, and node:http's client machinery cost about as much CPU per request as the
 * api's own work (measured: 73-104 µs per save), CPU that pgbench's C client does not take
 * from the database on the baseline side.
 */
function rawConnection(host, port) {
  const socket = net.connect(port, host);
  socket.setNoDelay(true);
  let buffer = '';
  /** @type {((status: number) => void) | null} */
  let waiting = null;
  let failed = null;
  const ready = new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const fail = (error) => {
    failed = error;
    if (waiting) waiting(0);
    waiting = null;
  };
  socket.on('error', fail);
  socket.on('close', () => fail(new Error('connection closed')));
  socket.on('data', (chunk) => {
    buffer += chunk.toString('latin1');
    const headerEnd = buffer.indexOf('\r\n\r\n');
    if (headerEnd < 0) return;
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(buffer.slice(0, headerEnd))?.[1] ?? 0);
    if (buffer.length < headerEnd + 4 + length) return;
    const status = Number(buffer.slice(9, 12));
    buffer = buffer.slice(headerEnd + 4 + length);
    const done = waiting;
    waiting = null;
    done?.(status);
  });
  return {
    ready,
    /** @param {string} request the whole request, head and body */
    send(request) {
      if (failed) return Promise.resolve(0);
      return new Promise((resolve) => {
        waiting = resolve;
        socket.write(request, 'latin1');
      });
    },
    close: () => socket.destroy(),
  };
}

/**
 * The load generator: `connections` keep-alive connections, each sending its next save as soon
 * as the previous one is answered (see rawConnection). Not autocannon, whose per-request
 * rebuild of dynamic bodies made the generator (not the api) the bottleneck at ~1,000 requests/s.
 */
async function runApi(base, attempts, seconds = duration) {
  const url = new URL(base);
  const host = `${url.hostname}:${url.port}`;
  let counter = 0;
  let ok = 0;
  let errors = 0;
  const latencies = [];
  const stopAt = Date.now() + seconds * 1000;
  const loop = async () => {
    const connection = rawConnection(url.hostname, Number(url.port));
    await connection.ready;
    while (Date.now() < stopAt) {
      const n = counter++;
      const attempt = attempts[n % attempts.length];
      const item = attempt.items[Math.floor(n / attempts.length) % attempt.items.length];
      // Item ids, option ids and tokens are ASCII: string length is the byte length.
      const body = `{"responses":[{"itemId":"${item.id}","answer":"${item.option}","seq":${n + 1}}]}`;
      const started = performance.now();
      const status = await connection.send(
        `PUT /api/v1/attempts/${attempt.id}/responses HTTP/1.1\r\nhost: ${host}\r\ncontent-type: application/json\r\nauthorization: Bearer ${attempt.token}\r\ncontent-length: ${body.length}\r\n\r\n${body}`,
      );
      latencies.push(performance.now() - started);
      if (status === 200) ok++;
      else errors++;
      if (status === 0) break;
    }
    connection.close();
  };
  await Promise.all(Array.from({ length: Number(flags.connections) }, loop));
  latencies.sort((a, b) => a - b);
  return { rps: ok / seconds, p99: Math.round(latencies[Math.floor(latencies.length * 0.99)] ?? 0), errors };
}

function runPgbench(dbUrl, scriptFile) {
  const res = spawnSync('pgbench', ['-n', '-c', '8', '-j', '2', '-T', String(duration), '-f', scriptFile, dbUrl], { encoding: 'utf8' });
  const tps = Number(res.stdout.match(/tps = ([\d.]+) \(without initial connection time\)/)?.[1]);
  if (!Number.isFinite(tps)) throw new Error(`pgbench failed: ${res.stderr || res.stdout}`);
  return { tps };
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'boiduong-exam-save-'));
  onExit(() => fs.rmSync(work, { recursive: true, force: true }), { name: 'benchmark temp files' });
  buildApps({ root, projects: ['api', 'worker'], log });
  const postgres = await ensurePostgres({ root, database: `boiduong_bench_save_${process.pid}`, log });
  const redis = await ensureRedis({ root, log });
  onExit(async () => {
    const c = new pg.Client({ connectionString: postgres.adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "boiduong_bench_save_${process.pid}" WITH (FORCE)`).catch(() => undefined);
    await c.end();
  }, { name: 'benchmark database' });
  const port = await freePort();
  const platform = await startPlatform({
    root,
    port,
    logDir: work,
    log,
    env: { ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}), ...(process.env.DATABASE_POOL_SIZE ? { DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE } : {}), DATABASE_URL: postgres.url, REDIS_URL: redis.url, QUEUE_PREFIX: `bench-${process.pid}`, DEMO_DATA: 'true', SERVE_WEB: 'false', LOG_LEVEL: 'warn', LOG_REQUESTS: 'true' },
  });
  log(`Setting up ${learnerCount} learners with started attempts...`);
  const attempts = await setup(platform.url, postgres.url);

  const db = new pg.Client({ connectionString: postgres.url });
  await db.connect();
  await db.query(`CREATE TABLE bench_responses (attempt_id uuid NOT NULL, item_id uuid NOT NULL, answer jsonb NOT NULL, seq integer NOT NULL, saved_at timestamptz NOT NULL, credit numeric(6,5) NULL, PRIMARY KEY (attempt_id, item_id))`);
  await db.end();
  const script = path.join(work, 'upsert.sql');
  fs.writeFileSync(script, [
    `\\set a random(1, ${learnerCount})`,
    '\\set i random(1, 5)',
    '\\set s random(1, 2000000000)',
    `INSERT INTO bench_responses (attempt_id, item_id, answer, seq, saved_at) VALUES (lpad(:a::text, 32, '0')::uuid, lpad(:i::text, 32, '0')::uuid, '"a"', :s, now()) ON CONFLICT (attempt_id, item_id) DO UPDATE SET answer = EXCLUDED.answer, seq = EXCLUDED.seq, saved_at = EXCLUDED.saved_at WHERE bench_responses.seq < EXCLUDED.seq;`,
    '',
  ].join('\n'));

  // CPU time of the api process per save (user + system, from /proc): unlike saves/s it hardly
  // moves when other work shares the machine, so it shows what a change to the path bought.
  const cpuMs = (pid) => {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
  };
  // Warm-up (discarded): the first seconds of load run unoptimised code on both sides.
  await runApi(platform.url, attempts, 2);
  const rows = [];
  for (let r = 1; r <= rounds; r++) {
    const base = runPgbench(postgres.url, script);
    const cpuBefore = cpuMs(platform.api.pid);
    const generatorBefore = process.cpuUsage();
    const full = await runApi(platform.url, attempts);
    const apiCpuUsPerSave = Math.round(((cpuMs(platform.api.pid) - cpuBefore) * 1000) / Math.max(1, full.rps * duration));
    const generator = process.cpuUsage(generatorBefore);
    const generatorUsPerSave = Math.round((generator.user + generator.system) / Math.max(1, full.rps * duration));
    const ratio = full.rps / base.tps;
    rows.push({ round: r, pgbenchTps: Math.round(base.tps), apiSavesPerSecond: Math.round(full.rps), apiP99Ms: full.p99, apiErrors: full.errors, apiCpuUsPerSave, generatorUsPerSave, loadAverage: os.loadavg()[0], ratio: Math.round(ratio * 1000) / 1000 });
    log(`round ${r}: pgbench ${Math.round(base.tps)} tps | api ${Math.round(full.rps)} saves/s (p99 ${full.p99} ms, ${full.errors} errors, api ${apiCpuUsPerSave} µs CPU/save, generator ${generatorUsPerSave} µs/save) | ratio ${ratio.toFixed(3)} | load ${os.loadavg()[0].toFixed(1)}`);
  }
  // Every 200 must be in the database: count the rows the api says it saved.
  const check = new pg.Client({ connectionString: postgres.url });
  await check.connect();
  const stored = (await check.query(`SELECT count(*)::int AS n, max(seq) AS max_seq FROM responses`)).rows[0];
  await check.end();
  const summary = {
    machine: `${os.cpus().length} cores, Node ${process.version}`,
    learners: learnerCount,
    connections: Number(flags.connections),
    durationSeconds: duration,
    rounds: rows,
    medianPgbenchTps: median(rows.map((r) => r.pgbenchTps)),
    medianApiSavesPerSecond: median(rows.map((r) => r.apiSavesPerSecond)),
    medianApiCpuUsPerSave: median(rows.map((r) => r.apiCpuUsPerSave)),
    medianRatio: median(rows.map((r) => r.ratio)),
    target: TARGET,
    meetsTarget: median(rows.map((r) => r.ratio)) >= TARGET,
    responsesStored: stored,
  };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  await platform.stop();
  await stopAll();
}

main().catch(async (error) => {
  log(error instanceof Error ? error.stack ?? error.message : String(error));
  await stopAll();
  process.exitCode = 1;
});
