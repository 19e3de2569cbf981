import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The catalog: programs with immutable versions (modules of lessons), stored files, courses pinned
 * to a version, sessions, lecturers, enrollments with a waitlist, lesson progress and attendance.
 */
export class CatalogFoundation1795340000000 implements MigrationInterface {
  name = 'CatalogFoundation1795340000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE programs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(64) NOT NULL,
        name varchar(255) NOT NULL,
        family varchar(16) NOT NULL,
        content_group varchar(32) NOT NULL,
        owner_org_unit_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT programs_owner_org_unit_id_fkey FOREIGN KEY (owner_org_unit_id) REFERENCES org_units(id) ON DELETE RESTRICT,
        CONSTRAINT ck_programs_family CHECK (family IN ('title','basic','specialty','innovation','leadership','lecturer')),
        CONSTRAINT ck_programs_content_group CHECK (content_group IN ('political_theory','defence_security','state_management','job_skills','science_innovation_digital'))
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_programs_code ON programs (lower(code))`);
    await q.query(`CREATE INDEX ix_programs_owner ON programs (owner_org_unit_id)`);
    await q.query(`CREATE INDEX ix_programs_family ON programs (family)`);
    await q.query(`
      CREATE TABLE program_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_id uuid NOT NULL,
        version integer NOT NULL,
        name varchar(255) NOT NULL,
        target_titles jsonb NOT NULL,
        required_hours integer NOT NULL,
        learning_outcomes jsonb NOT NULL,
        certificate_policy jsonb NOT NULL,
        locked_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT program_versions_program_id_fkey FOREIGN KEY (program_id) REFERENCES programs(id) ON DELETE CASCADE,
        CONSTRAINT ck_program_versions_hours CHECK (required_hours > 0)
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_program_versions_program_version ON program_versions (program_id, version)`);
    // A version a course has used is frozen: the database refuses changes even if a service forgets.
    await q.query(`
      CREATE FUNCTION catalog_refuse_locked_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.locked_at IS NOT NULL THEN
          RAISE EXCEPTION 'program version % is used by a course and cannot change', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER tr_program_versions_locked BEFORE UPDATE ON program_versions FOR EACH ROW EXECUTE FUNCTION catalog_refuse_locked_version()`);
    await q.query(`
      CREATE TABLE program_modules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_version_id uuid NOT NULL,
        position integer NOT NULL,
        title varchar(255) NOT NULL,
        description text NULL,
        CONSTRAINT program_modules_program_version_id_fkey FOREIGN KEY (program_version_id) REFERENCES program_versions(id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_program_modules_version ON program_modules (program_version_id)`);
    await q.query(`
      CREATE TABLE stored_files (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        storage_key varchar(255) NOT NULL,
        original_name varchar(255) NOT NULL,
        content_type varchar(128) NOT NULL,
        size_bytes bigint NOT NULL,
        sha256 char(64) NOT NULL,
        owner_org_unit_id uuid NOT NULL,
        uploaded_by uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT stored_files_owner_org_unit_id_fkey FOREIGN KEY (owner_org_unit_id) REFERENCES org_units(id) ON DELETE RESTRICT,
        CONSTRAINT stored_files_uploaded_by_fkey FOREIGN KEY (uploaded_by) REFERENCES users(id) ON DELETE SET NULL
      )`);
    await q.query(`CREATE INDEX ix_stored_files_owner ON stored_files (owner_org_unit_id)`);
    await q.query(`
      CREATE TABLE lessons (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        module_id uuid NOT NULL,
        program_version_id uuid NOT NULL,
        position integer NOT NULL,
        title varchar(255) NOT NULL,
        kind varchar(16) NOT NULL,
        body_html text NULL,
        video_url varchar(1024) NULL,
        file_id uuid NULL,
        duration_minutes integer NULL,
        CONSTRAINT lessons_module_id_fkey FOREIGN KEY (module_id) REFERENCES program_modules(id) ON DELETE CASCADE,
        CONSTRAINT lessons_program_version_id_fkey FOREIGN KEY (program_version_id) REFERENCES program_versions(id) ON DELETE CASCADE,
        CONSTRAINT lessons_file_id_fkey FOREIGN KEY (file_id) REFERENCES stored_files(id) ON DELETE RESTRICT,
        CONSTRAINT ck_lessons_kind CHECK (kind IN ('text','video_link','file'))
      )`);
    await q.query(`CREATE INDEX ix_lessons_module ON lessons (module_id)`);
    await q.query(`CREATE INDEX ix_lessons_version ON lessons (program_version_id)`);
    await q.query(`
      CREATE TABLE courses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_id uuid NOT NULL,
        program_version_id uuid NOT NULL,
        org_unit_id uuid NOT NULL,
        name varchar(255) NOT NULL,
        mode varchar(16) NOT NULL,
        status varchar(16) NOT NULL,
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        open_from timestamptz NULL,
        open_until timestamptz NULL,
        capacity integer NULL,
        self_enrollment boolean NOT NULL DEFAULT false,
        open_to_all boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT courses_program_id_fkey FOREIGN KEY (program_id) REFERENCES programs(id) ON DELETE RESTRICT,
        CONSTRAINT courses_program_version_id_fkey FOREIGN KEY (program_version_id) REFERENCES program_versions(id) ON DELETE RESTRICT,
        CONSTRAINT courses_org_unit_id_fkey FOREIGN KEY (org_unit_id) REFERENCES org_units(id) ON DELETE RESTRICT,
        CONSTRAINT ck_courses_mode CHECK (mode IN ('online','in_person','blended')),
        CONSTRAINT ck_courses_status CHECK (status IN ('draft','open','running','closed')),
        CONSTRAINT ck_courses_dates CHECK (ends_on >= starts_on),
        CONSTRAINT ck_courses_window CHECK (open_from IS NULL OR open_until IS NULL OR open_until > open_from),
        CONSTRAINT ck_courses_capacity CHECK (capacity IS NULL OR capacity > 0)
      )`);
    await q.query(`CREATE INDEX ix_courses_org_unit ON courses (org_unit_id)`);
    await q.query(`CREATE INDEX ix_courses_program ON courses (program_id)`);
    await q.query(`CREATE INDEX ix_courses_version ON courses (program_version_id)`);
    await q.query(`
      CREATE TABLE course_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        course_id uuid NOT NULL,
        title varchar(255) NOT NULL,
        place varchar(255) NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        CONSTRAINT course_sessions_course_id_fkey FOREIGN KEY (course_id) REFERENCES courses(id) ON DELETE CASCADE,
        CONSTRAINT ck_course_sessions_times CHECK (ends_at > starts_at)
      )`);
    await q.query(`CREATE INDEX ix_course_sessions_course ON course_sessions (course_id)`);
    await q.query(`
      CREATE TABLE course_lecturers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        course_id uuid NOT NULL,
        user_id uuid NOT NULL,
        CONSTRAINT course_lecturers_course_id_fkey FOREIGN KEY (course_id) REFERENCES courses(id) ON DELETE CASCADE,
        CONSTRAINT course_lecturers_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_course_lecturers_course_user ON course_lecturers (course_id, user_id)`);
    await q.query(`CREATE INDEX ix_course_lecturers_user ON course_lecturers (user_id)`);
    await q.query(`
      CREATE TABLE enrollments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        course_id uuid NOT NULL,
        user_id uuid NOT NULL,
        status varchar(16) NOT NULL,
        status_changed_at timestamptz NOT NULL,
        lessons_completed integer NOT NULL DEFAULT 0,
        sessions_attended integer NOT NULL DEFAULT 0,
        completed_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT enrollments_course_id_fkey FOREIGN KEY (course_id) REFERENCES courses(id) ON DELETE CASCADE,
        CONSTRAINT enrollments_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE,
        CONSTRAINT ck_enrollments_status CHECK (status IN ('enrolled','waitlisted','withdrawn'))
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_enrollments_course_user ON enrollments (course_id, user_id)`);
    await q.query(`CREATE INDEX ix_enrollments_user ON enrollments (user_id)`);
    await q.query(`CREATE INDEX ix_enrollments_course_status ON enrollments (course_id, status, status_changed_at)`);
    await q.query(`
      CREATE TABLE lesson_progress (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enrollment_id uuid NOT NULL,
        lesson_id uuid NOT NULL,
        opened_at timestamptz NOT NULL,
        completed_at timestamptz NULL,
        video_watched_share real NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT lesson_progress_enrollment_id_fkey FOREIGN KEY (enrollment_id) REFERENCES enrollments(id) ON DELETE CASCADE,
        CONSTRAINT lesson_progress_lesson_id_fkey FOREIGN KEY (lesson_id) REFERENCES lessons(id) ON DELETE CASCADE,
        CONSTRAINT ck_lesson_progress_share CHECK (video_watched_share >= 0 AND video_watched_share <= 1)
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_lesson_progress_enrollment_lesson ON lesson_progress (enrollment_id, lesson_id)`);
    await q.query(`CREATE INDEX ix_lesson_progress_lesson ON lesson_progress (lesson_id)`);
    await q.query(`
      CREATE TABLE session_attendance (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL,
        user_id uuid NOT NULL,
        recorded_by uuid NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT session_attendance_session_id_fkey FOREIGN KEY (session_id) REFERENCES course_sessions(id) ON DELETE CASCADE,
        CONSTRAINT session_attendance_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE,
        CONSTRAINT session_attendance_recorded_by_fkey FOREIGN KEY (recorded_by) REFERENCES users(id) ON DELETE SET NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_session_attendance_session_user ON session_attendance (session_id, user_id)`);
    await q.query(`CREATE INDEX ix_session_attendance_user ON session_attendance (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE session_attendance`);
    await q.query(`DROP TABLE lesson_progress`);
    await q.query(`DROP TABLE enrollments`);
    await q.query(`DROP TABLE course_lecturers`);
    await q.query(`DROP TABLE course_sessions`);
    await q.query(`DROP TABLE courses`);
    await q.query(`DROP TABLE lessons`);
    await q.query(`DROP TABLE stored_files`);
    await q.query(`DROP TABLE program_modules`);
    await q.query(`DROP TABLE program_versions`);
    await q.query(`DROP FUNCTION catalog_refuse_locked_version()`);
    await q.query(`DROP TABLE programs`);
  }
}
