import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Field-survey and essay assignments (bài thu hoạch) of a course and the learners' submissions.
 * One row per learner and assignment holds the current submission (`version` counts resubmissions),
 * so concurrent submissions cannot leave two current ones. Files a learner hands in are kept with
 * `purpose = 'submission'` and never served through the public file routes.
 */
export class CourseAssignments1795450000000 implements MigrationInterface {
  name = 'CourseAssignments1795450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE stored_files ADD COLUMN purpose varchar(16) NOT NULL DEFAULT 'content'`);
    await q.query(`ALTER TABLE stored_files ADD CONSTRAINT ck_stored_files_purpose CHECK (purpose IN ('content','submission'))`);
    await q.query(`
      CREATE TABLE course_assignments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        course_id uuid NOT NULL,
        module_id uuid NULL,
        title varchar(255) NOT NULL,
        instructions_html text NOT NULL DEFAULT '',
        due_at timestamptz NULL,
        cutoff_at timestamptz NULL,
        max_points integer NULL,
        submission_kind varchar(8) NOT NULL,
        required boolean NOT NULL DEFAULT false,
        created_by uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT course_assignments_course_id_fkey FOREIGN KEY (course_id) REFERENCES courses(id) ON DELETE CASCADE,
        CONSTRAINT course_assignments_module_id_fkey FOREIGN KEY (module_id) REFERENCES program_modules(id) ON DELETE SET NULL,
        CONSTRAINT course_assignments_created_by_fkey FOREIGN KEY (created_by) REFERENCES users(id) ON DELETE SET NULL,
        CONSTRAINT ck_course_assignments_kind CHECK (submission_kind IN ('file','text','both')),
        CONSTRAINT ck_course_assignments_points CHECK (max_points IS NULL OR max_points BETWEEN 1 AND 1000),
        CONSTRAINT ck_course_assignments_cutoff CHECK (cutoff_at IS NULL OR due_at IS NULL OR cutoff_at >= due_at)
      )`);
    await q.query(`CREATE INDEX ix_course_assignments_course ON course_assignments (course_id)`);
    await q.query(`
      CREATE TABLE assignment_submissions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        assignment_id uuid NOT NULL,
        user_id uuid NOT NULL,
        version integer NOT NULL DEFAULT 1,
        text_body text NULL,
        file_id uuid NULL,
        submitted_at timestamptz NOT NULL,
        late boolean NOT NULL DEFAULT false,
        status varchar(16) NOT NULL DEFAULT 'submitted',
        score integer NULL,
        passed boolean NULL,
        comment text NULL,
        graded_by uuid NULL,
        graded_at timestamptz NULL,
        CONSTRAINT assignment_submissions_assignment_id_fkey FOREIGN KEY (assignment_id) REFERENCES course_assignments(id) ON DELETE CASCADE,
        CONSTRAINT assignment_submissions_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE,
        CONSTRAINT assignment_submissions_file_id_fkey FOREIGN KEY (file_id) REFERENCES stored_files(id) ON DELETE RESTRICT,
        CONSTRAINT assignment_submissions_graded_by_fkey FOREIGN KEY (graded_by) REFERENCES users(id) ON DELETE SET NULL,
        CONSTRAINT ck_assignment_submissions_status CHECK (status IN ('submitted','graded','returned')),
        CONSTRAINT ck_assignment_submissions_content CHECK (text_body IS NOT NULL OR file_id IS NOT NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_assignment_submissions_assignment_user ON assignment_submissions (assignment_id, user_id)`);
    await q.query(`CREATE INDEX ix_assignment_submissions_user ON assignment_submissions (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE assignment_submissions`);
    await q.query(`DROP TABLE course_assignments`);
    await q.query(`ALTER TABLE stored_files DROP CONSTRAINT ck_stored_files_purpose`);
    await q.query(`ALTER TABLE stored_files DROP COLUMN purpose`);
  }
}
