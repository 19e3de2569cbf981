import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Exams, attempts, the items each attempt drew, and responses. A response row is keyed by
 * (attempt, item) and carries the client's sequence number, so a save is one idempotent upsert.
 */
export class Assessment1795370000000 implements MigrationInterface {
  name = 'Assessment1795370000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE exams (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        course_id uuid NOT NULL,
        org_unit_id uuid NOT NULL,
        title varchar(255) NOT NULL,
        blueprint jsonb NOT NULL,
        time_limit_seconds integer NULL,
        opens_at timestamptz NOT NULL,
        closes_at timestamptz NOT NULL,
        max_attempts integer NULL,
        attempts_policy varchar(16) NOT NULL,
        pass_mark numeric(5,2) NOT NULL,
        overdue_handling varchar(16) NOT NULL,
        grace_period_seconds integer NOT NULL,
        shuffle_items boolean NOT NULL,
        shuffle_options boolean NOT NULL,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT exams_course_id_fkey FOREIGN KEY (course_id) REFERENCES courses(id) ON DELETE RESTRICT,
        CONSTRAINT exams_org_unit_id_fkey FOREIGN KEY (org_unit_id) REFERENCES org_units(id) ON DELETE RESTRICT,
        CONSTRAINT exams_created_by_fkey FOREIGN KEY (created_by) REFERENCES users(id) ON DELETE RESTRICT,
        CONSTRAINT ck_exams_window CHECK (closes_at > opens_at),
        CONSTRAINT ck_exams_pass_mark CHECK (pass_mark >= 0 AND pass_mark <= 100),
        CONSTRAINT ck_exams_policy CHECK (attempts_policy IN ('highest','last','first','average')),
        CONSTRAINT ck_exams_overdue CHECK (overdue_handling IN ('autosubmit','graceperiod','autoabandon'))
      )`);
    await q.query(`CREATE INDEX ix_exams_course ON exams (course_id)`);
    await q.query(`
      CREATE TABLE exam_extra_time (
        exam_id uuid NOT NULL,
        user_id uuid NOT NULL,
        minutes integer NOT NULL,
        multiplier numeric(4,2) NOT NULL,
        PRIMARY KEY (exam_id, user_id),
        CONSTRAINT exam_extra_time_exam_id_fkey FOREIGN KEY (exam_id) REFERENCES exams(id) ON DELETE CASCADE,
        CONSTRAINT exam_extra_time_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE attempts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        exam_id uuid NOT NULL,
        user_id uuid NOT NULL,
        number integer NOT NULL,
        status varchar(16) NOT NULL,
        started_at timestamptz NOT NULL,
        deadline timestamptz NOT NULL,
        finished_at timestamptz NULL,
        score numeric(10,4) NULL,
        max_score numeric(10,4) NOT NULL,
        needs_manual_grading boolean NOT NULL,
        CONSTRAINT attempts_exam_id_fkey FOREIGN KEY (exam_id) REFERENCES exams(id) ON DELETE RESTRICT,
        CONSTRAINT attempts_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE RESTRICT,
        CONSTRAINT ck_attempts_status CHECK (status IN ('in_progress','submitted','abandoned'))
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_attempts_exam_user_number ON attempts (exam_id, user_id, number)`);
    // One open attempt per learner and exam, enforced by the database rather than by a check-then-insert.
    await q.query(`CREATE UNIQUE INDEX ux_attempts_open ON attempts (exam_id, user_id) WHERE status = 'in_progress'`);
    await q.query(`CREATE INDEX ix_attempts_open_deadline ON attempts (deadline) WHERE status = 'in_progress'`);
    await q.query(`
      CREATE TABLE attempt_items (
        attempt_id uuid NOT NULL,
        position integer NOT NULL,
        item_id uuid NOT NULL,
        item_version_id uuid NOT NULL,
        points numeric(8,2) NOT NULL,
        option_order jsonb NULL,
        PRIMARY KEY (attempt_id, position),
        CONSTRAINT attempt_items_attempt_id_fkey FOREIGN KEY (attempt_id) REFERENCES attempts(id) ON DELETE CASCADE,
        CONSTRAINT attempt_items_item_version_id_fkey FOREIGN KEY (item_version_id) REFERENCES qb_item_versions(id) ON DELETE RESTRICT
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_attempt_items_attempt_item ON attempt_items (attempt_id, item_id)`);
    await q.query(`CREATE INDEX ix_attempt_items_item ON attempt_items (item_id)`);
    await q.query(`
      CREATE TABLE responses (
        attempt_id uuid NOT NULL,
        item_id uuid NOT NULL,
        answer jsonb NOT NULL,
        seq integer NOT NULL,
        saved_at timestamptz NOT NULL,
        credit numeric(6,5) NULL,
        PRIMARY KEY (attempt_id, item_id),
        CONSTRAINT responses_attempt_id_fkey FOREIGN KEY (attempt_id) REFERENCES attempts(id) ON DELETE CASCADE
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE responses`);
    await q.query(`DROP TABLE attempt_items`);
    await q.query(`DROP TABLE attempts`);
    await q.query(`DROP TABLE exam_extra_time`);
    await q.query(`DROP TABLE exams`);
  }
}
