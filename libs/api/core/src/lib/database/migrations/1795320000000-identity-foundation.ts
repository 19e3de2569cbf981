import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Org units as an ltree-indexed tree, users, role grants scoped to a unit, refresh-token families. */
export class IdentityFoundation1795320000000 implements MigrationInterface {
  name = 'IdentityFoundation1795320000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS ltree`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await q.query(`
      CREATE TABLE org_units (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(64) NOT NULL,
        name varchar(255) NOT NULL,
        type varchar(16) NOT NULL,
        parent_id uuid NULL REFERENCES org_units(id) ON DELETE RESTRICT,
        path ltree NOT NULL,
        valid_from date NOT NULL,
        valid_to date NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_org_units_type CHECK (type IN ('central','province','bloc','commune','grassroots','branch','district')),
        CONSTRAINT ck_org_units_validity CHECK (valid_to IS NULL OR valid_to >= valid_from)
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_org_units_code ON org_units (lower(code))`);
    await q.query(`CREATE INDEX ix_org_units_path ON org_units USING gist (path)`);
    await q.query(`CREATE INDEX ix_org_units_parent ON org_units (parent_id)`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username varchar(64) NOT NULL,
        email varchar(255) NULL,
        password_hash varchar(255) NOT NULL,
        full_name varchar(255) NOT NULL,
        org_unit_id uuid NOT NULL REFERENCES org_units(id) ON DELETE RESTRICT,
        must_change_password boolean NOT NULL DEFAULT false,
        failed_login_count integer NOT NULL DEFAULT 0,
        locked_until timestamptz NULL,
        disabled_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_users_username ON users (lower(username))`);
    await q.query(`CREATE UNIQUE INDEX ux_users_email ON users (lower(email)) WHERE email IS NOT NULL`);
    await q.query(`CREATE INDEX ix_users_org_unit ON users (org_unit_id)`);
    await q.query(`
      CREATE TABLE role_grants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role varchar(32) NOT NULL,
        org_unit_id uuid NOT NULL REFERENCES org_units(id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_role_grants_role CHECK (role IN ('learner','lecturer','examiner','org_admin','super_admin'))
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_role_grants_user_role_unit ON role_grants (user_id, role, org_unit_id)`);
    await q.query(`CREATE INDEX ix_role_grants_org_unit ON role_grants (org_unit_id)`);
    await q.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        family_id uuid NOT NULL,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        token_hash char(64) NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz NULL,
        revoked_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_refresh_tokens_family ON refresh_tokens (family_id)`);
    await q.query(`CREATE INDEX ix_refresh_tokens_user ON refresh_tokens (user_id)`);
    await q.query(`CREATE INDEX ix_refresh_tokens_expires ON refresh_tokens (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE refresh_tokens`);
    await q.query(`DROP TABLE role_grants`);
    await q.query(`DROP TABLE users`);
    await q.query(`DROP TABLE org_units`);
  }
}
