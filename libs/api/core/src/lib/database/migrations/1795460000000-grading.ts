import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Manual grading of essays against their rubric (one grade per response, a revision number so two
 * graders cannot overwrite each other unseen), blind grading per exam, regrades after a key fix
 * with the old and new score of every affected attempt, the learner's notifications, and the
 * proctor event log of each attempt.
 */
export class Grading1795460000000 implements MigrationInterface {
  name = 'Grading1795460000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE exams ADD COLUMN blind_grading boolean NOT NULL DEFAULT false`);
    await q.query(`
      CREATE TABLE response_grades (
        attempt_id uuid NOT NULL,
        item_id uuid NOT NULL,
        criteria jsonb NOT NULL,
        comment text NULL,
        credit numeric(6,5) NOT NULL,
        revision integer NOT NULL,
        graded_by uuid NOT NULL,
        graded_at timestamptz NOT NULL,
        CONSTRAINT response_grades_pkey PRIMARY KEY (attempt_id, item_id),
        CONSTRAINT response_grades_attempt_id_fkey FOREIGN KEY (attempt_id) REFERENCES attempts(id) ON DELETE CASCADE,
        CONSTRAINT response_grades_graded_by_fkey FOREIGN KEY (graded_by) REFERENCES users(id) ON DELETE RESTRICT,
        CONSTRAINT ck_response_grades_credit CHECK (credit >= 0 AND credit <= 1)
      )`);
    await q.query(`
      CREATE TABLE regrades (
        id uuid NOT NULL,
        exam_id uuid NOT NULL,
        item_id uuid NOT NULL,
        item_version_id uuid NOT NULL,
        requested_by uuid NULL,
        cause varchar(16) NOT NULL,
        reason text NULL,
        status varchar(16) NOT NULL,
        created_at timestamptz NOT NULL,
        finished_at timestamptz NULL,
        changed integer NULL,
        CONSTRAINT regrades_pkey PRIMARY KEY (id),
        CONSTRAINT regrades_exam_id_fkey FOREIGN KEY (exam_id) REFERENCES exams(id) ON DELETE RESTRICT,
        CONSTRAINT regrades_item_version_id_fkey FOREIGN KEY (item_version_id) REFERENCES qb_item_versions(id) ON DELETE RESTRICT,
        CONSTRAINT regrades_requested_by_fkey FOREIGN KEY (requested_by) REFERENCES users(id) ON DELETE RESTRICT,
        CONSTRAINT ck_regrades_status CHECK (status IN ('queued','done')),
        CONSTRAINT ck_regrades_cause CHECK (cause IN ('request','key_fix'))
      )`);
    await q.query(`CREATE INDEX ix_regrades_exam ON regrades (exam_id, created_at)`);
    await q.query(`
      CREATE TABLE regrade_changes (
        regrade_id uuid NOT NULL,
        attempt_id uuid NOT NULL,
        old_score numeric(10,4) NULL,
        new_score numeric(10,4) NULL,
        CONSTRAINT regrade_changes_pkey PRIMARY KEY (regrade_id, attempt_id),
        CONSTRAINT regrade_changes_regrade_id_fkey FOREIGN KEY (regrade_id) REFERENCES regrades(id) ON DELETE CASCADE,
        CONSTRAINT regrade_changes_attempt_id_fkey FOREIGN KEY (attempt_id) REFERENCES attempts(id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE notifications (
        id uuid NOT NULL,
        user_id uuid NOT NULL,
        kind varchar(32) NOT NULL,
        payload jsonb NOT NULL,
        dedupe_key varchar(200) NULL,
        created_at timestamptz NOT NULL,
        read_at timestamptz NULL,
        CONSTRAINT notifications_pkey PRIMARY KEY (id),
        CONSTRAINT notifications_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE,
        CONSTRAINT ux_notifications_dedupe UNIQUE (dedupe_key)
      )`);
    await q.query(`CREATE INDEX ix_notifications_user ON notifications (user_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE proctor_events (
        id bigserial NOT NULL,
        attempt_id uuid NOT NULL,
        client_event_id varchar(64) NULL,
        kind varchar(32) NOT NULL,
        source varchar(8) NOT NULL,
        device_id varchar(64) NULL,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL,
        details jsonb NULL,
        CONSTRAINT proctor_events_pkey PRIMARY KEY (id),
        CONSTRAINT proctor_events_attempt_id_fkey FOREIGN KEY (attempt_id) REFERENCES attempts(id) ON DELETE CASCADE,
        CONSTRAINT ux_proctor_events_client UNIQUE (attempt_id, client_event_id),
        CONSTRAINT ck_proctor_events_source CHECK (source IN ('client','server'))
      )`);
    await q.query(`CREATE INDEX ix_proctor_events_attempt ON proctor_events (attempt_id, occurred_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE proctor_events`);
    await q.query(`DROP TABLE notifications`);
    await q.query(`DROP TABLE regrade_changes`);
    await q.query(`DROP TABLE regrades`);
    await q.query(`DROP TABLE response_grades`);
    await q.query(`ALTER TABLE exams DROP COLUMN blind_grading`);
  }
}
