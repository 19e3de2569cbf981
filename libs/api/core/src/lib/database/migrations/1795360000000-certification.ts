import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Certificates (Circular 03/2023/TT-BNV): dated rule sets, the registry book counter per issuer
 * and year, the certificates themselves (each row is one entry of the book) and the keys that
 * sign them. The default rule set is seeded as a row so a newer legal text replaces it by
 * inserting a row with a later effective date, not by changing code.
 */
export class Certification1795360000000 implements MigrationInterface {
  name = 'Certification1795360000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE certificate_rule_sets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(64) NOT NULL,
        name varchar(255) NOT NULL,
        legal_basis varchar(255) NOT NULL,
        effective_from date NOT NULL,
        rules jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ux_certificate_rule_sets_code UNIQUE (code)
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_certificate_rule_sets_effective ON certificate_rule_sets (effective_from)`);
    await q.query(
      `INSERT INTO certificate_rule_sets (code, name, legal_basis, effective_from, rules) VALUES ($1, $2, $3, $4, $5)`,
      [
        'tt-03-2023-bnv',
        'Chứng chỉ bồi dưỡng theo Thông tư 03/2023/TT-BNV',
        'Thông tư 03/2023/TT-BNV',
        '2023-07-01',
        JSON.stringify({
          attendanceShareRequired: 1,
          passMarkPercent: 50,
          rulesKeptRequired: true,
          issueOnce: true,
          validityMonths: null,
          titleGraceMonths: 12,
        }),
      ],
    );

    await q.query(`
      CREATE TABLE certificate_registries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        issuer_unit_id uuid NOT NULL,
        year integer NOT NULL,
        last_number integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT certificate_registries_issuer_unit_id_fkey FOREIGN KEY (issuer_unit_id) REFERENCES org_units(id) ON DELETE RESTRICT,
        CONSTRAINT ck_certificate_registries_number CHECK (last_number >= 0)
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_certificate_registries_issuer_year ON certificate_registries (issuer_unit_id, year)`);

    await q.query(`
      CREATE TABLE certificate_signing_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kid varchar(64) NOT NULL,
        public_key_pem text NOT NULL,
        private_key_pem text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ux_certificate_signing_keys_kid UNIQUE (kid)
      )`);

    await q.query(`CREATE SEQUENCE certificate_status_list_seq START 1`);
    await q.query(`
      CREATE TABLE certificates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(64) NOT NULL,
        status varchar(16) NOT NULL,
        issuer_unit_id uuid NOT NULL,
        year integer NOT NULL,
        entry_number integer NOT NULL,
        serial_number varchar(64) NOT NULL,
        user_id uuid NOT NULL,
        course_id uuid NOT NULL,
        enrollment_id uuid NULL,
        rule_set_code varchar(64) NOT NULL,
        certificate_name varchar(255) NOT NULL,
        issuer_name varchar(255) NOT NULL,
        holder_name varchar(255) NOT NULL,
        holder_date_of_birth date NULL,
        program_code varchar(64) NOT NULL,
        program_name varchar(500) NOT NULL,
        course_starts_on date NOT NULL,
        course_ends_on date NOT NULL,
        result varchar(255) NULL,
        issued_place varchar(255) NOT NULL,
        issued_on date NOT NULL,
        signer_name varchar(255) NOT NULL,
        signer_title varchar(255) NOT NULL,
        status_list_index integer NOT NULL,
        signing_key_id varchar(64) NOT NULL,
        signature text NOT NULL,
        reissue_of_id uuid NULL,
        reissue_note text NULL,
        replaced_by_id uuid NULL,
        revocation_reason varchar(32) NULL,
        revocation_decision_number varchar(64) NULL,
        revoked_on date NULL,
        revoked_by_unit_id uuid NULL,
        revocation_note text NULL,
        completion_notice_number varchar(64) NULL,
        completion_notice_issued_on date NULL,
        completion_notice_note text NULL,
        issued_by_user_id uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT certificates_issuer_unit_id_fkey FOREIGN KEY (issuer_unit_id) REFERENCES org_units(id) ON DELETE RESTRICT,
        CONSTRAINT certificates_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE RESTRICT,
        CONSTRAINT ck_certificates_status CHECK (status IN ('valid','revoked','replaced')),
        CONSTRAINT ck_certificates_revocation_reason CHECK (revocation_reason IS NULL OR revocation_reason IN ('fraud','ineligible','outside_authority','altered','lent','issuer_error')),
        CONSTRAINT ck_certificates_revoked CHECK ((status = 'revoked') = (revoked_on IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_certificates_code ON certificates (code)`);
    await q.query(`CREATE UNIQUE INDEX ux_certificates_entry ON certificates (issuer_unit_id, year, entry_number)`);
    await q.query(`CREATE UNIQUE INDEX ux_certificates_serial ON certificates (serial_number)`);
    await q.query(`CREATE UNIQUE INDEX ux_certificates_status_list_index ON certificates (status_list_index)`);
    await q.query(`CREATE INDEX ix_certificates_user ON certificates (user_id)`);
    // Issued once: one live certificate per learner and course; a reissue first marks the old one replaced.
    await q.query(`CREATE UNIQUE INDEX ux_certificates_once ON certificates (user_id, course_id) WHERE status <> 'replaced'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE certificates`);
    await q.query(`DROP SEQUENCE certificate_status_list_seq`);
    await q.query(`DROP TABLE certificate_signing_keys`);
    await q.query(`DROP TABLE certificate_registries`);
    await q.query(`DROP TABLE certificate_rule_sets`);
  }
}
