import { Redis } from 'ioredis';
import { Client } from 'pg';
import { AppConfig, maskUrl } from './config/app-config';
import { ConfigurationError, Environment, validateEnvironment } from './config/environment';

/** Exit codes of the entry points, documented in the README. */
export const EXIT = { config: 2, database: 3, redis: 4, storage: 5, failed: 1 } as const;

/**
 * Validates the environment, or prints one line per wrong variable and exits with code 2.
 * Called by the entry points before Nest starts so the operator sees only what is wrong.
 */
export function loadEnvironmentOrExit(raw: Record<string, string | undefined>): Environment {
  try {
    return validateEnvironment(raw);
  } catch (error) {
    if (error instanceof ConfigurationError) {
      process.stderr.write(`Invalid configuration:\n${error.lines.map((l) => `  ${l}`).join('\n')}\n`);
      process.exit(EXIT.config);
    }
    throw error;
  }
}

/** Connects to Postgres and Redis once; on failure prints what is unreachable and exits (3 or 4). */
export async function checkDependenciesOrExit(env: Environment): Promise<void> {
  const config = new AppConfig(env);
  const pg = new Client({ connectionString: env.DATABASE_URL, connectionTimeoutMillis: 5000 });
  try {
    await pg.connect();
    await pg.query('SELECT 1');
  } catch (error) {
    process.stderr.write(
      `Cannot reach PostgreSQL at ${maskUrl(env.DATABASE_URL)}: ${(error as Error).message}\n` +
        `Start PostgreSQL or set DATABASE_URL (npm start finds or starts one for you).\n`,
    );
    process.exit(EXIT.database);
  } finally {
    await pg.end().catch(() => undefined);
  }
  const redis = new Redis({ ...config.redisConnection, lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 3000, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    process.stderr.write(
      `Cannot reach Redis at ${maskUrl(env.REDIS_URL)}: ${(error as Error).message}\n` +
        `Start Redis (apt-get install redis-server) or set REDIS_URL.\n`,
    );
    process.exit(EXIT.redis);
  } finally {
    redis.disconnect();
  }
}
