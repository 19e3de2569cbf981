// Public verification throughput against the raw liveness route of the same api:
//
//   node tools/bench/verify/run.mjs [--certificates 200] [--rounds 5] [--duration 8] [--connections 20]
//       [--compare tmp/bench-verify-before/main.js] [--skip-build]
//
// Builds the api (unless --skip-build), starts it (NODE_ENV=production) on a fresh database,
// issues N certificates through `POST /api/v1/certificates` (the service: rules, registry number,
// Ed25519 signature, credential, PDF) and then measures with autocannon, interleaved:
// health/live, verify, health/live, verify, … (2 s warm-up before each, discarded). Verify asks
// `GET /api/v1/public/certificates/<code>` for the N codes in turn. With --compare, a second api
// built from other code (e.g. a copy of dist/apps/api made before a change) serves the same
// database on another port and its verify is measured in the same rounds (the two taking turns
// going first), so both ratios share the machine's load. Prints progress to stderr and a JSON summary (median ratios) to stdout.

import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { ensurePostgres, ensureRedis, freePort, onExit, recreateDatabase, trackChild, waitForHttp } from '../../stack/services.mjs';
import { buildApps, runApiCommand } from '../../stack/platform.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const { values: args } = parseArgs({
  options: {
    certificates: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '5' },
    duration: { type: 'string', default: '8' },
    connections: { type: 'string', default: '20' },
    compare: { type: 'string' },
    'skip-build': { type: 'boolean', default: false },
  },
});
const int = (name) => {
  const v = Number(args[name]);
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} must be a positive integer`);
  return v;
};
const settings = { certificates: int('certificates'), rounds: int('rounds'), duration: int('duration'), connections: int('connections') };
const log = (m) => process.stderr.write(`${m}\n`);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x, d = 1) => Number(x.toFixed(d));
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'boiduong-verify-bench-'));
  onExit(() => fs.rmSync(work, { recursive: true, force: true }), { name: 'benchmark temp files' });
  if (!args['skip-build']) buildApps({ root, projects: ['api'], log });
  const database = 'boiduong_bench_verify';
  const postgres = await ensurePostgres({ root, database, log });
  const redis = await ensureRedis({ root, log });
  await recreateDatabase(postgres.adminUrl, database);
  const env = {
    NODE_ENV: 'production',
    // The benchmark is one client address measuring throughput, not the per-address limit.
    VERIFY_RATE_PER_IP_MAX: '10000000',
    JWT_SECRET: randomBytes(32).toString('hex'),
    CERT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: `boiduong-bench-verify-${randomBytes(3).toString('hex')}`,
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

  const start = async (name, main) => {
    const port = await freePort();
    const fd = fs.openSync(path.join(work, `${name}.log`), 'a');
    const child = spawn(process.execPath, [main, 'serve'], { cwd: root, env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', fd, fd] });
    fs.closeSync(fd);
    trackChild(child, { name, graceMs: 8000 });
    const url = `http://127.0.0.1:${port}`;
    await waitForHttp(`${url}/api/v1/health`, { timeoutMs: 240_000, process: child });
    return url;
  };
  const url = await start('api', path.join(root, 'dist/apps/api/main.js'));
  const compareUrl = args.compare ? await start('api-compare', path.resolve(root, args.compare)) : null;

  const call = async (method, p, body, token) => {
    const res = await fetch(`${url}/api/v1${p}`, {
      method,
      headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${p}: ${res.status} ${text.slice(0, 300)}`);
    return JSON.parse(text);
  };
  const login = await call('POST', '/auth/login', { username: 'bench.admin', password: 'Bench-admin-password-1' });
  const token = login.accessToken;
  const [unit] = (await call('GET', '/org-units', undefined, token)).filter((u) => !u.parentId);
  const codes = [];
  log(`issuing ${settings.certificates} certificates through the api…`);
  for (let i = 1; i <= settings.certificates; i++) {
    const cert = await call(
      'POST',
      '/certificates',
      {
        issuerUnitId: unit.id,
        learner: { userId: login.user.id, fullName: `Nguyễn Thị Ánh Tuyết ${i}`, dateOfBirth: '1998-03-07' },
        program: { code: 'BT-XA', name: 'Bồi dưỡng Bí thư Đoàn xã, phường, đặc khu', titles: [] },
        course: { id: randomUUID(), startsOn: today, endsOn: today },
        result: 'Đạt',
        completion: { attendanceShare: 1, assessments: [{ code: 'final', required: true, scorePercent: 80 }], rulesKept: true },
        signer: { name: 'Trần Quốc Việt', title: 'PHÓ BÍ THƯ' },
        issuedPlace: 'Hà Nội',
      },
      token,
    );
    codes.push(cert.code);
  }
  const check = await call('GET', `/public/certificates/${codes[0]}`);
  if (!check.valid) throw new Error('the first certificate does not verify');

  let next = 0;
  const load = async (base, route, seconds) => {
    const result = await autocannon({
      url: base,
      connections: settings.connections,
      duration: seconds,
      requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: route === 'verify' ? `/api/v1/public/certificates/${codes[next++ % codes.length]}` : '/api/v1/health/live' }) }],
    });
    const bad = result.non2xx + result.errors + result.timeouts;
    if (bad) throw new Error(`${route} at ${base}: ${bad} failed requests (non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts})`);
    return { rps: result.requests.average, p99: result.latency.p99 };
  };
  const measure = async (base, route) => {
    await load(base, route, 2);
    return load(base, route, settings.duration);
  };
  const rounds = [];
  const loadBefore = os.loadavg().map((x) => round(x, 2));
  for (let r = 1; r <= settings.rounds; r++) {
    const health = await measure(url, 'health');
    // The two builds take turns going first, so a drift in the machine's load favours neither.
    const compareFirst = compareUrl && r % 2 === 0 ? await measure(compareUrl, 'verify') : null;
    const verify = await measure(url, 'verify');
    const compare = compareFirst ?? (compareUrl ? await measure(compareUrl, 'verify') : null);
    const row = { round: r, healthRps: round(health.rps), verifyRps: round(verify.rps), verifyP99: verify.p99, ratio: round(verify.rps / health.rps, 3) };
    if (compare) Object.assign(row, { compareRps: round(compare.rps), compareP99: compare.p99, compareRatio: round(compare.rps / health.rps, 3) });
    rounds.push(row);
    log(JSON.stringify(row));
  }
  const summary = {
    settings,
    node: process.version,
    loadAverage: { before: loadBefore, after: os.loadavg().map((x) => round(x, 2)) },
    rounds,
    medianRatio: round(median(rounds.map((r) => r.ratio)), 3),
    ...(compareUrl ? { compare: args.compare, compareMedianRatio: round(median(rounds.map((r) => r.compareRatio)), 3) } : {}),
  };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
}

main().then(
  () => process.exit(0),
  (e) => {
    log(e instanceof Error ? e.stack ?? e.message : String(e));
    process.exit(1);
  },
);
