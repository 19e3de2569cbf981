import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every admin change of the identity context, with the unit it concerns and before/after images. */
export class IdentityAuditLog1795332000000 implements MigrationInterface {
  name = 'IdentityAuditLog1795332000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        actor_id uuid NULL,
        actor_username varchar(64) NULL,
        action varchar(64) NOT NULL,
        entity varchar(64) NOT NULL,
        entity_id uuid NOT NULL,
        org_unit_id uuid NOT NULL,
        org_unit_path ltree NOT NULL,
        before jsonb NULL,
        after jsonb NULL,
        at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT audit_log_actor_id_fkey FOREIGN KEY (actor_id) REFERENCES users(id) ON DELETE SET NULL,
        CONSTRAINT audit_log_org_unit_id_fkey FOREIGN KEY (org_unit_id) REFERENCES org_units(id) ON DELETE RESTRICT
      )`);
    await q.query(`CREATE INDEX ix_audit_log_org_unit ON audit_log (org_unit_id, at)`);
    await q.query(`CREATE INDEX ix_audit_log_entity ON audit_log (entity, entity_id)`);
    await q.query(`CREATE INDEX ix_audit_log_at ON audit_log (at)`);
    await q.query(`CREATE INDEX ix_audit_log_org_unit_path ON audit_log USING gist (org_unit_path)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
  }
}
