import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Successor links between org units (merges and splits), and on each unit the current paths of
 * all its transitive successors (`heir_paths`), so that "inside my subtree, or a predecessor of
 * something inside it" stays one GiST-indexed condition.
 */
export class OrgUnitSuccessions1795331000000 implements MigrationInterface {
  name = 'OrgUnitSuccessions1795331000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE org_units ADD COLUMN heir_paths ltree[] NULL`);
    await q.query(`CREATE INDEX ix_org_units_heir_paths ON org_units USING gist (heir_paths)`);
    await q.query(`
      CREATE TABLE org_unit_successions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        predecessor_id uuid NOT NULL,
        successor_id uuid NOT NULL,
        kind varchar(8) NOT NULL,
        effective_on date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT org_unit_successions_predecessor_id_fkey FOREIGN KEY (predecessor_id) REFERENCES org_units(id) ON DELETE RESTRICT,
        CONSTRAINT org_unit_successions_successor_id_fkey FOREIGN KEY (successor_id) REFERENCES org_units(id) ON DELETE RESTRICT,
        CONSTRAINT ck_org_unit_successions_kind CHECK (kind IN ('merge','split')),
        CONSTRAINT ck_org_unit_successions_distinct CHECK (predecessor_id <> successor_id)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX ux_org_unit_successions_pair ON org_unit_successions (predecessor_id, successor_id)`,
    );
    await q.query(`CREATE INDEX ix_org_unit_successions_successor ON org_unit_successions (successor_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE org_unit_successions`);
    await q.query(`DROP INDEX ix_org_units_heir_paths`);
    await q.query(`ALTER TABLE org_units DROP COLUMN heir_paths`);
  }
}
