import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Personal details on users, and the cadre and lecturer profiles (one row per user at most). */
export class IdentityProfiles1795330000000 implements MigrationInterface {
  name = 'IdentityProfiles1795330000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN date_of_birth date NULL`);
    await q.query(`ALTER TABLE users ADD COLUMN gender varchar(16) NULL`);
    await q.query(`ALTER TABLE users ADD COLUMN phone varchar(32) NULL`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT ck_users_gender CHECK (gender IS NULL OR gender IN ('male','female','other'))`);
    await q.query(`
      CREATE TABLE cadre_profiles (
        user_id uuid PRIMARY KEY,
        title varchar(64) NOT NULL,
        planned_titles varchar(64)[] NOT NULL,
        employment varchar(16) NOT NULL,
        theory_level varchar(16) NULL,
        education varchar(255) NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT cadre_profiles_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE,
        CONSTRAINT ck_cadre_profiles_employment CHECK (employment IN ('full_time','part_time','concurrent')),
        CONSTRAINT ck_cadre_profiles_theory_level CHECK (theory_level IS NULL OR theory_level IN ('elementary','intermediate','advanced','bachelor'))
      )`);
    await q.query(`CREATE INDEX ix_cadre_profiles_title ON cadre_profiles (title)`);
    await q.query(`
      CREATE TABLE lecturer_profiles (
        user_id uuid PRIMARY KEY,
        specialties varchar(64)[] NOT NULL,
        programs_taught varchar(255)[] NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT lecturer_profiles_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE lecturer_profiles`);
    await q.query(`DROP TABLE cadre_profiles`);
    await q.query(`ALTER TABLE users DROP CONSTRAINT ck_users_gender`);
    await q.query(`ALTER TABLE users DROP COLUMN phone`);
    await q.query(`ALTER TABLE users DROP COLUMN gender`);
    await q.query(`ALTER TABLE users DROP COLUMN date_of_birth`);
  }
}
