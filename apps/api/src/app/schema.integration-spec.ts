import { ASSESSMENT_ENTITIES } from '@boiduong/api-assessment';
import { databaseOptions } from '@boiduong/api-core';
import { CATALOG_ENTITIES } from '@boiduong/api-catalog';
import { CERTIFICATION_ENTITIES } from '@boiduong/api-certification';
import { IDENTITY_ENTITIES } from '@boiduong/api-identity';
import { QUESTION_BANK_ENTITIES } from '@boiduong/api-question-bank';
import { STATISTICS_ENTITIES } from '@boiduong/api-statistics';
import { createTestDatabase } from '@boiduong/api-testing';
import { DataSource } from 'typeorm';

/** Every entity the api loads; a new context adds its entities here. */
const ALL_ENTITIES = [...IDENTITY_ENTITIES, ...QUESTION_BANK_ENTITIES, ...CATALOG_ENTITIES, ...ASSESSMENT_ENTITIES, ...CERTIFICATION_ENTITIES, ...STATISTICS_ENTITIES];

describe('database schema', () => {
  it('matches the entities exactly after migrations (no drift to generate)', async () => {
    const database = await createTestDatabase();
    const ds = new DataSource({ ...databaseOptions(database.url, 2), entities: ALL_ENTITIES });
    await ds.initialize();
    try {
      const pending = await ds.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
      expect(await ds.showMigrations()).toBe(false);
    } finally {
      await ds.destroy();
      await database.drop();
    }
  });

  it('reverts and re-applies every migration cleanly', async () => {
    const database = await createTestDatabase();
    const ds = new DataSource(databaseOptions(database.url, 2));
    await ds.initialize();
    try {
      for (let i = 0; i < ds.migrations.length; i++) await ds.undoLastMigration();
      const tables = await ds.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'`);
      expect(tables[0].n).toBe(0);
      expect((await ds.runMigrations()).length).toBe(ds.migrations.length);
    } finally {
      await ds.destroy();
      await database.drop();
    }
  });
});
