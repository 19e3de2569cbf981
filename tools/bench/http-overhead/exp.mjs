// HTTP overhead benchmark: throughput of the real api's cheapest JSON route
// (GET /api/v1/health/live -> {"status":"ok"}, no database access) against a raw node:http
// server answering the same body, measured in the same run with interleaved rounds.
//
//   node tools/bench/http-overhead/run.mjs [--rounds 5] [--duration 5] [--warmup 2]
//        [--connections 50] [--logging both|on|off] [--cpu-prof]
//
// Each round runs, per api variant: raw node:http, then the api (request logging on, the
// production default), then raw again, then the api with LOG_REQUESTS=false. Every
// measurement is preceded by a discarded warm-up. The report holds the medians over rounds
// and the median of the per-round ratios api/raw (each api run against the raw run just
// before it). Prints a table to stderr and a JSON summary to stdout; exits 0.
//
// autocannon runs inside this process, so it takes a core of its own: on a 2-core machine the
// server under test and the load generator share the machine. Both sides suffer it equally.

import { spawn } from 'node:child_process';
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
const log = (/** @type {string} */ m) => process.stderr.write(`${m}\n`);
const ROUTE = '/api/v1/health/live';
const EXPECTED_BODY = JSON.stringify({ status: 'ok' });
const TARGET_RATIO = 0.75;

// ---------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------

const { values: flags } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    duration: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '50' },
    logging: { type: 'string', default: 'both' },
    'cpu-prof': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (flags.help) {
  process.stdout.write(
    'Usage: node tools/bench/http-overhead/run.mjs [--rounds N] [--duration S] [--warmup S] [--connections N] [--logging both|on|off] [--cpu-prof]\n',
  );
  process.exit(0);
}
const positiveInt = (/** @type {string} */ name, /** @type {string} */ value, min = 1) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    log(`--${name} must be an integer >= ${min}, not "${value}".`);
    process.exit(2);
  }
  return n;
};
const settings = {
  rounds: positiveInt('rounds', flags.rounds),
  durationSeconds: positiveInt('duration', flags.duration),
  warmupSeconds: positiveInt('warmup', flags.warmup, 0),
  connections: positiveInt('connections', flags.connections),
  pipelining: 1,
  route: ROUTE,
};
if (!['both', 'on', 'off'].includes(flags.logging)) {
  log(`--logging must be both, on or off, not "${flags.logging}".`);
  process.exit(2);
}

/** @typedef {{ key: string, label: string, logRequests: boolean }} Variant */
/** @type {Variant[]} */
const variants = [
  { key: 'apiLogRequests', label: 'api, LOG_REQUESTS=true (default)', logRequests: true },
  { key: 'apiNoLogRequests', label: 'api, LOG_REQUESTS=false', logRequests: false },
].filter((v) => flags.logging === 'both' || (flags.logging === 'on') === v.logRequests);
if (process.env.SAME) { variants.length = 0; for (let i = 0; i < 3; i++) variants.push({ key: 'p' + i, label: 'api#' + i + ' log=' + process.env.SAME, logRequests: process.env.SAME === 'on' }); }

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/** @param {number[]} xs */
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (/** @type {number} */ x, digits = 0) => Number(x.toFixed(digits));

/** CPU time (user + system, µs) a process has used so far, from /proc (Linux). */
function cpuMicros(/** @type {number | undefined} */ pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / 100;
  } catch {
    return Number.NaN;
  }
}

/**
 * One autocannon run against `url`.
 * @param {string} url
 * @param {number} seconds
 */
async function load(url, seconds) {
  const result = process.env.CHILD ? await new Promise((resolve, reject) => {
    const c = spawn(process.execPath, [path.join(root, 'node_modules/autocannon/autocannon.js'), '-j', '-c', String(settings.connections), '-d', String(seconds), url], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = ''; c.stdout.on('data', (d) => { out += d; }); c.on('exit', () => { try { resolve(JSON.parse(out)); } catch (e) { reject(e); } });
  }) : await autocannon({
    url,
    connections: settings.connections,
    pipelining: settings.pipelining,
    duration: seconds,
  });
  const failures = result.errors + result.timeouts + result.non2xx;
  if (failures > 0) {
    throw new ServiceError(`${url}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx answers during the run.`);
  }
  return { rps: result.requests.average, p99Ms: result.latency.p99, total: result.requests.total };
}

/**
 * Warm-up (discarded), then the measured run.
 * @param {string} url
 * @param {{ before?: () => void, after?: (result: { rps: number, p99Ms: number, total: number }) => Promise<void> }} [hooks]
 */
async function measure(url, pid, hooks = {}) {
  if (settings.warmupSeconds > 0) await load(url, settings.warmupSeconds);
  hooks.before?.();
  const cpuBefore = cpuMicros(pid);
  const result = await load(url, settings.durationSeconds);
  // CPU per request of the server process: unlike req/s it hardly moves with other load on the machine.
  const cpuUsPerRequest = (cpuMicros(pid) - cpuBefore) / result.total;
  await hooks.after?.(result);
  return { ...result, cpuUsPerRequest };
}

/** Checks that `url` answers exactly the expected JSON. */
async function checkBody(url) {
  const response = await fetch(url);
  const text = await response.text();
  if (response.status !== 200 || text !== EXPECTED_BODY || !response.headers.get('content-type')?.startsWith('application/json')) {
    throw new ServiceError(`${url} answered ${response.status} ${response.headers.get('content-type')} ${text.slice(0, 200)}; expected 200 application/json ${EXPECTED_BODY}.`);
  }
  return Object.fromEntries(response.headers);
}

/**
 * Starts a Node process on `port` with stdout/stderr to `logFile` and waits for `url`.
 * @param {{ name: string, args: string[], env: Record<string, string>, logFile: string, url: string, ipc?: boolean }} options
 */
async function startProcess({ name, args, env, logFile, url, ipc = false }) {
  const fd = fs.openSync(logFile, 'a');
  const child = process.env.PIN ? spawn('taskset', ['-c', process.env.PIN, process.execPath, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', fd, fd, ...(ipc ? /** @type {const} */ (['ipc']) : [])],
  }) : spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', fd, fd, ...(ipc ? /** @type {const} */ (['ipc']) : [])],
  });
  fs.closeSync(fd);
  const stop = trackChild(child, { name, graceMs: 8000 });
  try {
    await waitForHttp(url, { timeoutMs: 60_000, process: child });
  } catch (error) {
    await stop();
    const tail = fs.readFileSync(logFile, 'utf8').trim().split('\n').slice(-10).join('\n  ');
    throw new ServiceError(`${name} did not start: ${error instanceof Error ? error.message : String(error)}\n  ${tail}`);
  }
  return { child, stop };
}

/**
 * Summarises a .cpuprofile: self time by package (node_modules/<pkg>, the api bundle, Node
 * internals, GC, idle) and the top functions.
 * @param {string} file
 */
function summariseProfile(file) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  /** @type {Map<number, any>} */
  const nodes = new Map(profile.nodes.map((/** @type {any} */ n) => [n.id, n]));
  /** @type {Map<number, number>} */
  const selfUs = new Map();
  profile.samples.forEach((/** @type {number} */ id, /** @type {number} */ i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const category = (/** @type {any} */ frame) => {
    const url = frame.url || '';
    const match = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/g);
    if (match) return match[match.length - 1].replace('node_modules/', '');
    if (url.includes('dist/apps/api/')) return '(api bundle: our code)';
    if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
    if (!url) return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
    return url;
  };
  /** @type {Map<string, number>} */
  const byCategory = new Map();
  /** @type {Map<string, number>} */
  const byFunction = new Map();
  for (const [id, us] of selfUs) {
    const frame = nodes.get(id).callFrame;
    const cat = category(frame);
    byCategory.set(cat, (byCategory.get(cat) ?? 0) + us);
    const fn = `${frame.functionName || '(anonymous)'} ${cat}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  }
  const top = (/** @type {Map<string, number>} */ m, n) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([name, us]) => ({ name, percent: round((100 * us) / total, 1) }));
  return { file, sampledMs: round(total / 1000), byPackage: top(byCategory, 15), topFunctions: top(byFunction, 20) };
}

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'boiduong-http-overhead-'));
  // Logs can grow to tens of MB with request logging on; profiles are kept.
  onExit(() => {
    for (const file of fs.readdirSync(work)) if (file.endsWith('.log')) fs.rmSync(path.join(work, file), { force: true });
    if (!fs.readdirSync(work).length) fs.rmSync(work, { recursive: true, force: true });
  }, { name: 'benchmark temp files' });

  buildApps({ root, projects: ['api'], log });
  const postgres = await ensurePostgres({ root, database: 'boiduong_bench', log });
  const redis = await ensureRedis({ root, log });
  const baseEnv = {
    NODE_ENV: 'production',
    JWT_SECRET: randomBytes(32).toString('hex'),
    // Production requires a certificate signing key; a throwaway one suffices here.
    CERT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: 'boiduong-bench',
    SERVE_WEB: 'false',
    DEMO_DATA: 'false',
    LOG_LEVEL: 'info',
  };
  log(runApiCommand({ root, env: baseEnv, command: 'migrate' }));

  const rawPort = await freePort();
  const raw = await startProcess({
    name: 'raw node:http server',
    args: [path.join(here, 'raw-server.mjs')],
    env: { PORT: String(rawPort) },
    logFile: path.join(work, 'raw.log'),
    url: `http://127.0.0.1:${rawPort}${ROUTE}`,
  });
  const rawUrl = `http://127.0.0.1:${rawPort}${ROUTE}`;
  const rawHeaders = await checkBody(rawUrl);

  /** @type {Map<string, { url: string, child: import('node:child_process').ChildProcess, logFile: string, headers: Record<string, string> }>} */
  const apis = new Map();
  const startApi = async (variant) => {
    const port = await freePort();
    const logFile = path.join(work, `${variant.key}.log`);
    const profiling = flags['cpu-prof'];
    const url = `http://127.0.0.1:${port}${ROUTE}`;
    log(`Starting ${variant.label} on port ${port}...`);
    const { child } = await startProcess({
      name: variant.label,
      args: [...(profiling ? ['-r', path.join(here, 'cpu-profile-preload.cjs')] : []), path.join(root, 'dist/apps/api/main.js'), 'serve'],
      env: {
        ...baseEnv,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_REQUESTS: String(variant.logRequests),
        ...(profiling ? { BENCH_CPU_PROF_DIR: work, BENCH_CPU_PROF_NAME: variant.key } : {}),
      },
      logFile,
      url,
      ipc: profiling,
    });
    apis.set(variant.key, { url, child, logFile, headers: await checkBody(url) });
    };
  if (!process.env.FRESH) for (const variant of variants) await startApi(variant);
  /** @type {{ raw: Array<{ rps: number, p99Ms: number }>, [k: string]: any }} */
  const runs = { raw: [] };
  for (const variant of variants) runs[variant.key] = [];
  /** @type {Record<string, number[]>} */
  const ratios = Object.fromEntries(variants.map((v) => [v.key, []]));
  /** @type {Record<string, number[]>} CPU per request of raw over the api's, per round */
  const cpuRatios = Object.fromEntries(variants.map((v) => [v.key, []]));
  /** @type {number[]} */
  const loads = [];
  /** @type {Record<string, number[]>} bytes of api output per request, per measured run */
  const logBytes = Object.fromEntries(variants.map((v) => [v.key, []]));

  log(`\n${settings.rounds} rounds; each measurement: ${settings.warmupSeconds} s warm-up (discarded) + ${settings.durationSeconds} s, ${settings.connections} connections, pipelining 1.`);
  for (let r = 1; r <= settings.rounds; r++) {
    loads.push(round(os.loadavg()[0], 1));
    for (const variant of (process.env.ORDER ? process.env.ORDER.split(',').map((i) => variants[Number(i)]) : process.env.REV ? [...variants].reverse() : variants)) {
      if (process.env.PAUSE) await new Promise((r) => setTimeout(r, Number(process.env.PAUSE)));
      const rawRun = await measure(rawUrl, raw.child.pid);
      runs.raw.push(rawRun);
      if (process.env.FRESH) await startApi(variant);
      const api = /** @type {any} */ (apis.get(variant.key));
      const profileThisRun = flags['cpu-prof'] && r === 1;
      let sizeBefore = 0;
      let perfProc; let perfOut = '';
      const apiRun = await measure(api.url, api.child.pid, {
        before: () => {
          perfProc = spawn('perf', ['stat', '-x', ',', '-e', 'context-switches,page-faults,task-clock,raw_syscalls:sys_enter,cpu-migrations', '-p', String(api.child.pid), '--', 'sleep', String(settings.durationSeconds - 0.2)], { stdio: ['ignore', 'ignore', 'pipe'] });
          perfProc.stderr.on('data', (d) => { perfOut += d; });
          sizeBefore = fs.statSync(api.logFile).size;
          if (profileThisRun) api.child.send('cpu-prof:start');
        },
        after: async (run) => {
          logBytes[variant.key].push((fs.statSync(api.logFile).size - sizeBefore) / run.total);
          if (!profileThisRun) return;
          const written = new Promise((resolve) => api.child.once('message', resolve));
          api.child.send('cpu-prof:stop');
          await Promise.race([written, new Promise((resolve) => setTimeout(resolve, 30_000))]);
        },
      });
      runs[variant.key].push(apiRun);
      if (process.env.FRESH) { api.child.kill('SIGTERM'); await new Promise((r) => api.child.once('exit', r)); }
      await new Promise((r) => perfProc.exitCode !== null ? r() : perfProc.on('exit', r));
      log('  perf per req: ' + perfOut.trim().split('\n').map((l) => { const f = l.split(','); return f[2] + '=' + (Number(f[0]) / apiRun.total * (settings.durationSeconds / (settings.durationSeconds - 0.2))).toFixed(3); }).join(' '));
      log('  others cpu ms during run+: ' + [...apis].map(([k, a]) => k + '=' + Math.round((cpuMicros(a.child.pid) - (globalThis.__c?.[k] ?? 0)) / 1000)).join(' ') + ' raw=' + Math.round((cpuMicros(raw.child.pid) - (globalThis.__c?.raw ?? 0)) / 1000));
      globalThis.__c = Object.fromEntries([...[...apis].map(([k, a]) => [k, cpuMicros(a.child.pid)]), ['raw', cpuMicros(raw.child.pid)]]);
      ratios[variant.key].push(apiRun.rps / rawRun.rps);
      cpuRatios[variant.key].push(rawRun.cpuUsPerRequest / apiRun.cpuUsPerRequest);
      log(
        `round ${r}: raw ${round(rawRun.rps)} req/s (p99 ${rawRun.p99Ms} ms, ${round(rawRun.cpuUsPerRequest, 1)} µs CPU/req) | ${variant.label}: ${round(apiRun.rps)} req/s (p99 ${apiRun.p99Ms} ms, ${round(apiRun.cpuUsPerRequest, 1)} µs CPU/req) | ratio ${round(apiRun.rps / rawRun.rps, 3)} | CPU ratio raw/api ${round(rawRun.cpuUsPerRequest / apiRun.cpuUsPerRequest, 3)} | load ${os.loadavg()[0].toFixed(1)}`,
      );
    }
  }

  // Sample log line, to show what one request costs in output.
  const sampleLine = (() => {
    const api = apis.get('apiLogRequests');
    if (!api) return undefined;
    const lines = fs.readFileSync(api.logFile, 'utf8').split('\n').filter((l) => l.includes('"request completed"'));
    return lines.at(-1);
  })();

  const summarise = (/** @type {Array<{ rps: number, p99Ms: number, cpuUsPerRequest: number }>} */ xs) => ({
    medianRps: round(median(xs.map((x) => x.rps))),
    medianCpuUsPerRequest: round(median(xs.map((x) => x.cpuUsPerRequest)), 1),
    medianP99Ms: median(xs.map((x) => x.p99Ms)),
    rps: xs.map((x) => round(x.rps)),
    p99Ms: xs.map((x) => x.p99Ms),
  });
  const require = createRequire(import.meta.url);
  const summary = {
    benchmark: 'http-overhead',
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model?.trim(),
      memoryGiB: round(os.totalmem() / 2 ** 30, 1),
      node: process.version,
      autocannon: require('autocannon/package.json').version,
      loadGeneratorSharesMachine: true,
      loadAverageAtEachRound: loads,
    },
    settings,
    raw: { label: 'raw node:http (child process)', headers: rawHeaders, ...summarise(runs.raw) },
    ...Object.fromEntries(
      variants.map((v) => {
        const api = /** @type {any} */ (apis.get(v.key));
        return [
          v.key,
          {
            label: v.label,
            headers: api.headers,
            ...summarise(runs[v.key]),
            ratios: ratios[v.key].map((x) => round(x, 3)),
            medianRatio: round(median(ratios[v.key]), 3),
            cpuRatios: cpuRatios[v.key].map((x) => round(x, 3)),
            medianCpuRatio: round(median(cpuRatios[v.key]), 3),
            meetsTarget: median(ratios[v.key]) >= TARGET_RATIO,
            logBytesPerRequest: round(median(logBytes[v.key])),
          },
        ];
      }),
    ),
    targetRatio: TARGET_RATIO,
    sampleRequestLogLine: sampleLine,
    cpuProfiles: flags['cpu-prof']
      ? Object.fromEntries(
          variants
            .map((v) => [v.key, path.join(work, `${v.key}.cpuprofile`)])
            .filter(([, file]) => fs.existsSync(file))
            .map(([key, file]) => [key, summariseProfile(file)]),
        )
      : undefined,
  };

  // Table.
  const rows = [
    ['server', 'median req/s', 'median p99 (ms)', 'µs CPU/req', 'median ratio api/raw', 'CPU ratio raw/api'],
    ['raw node:http', String(summary.raw.medianRps), String(summary.raw.medianP99Ms), String(summary.raw.medianCpuUsPerRequest), '1', '1'],
    ...variants.map((v) => {
      const s = /** @type {any} */ (summary)[v.key];
      return [v.label, String(s.medianRps), String(s.medianP99Ms), String(s.medianCpuUsPerRequest), `${s.medianRatio}${s.meetsTarget ? '' : ` (< ${TARGET_RATIO})`}`, String(s.medianCpuRatio)];
    }),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  log('');
  for (const row of rows) log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));
  log(`(${summary.machine.cpus} cores, Node ${process.version}; autocannon runs in this process and shares the machine with the server under test.)`);
  if (summary.cpuProfiles) {
    for (const [key, p] of Object.entries(summary.cpuProfiles)) {
      log(`\nCPU profile, ${key} (${p.sampledMs} ms sampled, self time): ${p.file}`);
      for (const c of p.byPackage.slice(0, 10)) log(`  ${String(c.percent).padStart(5)}%  ${c.name}`);
    }
  }
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);

  await raw.stop();
  await stopAll();
}

main()
  .then(() => process.exit(0))
  .catch(async (error) => {
    log(error instanceof ServiceError ? `${error.message}${error.hint ? `\n${error.hint}` : ''}` : String(error?.stack ?? error));
    await stopAll();
    process.exit(1);
  });
