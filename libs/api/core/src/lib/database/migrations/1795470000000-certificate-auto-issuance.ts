import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Automatic issuance: how each program issues (right after the deciding grade, at course close,
 * or after an admin's approval), who signs for each issuing unit and where, and one candidate row
 * per completed enrollment, which is both the approval list and the guard that queues an
 * enrollment's issuance once.
 */
export class CertificateAutoIssuance1795470000000 implements MigrationInterface {
  name = 'CertificateAutoIssuance1795470000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE certificate_program_policies (
        program_id uuid PRIMARY KEY,
        issuance_mode varchar(32) NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT certificate_program_policies_program_id_fkey FOREIGN KEY (program_id) REFERENCES programs(id) ON DELETE CASCADE,
        CONSTRAINT ck_certificate_program_policies_mode CHECK (issuance_mode IN ('on_grade','at_course_close','after_approval'))
      )`);
    await q.query(`
      CREATE TABLE certificate_issuers (
        unit_id uuid PRIMARY KEY,
        signer_name varchar(255) NOT NULL,
        signer_title varchar(255) NOT NULL,
        issued_place varchar(255) NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT certificate_issuers_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES org_units(id) ON DELETE RESTRICT
      )`);
    await q.query(`
      CREATE TABLE certificate_candidates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enrollment_id uuid NOT NULL,
        course_id uuid NOT NULL,
        user_id uuid NOT NULL,
        status varchar(16) NOT NULL,
        reason text NULL,
        certificate_id uuid NULL,
        decided_by_user_id uuid NULL,
        decided_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT certificate_candidates_enrollment_id_fkey FOREIGN KEY (enrollment_id) REFERENCES enrollments(id) ON DELETE CASCADE,
        CONSTRAINT ck_certificate_candidates_status CHECK (status IN ('awaiting_close','pending','queued','issued','refused','failed')),
        CONSTRAINT ck_certificate_candidates_refused CHECK (status <> 'refused' OR reason IS NOT NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_certificate_candidates_enrollment ON certificate_candidates (enrollment_id)`);
    await q.query(`CREATE INDEX ix_certificate_candidates_course ON certificate_candidates (course_id)`);
    await q.query(`CREATE INDEX ix_certificate_candidates_status ON certificate_candidates (status)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE certificate_candidates`);
    await q.query(`DROP TABLE certificate_issuers`);
    await q.query(`DROP TABLE certificate_program_policies`);
  }
}
