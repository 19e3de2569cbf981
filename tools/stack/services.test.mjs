// Runs against real PostgreSQL, Redis and processes: `node --test tools/stack/`.
// Expects PostgreSQL on 127.0.0.1:5432 (trust for `postgres`) and Redis on
// 127.0.0.1:6379, as on the development machines and CI.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { Redis } from 'ioredis';
import {
  ServiceError,
  ensureChromium,
  ensureDependencies,
  ensurePostgres,
  ensureRedis,
  freePort,
  isPortOpen,
  waitForHttp,
} from './services.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const quiet = () => undefined;

const ENV_KEYS = [
  'DATABASE_URL',
  'REDIS_URL',
  'CHROME_PATH',
  'EMBEDDED_PG_PORT',
  'SPAWNED_REDIS_PORT',
  'BOIDUONG_PG_SKIP_LOCAL',
  'BOIDUONG_REDIS_SKIP_LOCAL',
];

/**
 * Runs `fn` with exactly `vars` set among the variables this module reads, so
 * a developer's own DATABASE_URL or REDIS_URL cannot change what is tested.
 * @param {Record<string, string>} vars
 * @param {() => Promise<void>} fn
 */
async function withEnv(vars, fn) {
  const saved = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));
  for (const key of ENV_KEYS) delete process.env[key];
  Object.assign(process.env, vars);
  try {
    await fn();
  } finally {
    for (const key of ENV_KEYS) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  }
}

/**
 * A temp project root, removed when the test ends. World-traversable because
 * the embedded PostgreSQL runs as the `postgres` user when we are root.
 * @param {import('node:test').TestContext} t
 */
function tempRoot(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'boiduong-stack-'));
  fs.chmodSync(dir, 0o755);
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** @param {string} url @param {string} sql */
async function query(url, sql) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/** @param {string} url */
async function ping(url) {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', quiet);
  try {
    await client.connect();
    return await client.ping();
  } finally {
    client.disconnect();
  }
}

/** Waits until nothing listens on `port` any more. @param {number} port */
async function portClosedSoon(port, ms = 5000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!(await isPortOpen(port))) return true;
    await sleep(100);
  }
  return false;
}

test('ensurePostgres finds the local server on 127.0.0.1:5432 and creates the database', async (t) => {
  await withEnv({}, async () => {
    const database = `boiduong_stack_test_${randomBytes(4).toString('hex')}`;
    const service = await ensurePostgres({ root: tempRoot(t), database, log: quiet });
    try {
      assert.equal(service.source, 'local');
      assert.match(service.url, /@127\.0\.0\.1:5432\//);
      const rows = await query(service.url, 'select current_database() as name');
      assert.equal(rows[0].name, database);
      // Nothing was started, so stop() must leave the shared server alone.
      await service.stop();
      assert.ok(await isPortOpen(5432));
    } finally {
      await query(service.adminUrl, `drop database if exists "${database}"`);
    }
    const left = await query(service.adminUrl, `select 1 from pg_database where datname = '${database}'`);
    assert.equal(left.length, 0);
  });
});

test('ensurePostgres fails fast and clearly when DATABASE_URL does not answer', async (t) => {
  const port = await freePort();
  const url = `postgres://someone:s3cret-pw@127.0.0.1:${port}/boiduong`;
  await withEnv({ DATABASE_URL: url }, async () => {
    const started = Date.now();
    await assert.rejects(ensurePostgres({ root: tempRoot(t), log: quiet }), (error) => {
      assert.ok(error instanceof ServiceError);
      assert.match(error.message, /Could not connect to PostgreSQL at postgres:\/\/someone:\*\*\*@127\.0\.0\.1:\d+\/boiduong/);
      assert.doesNotMatch(error.message, /s3cret-pw/);
      assert.ok(error.hint);
      return true;
    });
    assert.ok(Date.now() - started < 5500, 'gave up within 5 s');
  });
});

test('ensurePostgres starts an embedded server when no other is available, and reuses its data', async (t) => {
  const root = tempRoot(t);
  const port = await freePort();
  try {
    await withEnv({ BOIDUONG_PG_SKIP_LOCAL: '1', EMBEDDED_PG_PORT: String(port) }, async () => {
      const first = await ensurePostgres({ root, log: quiet });
      try {
        assert.equal(first.source, 'embedded');
        assert.ok(first.url.includes(`:${port}/boiduong`));
        assert.deepEqual(await query(first.url, 'select 1 as one'), [{ one: 1 }]);
        await query(first.url, 'create table kept (id int)');
      } finally {
        await first.stop();
      }
      assert.ok(await portClosedSoon(port), 'embedded PostgreSQL stopped');

      // The second run must start from the same data, not initialise again.
      const second = await ensurePostgres({ root, log: quiet });
      try {
        assert.equal(second.source, 'embedded');
        assert.deepEqual(await query(second.url, "select to_regclass('kept')::text as t"), [{ t: 'kept' }]);
      } finally {
        await second.stop();
      }
      assert.ok(await portClosedSoon(port), 'embedded PostgreSQL stopped again');
    });
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('ensureRedis finds the local server on 127.0.0.1:6379', async (t) => {
  await withEnv({}, async () => {
    const service = await ensureRedis({ root: tempRoot(t), log: quiet });
    assert.equal(service.source, 'local');
    assert.equal(service.url, 'redis://127.0.0.1:6379');
    assert.equal(await ping(service.url), 'PONG');
    await service.stop();
    assert.ok(await isPortOpen(6379));
  });
});

test('ensureRedis spawns redis-server when no other is available', async (t) => {
  const root = tempRoot(t);
  const port = await freePort();
  try {
    await withEnv({ BOIDUONG_REDIS_SKIP_LOCAL: '1', SPAWNED_REDIS_PORT: String(port) }, async () => {
      const service = await ensureRedis({ root, log: quiet });
      try {
        assert.equal(service.source, 'spawned');
        assert.equal(service.url, `redis://127.0.0.1:${port}`);
        assert.equal(await ping(service.url), 'PONG');
      } finally {
        await service.stop();
      }
      assert.ok(await portClosedSoon(port), 'spawned redis-server stopped');
    });
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('ensureRedis fails fast and clearly when REDIS_URL does not answer', async (t) => {
  const port = await freePort();
  await withEnv({ REDIS_URL: `redis://:pw-123@127.0.0.1:${port}` }, async () => {
    const started = Date.now();
    await assert.rejects(ensureRedis({ root: tempRoot(t), log: quiet }), (error) => {
      assert.ok(error instanceof ServiceError);
      assert.match(error.message, /Could not reach Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+ \(REDIS_URL\)/);
      assert.doesNotMatch(error.message, /pw-123/);
      return true;
    });
    assert.ok(Date.now() - started < 3500, 'gave up within 3 s');
  });
});

test('ensureChromium honours CHROME_PATH and names what to install when it is wrong', async (t) => {
  // Any executable will do to prove CHROME_PATH is honoured.
  await withEnv({ CHROME_PATH: process.execPath }, async () => {
    assert.equal(await ensureChromium({ installIfMissing: false }), process.execPath);
  });
  await withEnv({ CHROME_PATH: path.join(tempRoot(t), 'no-such-chrome') }, async () => {
    await assert.rejects(ensureChromium({ installIfMissing: false }), (error) => {
      assert.ok(error instanceof ServiceError);
      assert.match(error.message, /CHROME_PATH/);
      assert.match(error.message, /`chromium`/);
      return true;
    });
  });
});

test('ensureChromium without CHROME_PATH names the Debian package when Chromium is absent', async (t) => {
  if (fs.existsSync('/usr/bin/chromium')) {
    t.skip('/usr/bin/chromium is installed here');
    return;
  }
  await withEnv({}, async () => {
    await assert.rejects(ensureChromium({ installIfMissing: false }), /Install the Debian package `chromium`.*CHROME_PATH/);
  });
});

test('ensureDependencies does nothing when node_modules is up to date', async (t) => {
  const root = tempRoot(t);
  try {
    fs.writeFileSync(path.join(root, 'package.json'), '{"name":"x","version":"1.0.0"}\n');
    fs.writeFileSync(path.join(root, 'package-lock.json'), '{"lockfileVersion":3}\n');
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(root, 'package.json'), old, old);
    fs.utimesSync(path.join(root, 'package-lock.json'), old, old);
    fs.mkdirSync(path.join(root, 'node_modules'));
    fs.writeFileSync(path.join(root, 'node_modules', '.package-lock.json'), '{"lockfileVersion":3}\n');
    /** @type {string[]} */
    const messages = [];
    assert.equal(await ensureDependencies({ root, log: (m) => messages.push(m) }), false);
    assert.deepEqual(messages, []);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('waitForHttp and freePort', async () => {
  const http = await import('node:http');
  const port = await freePort();
  const server = http.createServer((req, res) => {
    res.statusCode = req.url === '/busy' ? 503 : 204;
    res.end();
  });
  // Start late, so waitForHttp has to poll.
  setTimeout(() => server.listen(port, '127.0.0.1'), 300);
  try {
    assert.equal(await waitForHttp(`http://127.0.0.1:${port}/`, { timeoutMs: 5000, intervalMs: 50 }), 204);
    assert.equal(await waitForHttp(`http://127.0.0.1:${port}/busy`, { timeoutMs: 2000 }), 503);
  } finally {
    server.close();
  }
  const closed = await freePort();
  await assert.rejects(waitForHttp(`http://127.0.0.1:${closed}/`, { timeoutMs: 500 }), /did not answer within/);
});

/**
 * Starts a Node process that spawns a redis-server through ensureRedis, then
 * misbehaves as told; resolves with the port and the way it ended.
 * @param {import('node:test').TestContext} t
 * @param {'throw' | 'wait'} mode
 * @param {(child: import('node:child_process').ChildProcess) => void} [afterReady]
 */
async function childWithRedis(t, mode, afterReady) {
  const root = tempRoot(t);
  const port = await freePort();
  const script = `
    import { ensureRedis } from ${JSON.stringify(path.join(here, 'services.mjs'))};
    await ensureRedis({ root: ${JSON.stringify(root)}, log: () => undefined });
    console.log('ready');
    if (${JSON.stringify(mode)} === 'throw') setTimeout(() => { throw new Error('boom'); }, 10);
    else setInterval(() => undefined, 1000);
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, BOIDUONG_REDIS_SKIP_LOCAL: '1', SPAWNED_REDIS_PORT: String(port), REDIS_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ended = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  try {
    await new Promise((resolve, reject) => {
      child.stdout.on('data', (chunk) => String(chunk).includes('ready') && resolve(undefined));
      child.once('exit', () => reject(new Error('child exited before redis was ready')));
    });
    assert.ok(await isPortOpen(port), 'redis-server is up');
    afterReady?.(child);
    const result = /** @type {{ code: number | null, signal: string | null }} */ (await ended);
    return { port, ...result };
  } finally {
    child.kill('SIGKILL');
  }
}

test('a spawned redis-server does not outlive its parent after an uncaught exception', async (t) => {
  const { port, code } = await childWithRedis(t, 'throw');
  assert.equal(code, 1);
  assert.ok(await portClosedSoon(port), 'redis-server went with its parent');
});

test('a spawned redis-server is stopped when the parent gets SIGTERM', async (t) => {
  const { port, code } = await childWithRedis(t, 'wait', (child) => child.kill('SIGTERM'));
  assert.equal(code, 128 + 15);
  assert.ok(await portClosedSoon(port), 'redis-server went with its parent');
});
