import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';

/**
 * TypeORM options shared by the api, the worker, the migration CLI and tests.
 * Schema changes happen only through migrations: synchronize is off everywhere.
 */
export function databaseOptions(url: string, poolSize = 10, applicationName = 'boiduong'): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    applicationName,
    poolSize,
    extra: {
      // Fail fast instead of queueing forever when Postgres is gone; health reports it meanwhile.
      connectionTimeoutMillis: 3000,
      idleTimeoutMillis: 30000,
    },
  };
}
