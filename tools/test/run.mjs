// `npm test`: every tier, in order: lint, tools, unit, integration, end-to-end (HTTP and browser).
// Finds or starts PostgreSQL, Redis and Chromium the way `npm start` does, never skips a tier
// silently, and ends with the line `N passed, N failed`.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium, ensureCommands, ensureDependencies, ensurePostgres, ensureRedis, freePort, ServiceError } from '../stack/services.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const out = path.join(root, 'tmp/test-results');
const log = (m) => process.stderr.write(`${m}\n`);
const NX_ENV = { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', FORCE_COLOR: '0' };
const isRootOnDebian = process.getuid?.() === 0 && fs.existsSync('/etc/debian_version');

/** @type {Array<{ tier: string, passed: number, failed: number, seconds: number, note?: string }>} */
const results = [];

/** Runs a command, streaming its output, and returns its exit code and captured text. */
function run(cmd, args, { env = {}, capture = true } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...NX_ENV, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    const onData = (chunk) => {
      const s = chunk.toString();
      if (capture) text += s;
      process.stdout.write(s);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (code) => resolve({ code: code ?? 1, text }));
  });
}

const nx = (args, env) => run(process.execPath, [path.join(root, 'node_modules/.bin/nx'), ...args, '--outputStyle=static'], { env });
const jest = (args, env) => run(process.execPath, [path.join(root, 'node_modules/jest/bin/jest.js'), ...args], { env });

/** Reads a jest --json report; a suite that failed to run counts as a failure too. */
function jestCounts(file, code) {
  if (!fs.existsSync(file)) return { passed: 0, failed: 1, note: 'jest wrote no report' };
  const r = JSON.parse(fs.readFileSync(file, 'utf8'));
  const failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
  return { passed: r.numPassedTests, failed: failed || (code === 0 ? 0 : 1), note: r.numTotalTests === 0 ? 'no tests found' : undefined };
}

// `npm test` runs every tier. For a quicker loop while developing one part:
//   npm test -- --only integration [jest path patterns…]   (tiers: lint, tools, content, unit, web, integration, e2e)
const argv = process.argv.slice(2);
const onlyAt = argv.indexOf('--only');
const only = onlyAt >= 0 ? argv[onlyAt + 1] : undefined;
const patterns = onlyAt >= 0 ? argv.slice(onlyAt + 2) : [];
const TIER_KEYS = { lint: 'lint', tools: 'tools', content: 'content', 'unit (api': 'unit', 'unit (web': 'web', integration: 'integration', 'end-to-end': 'e2e' };
const keyOf = (name) => Object.entries(TIER_KEYS).find(([prefix]) => name.startsWith(prefix))?.[1];

async function tier(name, fn) {
  if (only && keyOf(name) !== only) return;
  log(`\n=== ${name} ===`);
  const started = Date.now();
  let counts;
  try {
    counts = await fn();
  } catch (error) {
    log(error instanceof ServiceError ? error.message : String(error?.stack ?? error));
    counts = { passed: 0, failed: 1, note: 'tier could not run' };
  }
  // A tier that ran nothing is a failure: nothing is ever skipped silently.
  if (counts.passed + counts.failed === 0) counts = { ...counts, failed: 1, note: counts.note ?? 'ran no test' };
  results.push({ tier: name, ...counts, seconds: Math.round((Date.now() - started) / 1000) });
}

async function main() {
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  await ensureDependencies({ root, log });
  const { buildApps, startPlatform } = await import('../stack/platform.mjs');
  const pg = await ensurePostgres({ root, database: 'boiduong_test', log });
  const redis = await ensureRedis({ root, installIfMissing: isRootOnDebian, log });
  const chromium = await ensureChromium({ installIfMissing: isRootOnDebian, log });
  // Tests read generated PDFs back as text and decode their QR codes.
  await ensureCommands({ pdftotext: 'poppler-utils', zbarimg: 'zbar-tools' }, { installIfMissing: isRootOnDebian, log });

  await tier('lint', async () => {
    const projects = JSON.parse((await run(process.execPath, [path.join(root, 'node_modules/.bin/nx'), 'show', 'projects', '--with-target', 'lint', '--json'], { capture: true })).text.trim().split('\n').pop());
    const { text } = await nx(['run-many', '-t', 'lint', '--parallel=2']);
    const failed = new Set([...text.matchAll(/^\s*-\s*([\w-]+):lint/gm)].map((m) => m[1]));
    return { passed: projects.length - failed.size, failed: failed.size };
  });

  await tier('tools', async () => {
    const { text } = await run(process.execPath, ['--test', 'tools/stack/', 'question-bank/tools/']);
    const num = (k) => Number(text.match(new RegExp(`^# ${k} (\\d+)`, 'm'))?.[1] ?? 0);
    return { passed: num('pass'), failed: num('fail') };
  });

  await tier('content (question bank files)', async () => {
    const { text, code } = await nx(['run', 'question-bank:validate']);
    const m = [...text.matchAll(/^(\d+) passed, (\d+) failed$/gm)].pop();
    if (!m) return { passed: 0, failed: 1, note: 'the validator printed no summary' };
    return { passed: Number(m[1]), failed: Number(m[2]) || (code === 0 ? 0 : 1) };
  });

  await tier('unit (api and libraries, jest)', async () => {
    const report = path.join(out, 'unit.json');
    const { code } = await jest(['--ci', '--json', `--outputFile=${report}`, '--maxWorkers=2', ...patterns], {});
    return jestCounts(report, code);
  });

  await tier('unit (web, vitest)', async () => {
    const { text, code } = await nx(['run-many', '-t', 'test', '--projects=tag:scope:web', '--parallel=1']);
    let passed = 0;
    let failed = 0;
    // Replayed (cached) task output may keep its colours: strip them before reading the counts.
    const plain = text.replace(/\x1b\[[0-9;]*m/g, '');
    for (const m of plain.matchAll(/^\s*Tests\s+(?:(\d+) failed\s*\|\s*)?(?:(\d+) passed)?/gm)) {
      failed += Number(m[1] ?? 0);
      passed += Number(m[2] ?? 0);
    }
    return { passed, failed: failed || (code === 0 ? 0 : 1) };
  });

  if (!only || only === 'integration' || only === 'e2e') buildApps({ root, log, projects: only === 'integration' ? ['api'] : undefined });

  await tier('integration (real PostgreSQL and Redis)', async () => {
    const { runApiCommand } = await import('../stack/platform.mjs');
    const template = `boiduong_tpl_${process.pid}`;
    const admin = new URL(pg.adminUrl);
    const pgClient = await import(path.join(root, 'node_modules/pg/lib/index.js'));
    const client = new pgClient.default.Client({ connectionString: pg.adminUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${template}"`);
    admin.pathname = `/${template}`;
    runApiCommand({ root, env: { DATABASE_URL: admin.toString(), REDIS_URL: redis.url }, command: 'migrate' });
    const report = path.join(out, 'integration.json');
    try {
      const { code } = await jest(['-c', 'jest.integration.config.cts', '--ci', '--json', `--outputFile=${report}`, '--maxWorkers=2', ...patterns], {
        BOIDUONG_TEST_SERVICES: JSON.stringify({ adminUrl: pg.adminUrl, redisUrl: redis.url, templateDatabase: template }),
      });
      return jestCounts(report, code);
    } finally {
      await client.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`).catch(() => undefined);
      await client.end();
    }
  });

  await tier('end-to-end (api over HTTP, web in Chromium)', async () => {
    const database = `boiduong_e2e_${process.pid}`;
    const pgClient = await import(path.join(root, 'node_modules/pg/lib/index.js'));
    const client = new pgClient.default.Client({ connectionString: pg.adminUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${database}"`);
    const dbUrl = new URL(pg.adminUrl);
    dbUrl.pathname = `/${database}`;
    const port = await freePort();
    const admin = { username: 'e2e.admin', password: 'E2e-admin-password-1' };
    const platform = await startPlatform({
      root,
      port,
      logDir: path.join(out, 'e2e-logs'),
      log,
      env: {
        DATABASE_URL: dbUrl.toString(),
        REDIS_URL: redis.url,
        QUEUE_PREFIX: `e2e-${process.pid}`,
        DEMO_DATA: 'true',
        BOOTSTRAP_ADMIN_USERNAME: admin.username,
        BOOTSTRAP_ADMIN_PASSWORD: admin.password,
        WEB_DIST_PATH: path.join(root, 'dist/apps/web/browser'),
        LOG_LEVEL: 'info',
      },
    });
    const report = path.join(out, 'e2e.json');
    try {
      const { code } = await jest(['-c', 'e2e/jest.e2e.config.cts', '--ci', '--json', `--outputFile=${report}`, '--runInBand', ...patterns], {
        E2E_BASE_URL: platform.url,
        E2E_REDIS_URL: redis.url,
        E2E_ADMIN: JSON.stringify(admin),
        E2E_DATABASE_URL: dbUrl.toString(),
        CHROME_PATH: chromium,
        E2E_ARTIFACTS: path.join(out, 'e2e-artifacts'),
      });
      return jestCounts(report, code);
    } finally {
      await platform.stop();
      await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => undefined);
      await client.end();
    }
  });

  log('\n=== summary ===');
  for (const r of results) log(`${r.tier.padEnd(48)} ${String(r.passed).padStart(5)} passed ${String(r.failed).padStart(4)} failed ${String(r.seconds).padStart(5)} s${r.note ? `  (${r.note})` : ''}`);
  const passed = results.reduce((s, r) => s + r.passed, 0);
  const failed = results.reduce((s, r) => s + r.failed, 0);
  await Promise.all([pg.stop(), redis.stop()]);
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  process.exitCode = failed > 0 ? 1 : 0;
}

main().catch((error) => {
  log(error instanceof ServiceError ? `${error.message}${error.hint ? `\n${error.hint}` : ''}` : String(error?.stack ?? error));
  process.stdout.write(`0 passed, 1 failed\n`);
  process.exitCode = 1;
});
