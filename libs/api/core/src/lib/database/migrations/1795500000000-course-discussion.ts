import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Discussion per lesson of a course: questions and their answers in one table (an answer names its
 * question), the accepted answer as a single column of the question (so there can never be two),
 * moderation state on the post and one report per person and post.
 *
 * The lists read by everyone are served by partial indexes: a lesson's questions by latest activity,
 * a question's answers in order, and a course's moderation queues (reported, hidden).
 */
export class CourseDiscussion1795500000000 implements MigrationInterface {
  name = 'CourseDiscussion1795500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE discussion_posts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        course_id uuid NOT NULL,
        lesson_id uuid NOT NULL,
        question_id uuid NULL,
        author_id uuid NOT NULL,
        author_role varchar(16) NOT NULL,
        title varchar(200) NULL,
        body_html text NOT NULL,
        answer_count integer NOT NULL DEFAULT 0,
        accepted_answer_id uuid NULL,
        accepted_by uuid NULL,
        accepted_at timestamptz NULL,
        last_activity_at timestamptz NOT NULL DEFAULT now(),
        open_reports integer NOT NULL DEFAULT 0,
        last_reported_at timestamptz NULL,
        hidden_at timestamptz NULL,
        hidden_by uuid NULL,
        hidden_reason varchar(500) NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        edited_at timestamptz NULL,
        CONSTRAINT discussion_posts_course_id_fkey FOREIGN KEY (course_id) REFERENCES courses(id) ON DELETE CASCADE,
        CONSTRAINT discussion_posts_lesson_id_fkey FOREIGN KEY (lesson_id) REFERENCES lessons(id) ON DELETE CASCADE,
        CONSTRAINT discussion_posts_question_id_fkey FOREIGN KEY (question_id) REFERENCES discussion_posts(id) ON DELETE CASCADE,
        CONSTRAINT discussion_posts_author_id_fkey FOREIGN KEY (author_id) REFERENCES users(id) ON DELETE CASCADE,
        CONSTRAINT discussion_posts_accepted_answer_id_fkey FOREIGN KEY (accepted_answer_id) REFERENCES discussion_posts(id) ON DELETE SET NULL,
        CONSTRAINT discussion_posts_accepted_by_fkey FOREIGN KEY (accepted_by) REFERENCES users(id) ON DELETE SET NULL,
        CONSTRAINT discussion_posts_hidden_by_fkey FOREIGN KEY (hidden_by) REFERENCES users(id) ON DELETE SET NULL,
        CONSTRAINT ck_discussion_posts_shape CHECK ((question_id IS NULL) = (title IS NOT NULL)),
        CONSTRAINT ck_discussion_posts_accepted CHECK (question_id IS NULL OR accepted_answer_id IS NULL),
        CONSTRAINT ck_discussion_posts_role CHECK (author_role IN ('learner','lecturer','organiser')),
        CONSTRAINT ck_discussion_posts_counts CHECK (answer_count >= 0 AND open_reports >= 0)
      )`);
    await q.query(
      `CREATE INDEX ix_discussion_questions_activity ON discussion_posts (course_id, lesson_id, last_activity_at DESC, id DESC) WHERE question_id IS NULL`,
    );
    await q.query(`CREATE INDEX ix_discussion_answers_question ON discussion_posts (question_id, created_at, id) WHERE question_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_discussion_posts_reported ON discussion_posts (course_id, last_reported_at DESC, id DESC) WHERE open_reports > 0`);
    await q.query(`CREATE INDEX ix_discussion_posts_hidden ON discussion_posts (course_id, hidden_at DESC, id DESC) WHERE hidden_at IS NOT NULL`);
    // Deleting an answer looks up the question that accepted it.
    await q.query(`CREATE INDEX ix_discussion_posts_accepted ON discussion_posts (accepted_answer_id) WHERE accepted_answer_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_discussion_posts_author ON discussion_posts (author_id)`);
    await q.query(`
      CREATE TABLE discussion_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        post_id uuid NOT NULL,
        reporter_id uuid NOT NULL,
        reason varchar(500) NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz NULL,
        CONSTRAINT discussion_reports_post_id_fkey FOREIGN KEY (post_id) REFERENCES discussion_posts(id) ON DELETE CASCADE,
        CONSTRAINT discussion_reports_reporter_id_fkey FOREIGN KEY (reporter_id) REFERENCES users(id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_discussion_reports_post_reporter ON discussion_reports (post_id, reporter_id)`);
    await q.query(`CREATE INDEX ix_discussion_reports_reporter ON discussion_reports (reporter_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE discussion_reports`);
    await q.query(`DROP TABLE discussion_posts`);
  }
}
