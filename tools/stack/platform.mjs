// Builds and runs the platform's own processes (api + worker) against services found by
// services.mjs. Shared by `npm start` and the end-to-end tier of `npm test`, so the tests
// exercise exactly what an operator starts.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ServiceError, trackChild, waitForHttp } from './services.mjs';

const NX_ENV = { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };

/**
 * Builds what is not built (Nx caches the rest).
 * @param {{ root: string, projects?: string[], log?: (m: string) => void }} options
 */
export function buildApps({ root, projects = ['api', 'worker', 'web'], log = (m) => process.stderr.write(`${m}\n`) }) {
  log(`Building ${projects.join(', ')} (cached when unchanged)…`);
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/.bin/nx'), 'run-many', '-t', 'build', '-p', ...projects, '--outputStyle=static'],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...NX_ENV }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (result.status !== 0) {
    process.stderr.write(result.stdout.slice(-20000) + result.stderr.slice(-20000));
    throw new ServiceError(`The build failed (nx run-many -t build -p ${projects.join(' ')}).`);
  }
}

/**
 * Runs `node dist/apps/api/main.js <command>` to completion (migrate, bootstrap).
 * @param {{ root: string, env: Record<string, string>, command: string }} options
 */
export function runApiCommand({ root, env, command }) {
  const result = spawnSync(process.execPath, [path.join(root, 'dist/apps/api/main.js'), command], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new ServiceError(`"${command}" failed: ${(result.stderr || result.stdout).trim().split('\n').slice(-5).join('\n')}`);
  }
  return result.stdout.trim();
}

/**
 * Migrates, then starts the api and the worker, and waits until the api is healthy.
 * Output goes to `logDir` files when given (tests), else to this terminal (npm start).
 * @param {{ root: string, env: Record<string, string>, port: number, logDir?: string, log?: (m: string) => void }} options
 * @returns {Promise<{ url: string, stop: () => Promise<void>, api: import('node:child_process').ChildProcess, worker: import('node:child_process').ChildProcess }>}
 */
export async function startPlatform({ root, env, port, logDir, log = (m) => process.stderr.write(`${m}\n`) }) {
  const fullEnv = { ...env, PORT: String(port) };
  log(runApiCommand({ root, env: fullEnv, command: 'migrate' }));
  const stdio = (name) => {
    if (!logDir) return ['ignore', 'inherit', 'inherit'];
    fs.mkdirSync(logDir, { recursive: true });
    const fd = fs.openSync(path.join(logDir, `${name}.log`), 'a');
    return ['ignore', fd, fd];
  };
  const spawnApp = (name, args) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...fullEnv }, stdio: stdio(name) });
    return { child, stop: trackChild(child, { name, graceMs: 8000 }) };
  };
  const api = spawnApp('api', [path.join(root, 'dist/apps/api/main.js'), 'serve']);
  const worker = spawnApp('worker', [path.join(root, 'dist/apps/worker/main.js')]);
  const url = `http://127.0.0.1:${port}`;
  try {
    // Generous: a cold start of the bundle on a busy 2-core machine has been seen to take over a minute.
    // A process that dies is reported at once, so this wait only matters for a slow, healthy start.
    await waitForHttp(`${url}/api/v1/health`, { timeoutMs: 240_000, process: api.child });
  } catch (error) {
    await Promise.all([api.stop(), worker.stop()]);
    throw error;
  }
  return {
    url,
    api: api.child,
    worker: worker.child,
    stop: async () => {
      await Promise.all([api.stop(), worker.stop()]);
    },
  };
}
