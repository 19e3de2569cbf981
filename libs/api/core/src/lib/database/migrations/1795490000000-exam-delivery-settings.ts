import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How an exam is delivered beyond its timing: when learners see their results, how much of their
 * attempt they may review, and the supervised-room controls (an access code read out in the room,
 * network ranges the room's computers use).
 */
export class ExamDeliverySettings1795490000000 implements MigrationInterface {
  name = 'ExamDeliverySettings1795490000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE exams
        ADD COLUMN result_release varchar(16) NOT NULL DEFAULT 'immediate',
        ADD COLUMN results_released_at timestamptz NULL,
        ADD COLUMN review_policy varchar(16) NOT NULL DEFAULT 'responses',
        ADD COLUMN access_code varchar(64) NULL,
        ADD COLUMN allowed_networks text[] NOT NULL DEFAULT '{}',
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
        ADD CONSTRAINT ck_exams_result_release CHECK (result_release IN ('immediate','after_close','manual')),
        ADD CONSTRAINT ck_exams_review_policy CHECK (review_policy IN ('none','responses','full'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE exams
        DROP CONSTRAINT ck_exams_review_policy,
        DROP CONSTRAINT ck_exams_result_release,
        DROP COLUMN updated_at,
        DROP COLUMN allowed_networks,
        DROP COLUMN access_code,
        DROP COLUMN review_policy,
        DROP COLUMN results_released_at,
        DROP COLUMN result_release`);
  }
}
