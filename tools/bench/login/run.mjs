// Login benchmark: throughput and p99 of POST /api/v1/auth/login on the real api (argon2id
// verify, lockout bookkeeping, Redis rate limit, refresh-token insert, grants read, token
// signing) against raw @node-rs/argon2 verify in a plain Node process with the same parameters,
// measured in the same run with interleaved rounds.
//
//   node tools/bench/login/run.mjs [--rounds 3] [--duration 8] [--warmup 2] [--connections 50] [--accounts 3000]
//
// Each round: baseline (verify loop with as many verifies in flight as the thread pool runs),
// then the api under autocannon. The report holds medians over rounds and the median of the
// per-round ratios api/baseline. Many accounts and forwarded addresses are used in turn so that
// the per-account and per-address rate limits (which would stop one client hammering one
// account) stay out of the way while their Redis cost is still paid on every login.
// Prints a table to stderr and a JSON summary to stdout.

import { fork, spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { ensurePostgres, ensureRedis, freePort, onExit, ServiceError, stopAll, trackChild, waitForHttp } from '../../stack/services.mjs';
import { buildApps, runApiCommand } from '../../stack/platform.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const require = createRequire(import.meta.url);
const log = (/** @type {string} */ m) => process.stderr.write(`${m}\n`);
const PASSWORD = 'Bench-password-2025';

const { values: flags } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    duration: { type: 'string', default: '8' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '50' },
    accounts: { type: 'string', default: '3000' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (flags.help) {
  process.stdout.write('Usage: node tools/bench/login/run.mjs [--rounds N] [--duration S] [--warmup S] [--connections N] [--accounts N]\n');
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
  rounds: int('rounds', flags.rounds),
  durationSeconds: int('duration', flags.duration),
  warmupSeconds: int('warmup', flags.warmup, 0),
  connections: int('connections', flags.connections),
  accounts: int('accounts', flags.accounts, 10),
  threadPool: Number(process.env.UV_THREADPOOL_SIZE ?? 4),
};

/** The parameters the api uses, read from its source so the baseline cannot drift from them. */
function apiArgon2Params() {
  const source = fs.readFileSync(path.join(root, 'libs/api/identity/src/lib/services/password-hasher.ts'), 'utf8');
  const pick = (/** @type {string} */ key) => {
    const m = source.match(new RegExp(`${key}:\\s*(\\d+)`));
    if (!m) throw new ServiceError(`cannot read ${key} from password-hasher.ts`);
    return Number(m[1]);
  };
  // Algorithm.Argon2id is 2 in @node-rs/argon2.
  return { algorithm: 2, memoryCost: pick('memoryCost'), timeCost: pick('timeCost'), parallelism: pick('parallelism') };
}

const median = (/** @type {number[]} */ xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (/** @type {number} */ x, d = 0) => Number(x.toFixed(d));

async function main() {
  const params = apiArgon2Params();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'boiduong-login-bench-'));
  onExit(() => fs.rmSync(work, { recursive: true, force: true }), { name: 'benchmark temp files' });

  buildApps({ root, projects: ['api'], log });
  const postgres = await ensurePostgres({ root, database: 'boiduong_bench_login', log });
  const redis = await ensureRedis({ root, log });
  const env = {
    NODE_ENV: 'production',
    JWT_SECRET: randomBytes(32).toString('hex'),
    CERT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: `boiduong-bench-login-${randomBytes(3).toString('hex')}`,
    SERVE_WEB: 'false',
    DEMO_DATA: 'false',
    LOG_LEVEL: 'warn',
    TRUST_PROXY: 'true',
    BOOTSTRAP_ADMIN_USERNAME: 'bench.admin',
    BOOTSTRAP_ADMIN_PASSWORD: PASSWORD,
  };
  log(runApiCommand({ root, env, command: 'migrate' }));
  log(runApiCommand({ root, env, command: 'bootstrap' }));

  // Accounts share one hash made with the api's parameters (hashing thousands would take minutes).
  const { hash } = require('@node-rs/argon2');
  const encoded = await hash(PASSWORD, params);
  const pg = require('pg');
  const client = new pg.Client({ connectionString: postgres.url });
  await client.connect();
  await client.query(`DELETE FROM refresh_tokens`);
  await client.query(`DELETE FROM role_grants g USING users u WHERE u.id = g.user_id AND u.username LIKE 'bench.cadre.%'`);
  await client.query(`DELETE FROM users WHERE username LIKE 'bench.cadre.%'`);
  await client.query(
    `WITH root AS (SELECT id FROM org_units WHERE parent_id IS NULL LIMIT 1),
          made AS (
            INSERT INTO users (username, password_hash, full_name, org_unit_id)
            SELECT 'bench.cadre.' || n, $1, 'Cán bộ ' || n, root.id FROM generate_series(1, $2) n, root RETURNING id, org_unit_id)
     INSERT INTO role_grants (user_id, role, org_unit_id) SELECT id, 'learner', org_unit_id FROM made`,
    [encoded, settings.accounts],
  );
  await client.end();

  const port = await freePort();
  const logFile = path.join(work, 'api.log');
  const fd = fs.openSync(logFile, 'a');
  const api = spawn(process.execPath, [path.join(root, 'dist/apps/api/main.js'), 'serve'], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_REQUESTS: 'false' },
    stdio: ['ignore', fd, fd],
  });
  fs.closeSync(fd);
  trackChild(api, { name: 'api', graceMs: 8000 });
  await waitForHttp(`http://127.0.0.1:${port}/api/v1/health/live`, { timeoutMs: 60_000, process: api });

  const baseline = fork(path.join(here, 'argon2-baseline.mjs'), [], {
    env: { ...process.env, ARGON2_PARAMS_JSON: JSON.stringify(params) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  trackChild(baseline, { name: 'argon2 baseline', graceMs: 2000 });
  const fromBaseline = () => new Promise((resolve) => baseline.once('message', resolve));
  await fromBaseline();
  const baselineRun = async (/** @type {number} */ seconds) => {
    const reply = fromBaseline();
    baseline.send({ run: { seconds, concurrency: settings.threadPool } });
    return /** @type {any} */ (await reply).result;
  };

  let next = 0;
  const loginLoad = async (/** @type {number} */ seconds) => {
    const result = await autocannon({
      url: `http://127.0.0.1:${port}`,
      connections: settings.connections,
      duration: seconds,
      requests: [
        {
          method: 'POST',
          path: '/api/v1/auth/login',
          setupRequest: (/** @type {any} */ req) => {
            const n = (next++ % settings.accounts) + 1;
            return {
              ...req,
              headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.${(n >> 8) & 255}.${n & 255}.7` },
              body: JSON.stringify({ username: `bench.cadre.${n}`, password: PASSWORD }),
            };
          },
        },
      ],
    });
    const failures = result.errors + result.timeouts + result.non2xx;
    if (failures > 0) throw new ServiceError(`login: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx answers (see ${logFile}).`);
    return { rps: result.requests.average, p99Ms: result.latency.p99, total: result.requests.total };
  };

  // Check one login by hand: a token comes back.
  const probe = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench.cadre.1', password: PASSWORD }),
  });
  const probeBody = /** @type {any} */ (await probe.json());
  if (probe.status !== 200 || !probeBody.accessToken) throw new ServiceError(`probe login answered ${probe.status} ${JSON.stringify(probeBody).slice(0, 200)}`);

  const runs = { baseline: /** @type {any[]} */ ([]), api: /** @type {any[]} */ ([]) };
  const ratios = [];
  log(`\n${settings.rounds} rounds; each measurement ${settings.warmupSeconds} s warm-up + ${settings.durationSeconds} s; ${settings.connections} connections; argon2id m=${params.memoryCost} KiB t=${params.timeCost} p=${params.parallelism}.`);
  for (let r = 1; r <= settings.rounds; r++) {
    if (settings.warmupSeconds) await baselineRun(settings.warmupSeconds);
    const b = await baselineRun(settings.durationSeconds);
    if (settings.warmupSeconds) await loginLoad(settings.warmupSeconds);
    const a = await loginLoad(settings.durationSeconds);
    runs.baseline.push(b);
    runs.api.push(a);
    ratios.push(a.rps / b.rps);
    log(`round ${r}: raw verify ${round(b.rps, 1)}/s (p99 ${round(b.p99Ms, 1)} ms) | api login ${round(a.rps, 1)}/s (p99 ${a.p99Ms} ms) | ratio ${round(a.rps / b.rps, 3)}`);
  }
  baseline.send({ exit: true });

  const summary = {
    benchmark: 'login',
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model?.trim(), node: process.version, loadGeneratorSharesMachine: true },
    settings,
    argon2: params,
    baseline: {
      label: `raw @node-rs/argon2 verify, ${settings.threadPool} in flight, plain Node process`,
      medianRps: round(median(runs.baseline.map((x) => x.rps)), 1),
      medianP99Ms: round(median(runs.baseline.map((x) => x.p99Ms)), 1),
      rps: runs.baseline.map((x) => round(x.rps, 1)),
    },
    api: {
      label: 'POST /api/v1/auth/login (LOG_REQUESTS=false)',
      medianRps: round(median(runs.api.map((x) => x.rps)), 1),
      medianP99Ms: median(runs.api.map((x) => x.p99Ms)),
      rps: runs.api.map((x) => round(x.rps, 1)),
      p99Ms: runs.api.map((x) => x.p99Ms),
    },
    ratios: ratios.map((x) => round(x, 3)),
    medianRatio: round(median(ratios), 3),
  };
  log('');
  log(`raw argon2 verify: ${summary.baseline.medianRps}/s, p99 ${summary.baseline.medianP99Ms} ms`);
  log(`api login:         ${summary.api.medianRps}/s, p99 ${summary.api.medianP99Ms} ms (${settings.connections} connections)`);
  log(`median ratio api/raw: ${summary.medianRatio}`);
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  await stopAll();
}

main()
  .then(() => process.exit(0))
  .catch(async (error) => {
    log(error instanceof ServiceError ? `${error.message}${error.hint ? `\n${error.hint}` : ''}` : String(error?.stack ?? error));
    await stopAll();
    process.exit(1);
  });
