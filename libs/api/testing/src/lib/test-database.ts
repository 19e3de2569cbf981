import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { runMigrations } from '@boiduong/api-core';

/**
 * Per-test-file databases. The integration global setup migrates one template database;
 * each test file then clones it (CREATE DATABASE … TEMPLATE, ~100 ms), so files are
 * isolated from each other and run with real migrations.
 */
export interface TestServices {
  /** A URL to the server's maintenance database (for CREATE/DROP DATABASE). */
  adminUrl: string;
  redisUrl: string;
  templateDatabase: string;
}

const ENV_KEY = 'BOIDUONG_TEST_SERVICES';

export function publishTestServices(services: TestServices): void {
  process.env[ENV_KEY] = JSON.stringify(services);
}

export function testServices(): TestServices {
  const raw = process.env[ENV_KEY];
  if (!raw) throw new Error(`${ENV_KEY} is not set: run integration tests through npm test (its global setup provides the databases)`);
  return JSON.parse(raw) as TestServices;
}

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdmin<T>(adminUrl: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates (or replaces) the migrated template database. */
export async function prepareTemplateDatabase(adminUrl: string, name: string): Promise<void> {
  await withAdmin(adminUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${name}"`);
  });
  await runMigrations(databaseUrl(adminUrl, name));
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** Clones the template into a fresh database and returns its name and URL. */
export async function createTestDatabase(prefix = 't'): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const { adminUrl, templateDatabase } = testServices();
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${templateDatabase}"`));
  return { name, url: databaseUrl(adminUrl, name), drop: () => dropDatabase(adminUrl, name) };
}
