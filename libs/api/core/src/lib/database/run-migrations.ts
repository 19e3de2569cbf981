import { DataSource } from 'typeorm';
import { databaseOptions } from './database-options';

/**
 * Applies pending migrations under an advisory lock, so that several processes started
 * together (replicas, test workers) never run the same migration twice.
 */
export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = new DataSource({ ...databaseOptions(url, 2, 'boiduong-migrate') });
  await dataSource.initialize();
  try {
    await dataSource.query('SELECT pg_advisory_lock(727001)');
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await dataSource.query('SELECT pg_advisory_unlock(727001)').catch(() => undefined);
    await dataSource.destroy();
  }
}

export async function revertLastMigration(url: string): Promise<void> {
  const dataSource = new DataSource({ ...databaseOptions(url, 2, 'boiduong-migrate') });
  await dataSource.initialize();
  try {
    await dataSource.undoLastMigration({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}
