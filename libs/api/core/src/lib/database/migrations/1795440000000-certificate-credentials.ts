import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Verifiable credentials and title eligibility: each certificate keeps its signed Open Badges 3.0
 * credential (a JWT) and the titles its program qualifies for; a cadre's profile records since
 * when the current title is held, which starts the grace window for obtaining its certificate.
 */
export class CertificateCredentials1795440000000 implements MigrationInterface {
  name = 'CertificateCredentials1795440000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE certificates ADD COLUMN credential_jwt text NULL`);
    // Existing rows qualify for no title; new rows always state theirs, so no default remains.
    await q.query(`ALTER TABLE certificates ADD COLUMN titles varchar(64)[] NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE certificates ALTER COLUMN titles DROP DEFAULT`);
    await q.query(`ALTER TABLE cadre_profiles ADD COLUMN title_since date NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cadre_profiles DROP COLUMN title_since`);
    await q.query(`ALTER TABLE certificates DROP COLUMN titles`);
    await q.query(`ALTER TABLE certificates DROP COLUMN credential_jwt`);
  }
}
