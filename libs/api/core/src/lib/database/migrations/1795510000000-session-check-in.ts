import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * QR check-in at in-person sessions: the window a lecturer opens on a session, and how each
 * attendance was taken (`list` by the lecturer, `qr` by the learner's scan), so a register can
 * tell self-recorded presence from presence the lecturer vouched for.
 */
export class SessionCheckIn1795510000000 implements MigrationInterface {
  name = 'SessionCheckIn1795510000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE course_sessions ADD COLUMN check_in_opened_at timestamptz NULL, ADD COLUMN check_in_closes_at timestamptz NULL`);
    await q.query(
      `ALTER TABLE course_sessions ADD CONSTRAINT ck_course_sessions_check_in
         CHECK ((check_in_opened_at IS NULL) = (check_in_closes_at IS NULL) AND (check_in_closes_at IS NULL OR check_in_closes_at >= check_in_opened_at))`,
    );
    await q.query(`ALTER TABLE session_attendance ADD COLUMN method varchar(8) NOT NULL DEFAULT 'list'`);
    await q.query(`ALTER TABLE session_attendance ADD CONSTRAINT ck_session_attendance_method CHECK (method IN ('list','qr'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE session_attendance DROP CONSTRAINT ck_session_attendance_method`);
    await q.query(`ALTER TABLE session_attendance DROP COLUMN method`);
    await q.query(`ALTER TABLE course_sessions DROP CONSTRAINT ck_course_sessions_check_in`);
    await q.query(`ALTER TABLE course_sessions DROP COLUMN check_in_closes_at, DROP COLUMN check_in_opened_at`);
  }
}
