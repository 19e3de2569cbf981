import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The SHA-256 of each certificate's issued PDF, shown on the verify page so an altered file is caught. */
export class CertificatePdfHash1795361000000 implements MigrationInterface {
  name = 'CertificatePdfHash1795361000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE certificates ADD COLUMN pdf_sha256 char(64) NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE certificates DROP COLUMN pdf_sha256`);
  }
}
