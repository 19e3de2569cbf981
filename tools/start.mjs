// `npm start`: installs what is missing, finds or starts PostgreSQL and Redis, migrates,
// loads demo data once, builds what is not built, and runs api + worker + web.
// Ctrl-C stops everything it started.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies, ensurePostgres, ensureRedis, onExit, ServiceError } from './stack/services.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (m) => process.stderr.write(`${m}\n`);

async function main() {
  await ensureDependencies({ root, log });
  const { buildApps, startPlatform } = await import('./stack/platform.mjs');
  const pg = await ensurePostgres({ root, database: 'boiduong', log });
  const redis = await ensureRedis({ root, log });
  buildApps({ root, log });
  const port = Number(process.env.PORT || 3000);
  const adminUser = process.env.BOOTSTRAP_ADMIN_USERNAME || 'admin';
  const adminPassword = process.env.BOOTSTRAP_ADMIN_PASSWORD || 'BoiDuong@Admin2025';
  const env = {
    DATABASE_URL: pg.url,
    REDIS_URL: redis.url,
    DEMO_DATA: process.env.NODE_ENV === 'production' ? 'false' : (process.env.DEMO_DATA ?? 'true'),
    BOOTSTRAP_ADMIN_USERNAME: adminUser,
    BOOTSTRAP_ADMIN_PASSWORD: adminPassword,
    WEB_DIST_PATH: path.join(root, 'dist/apps/web/browser'),
  };
  const platform = await startPlatform({ root, env, port, log });
  onExit(() => platform.stop(), { name: 'platform' });
  log('');
  log(`Bồi dưỡng is running at http://localhost:${port}`);
  log(`  API docs:  http://localhost:${port}/api/docs`);
  log(`  Health:    http://localhost:${port}/api/v1/health`);
  log(`  Sign in:   ${adminUser} / ${process.env.BOOTSTRAP_ADMIN_PASSWORD ? '(your BOOTSTRAP_ADMIN_PASSWORD)' : adminPassword} (super admin)`);
  if (env.DEMO_DATA === 'true') log('  Demo:      admin.hanoi, giangvien, hocvien, admin.danang — password BoiDuong@2025');
  log('Press Ctrl-C to stop.');
  await new Promise((resolve) => {
    platform.api.once('exit', resolve);
    platform.worker.once('exit', resolve);
  });
  log('A platform process stopped; shutting down.');
  process.exitCode = 1;
}

main().catch((error) => {
  log(error instanceof ServiceError ? `${error.message}${error.hint ? `\n${error.hint}` : ''}` : String(error?.stack ?? error));
  process.exitCode = 1;
});
