import { CommonErrors, type Principal } from '@boiduong/api-core';
import { NotificationsService } from '@boiduong/api-identity';
import {
  DISCUSSION_LIMITS,
  Permission,
  type DiscussionAnswer,
  type DiscussionAuthorRole,
  type DiscussionLessonSummary,
  type DiscussionModerationItem,
  type DiscussionModerationPage,
  type DiscussionPost,
  type DiscussionQuestion,
  type DiscussionQuestionPage,
  type DiscussionQueueFilter,
  type DiscussionThread,
  type DiscussionViewer,
} from '@boiduong/shared-contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CatalogErrors } from '../catalog.errors';
import { CoursesService, type LoadedCourse } from '../services/courses.service';
import { rowsOf } from '../services/visibility';
import { cursorStamp, decodeCursor, encodeCursor, type Cursor } from './cursor';
import { sanitizeDiscussionHtml, visibleText } from './discussion-html';
import type { AskQuestionDto, DiscussionPageQuery, EditDiscussionPostDto, ModerationQueueQuery } from './discussion.dto';

// Rows are read with raw SQL: column names are the schema's.
type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** How the caller takes part in a course's discussion. */
interface Participation {
  course: LoadedCourse;
  /** Lecturer of the course or organiser of its unit's subtree. */
  moderator: boolean;
  /** The role a post written now would carry. */
  role: DiscussionAuthorRole;
  viewer: DiscussionViewer;
}

/**
 * Every column a post view needs, from `discussion_posts p`; `$2` is the caller (reported by me).
 * `q` is an answer's question, `acc` a question's accepted answer.
 */
const POST_SELECT = `
  SELECT p.id, p.course_id, p.lesson_id, p.question_id, p.author_id, p.author_role, au.full_name AS author_name,
         p.title, p.body_html, p.answer_count, p.accepted_answer_id, p.last_activity_at, p.open_reports,
         p.hidden_at, p.hidden_by, hb.full_name AS hidden_by_name, p.hidden_reason, p.created_at, p.edited_at,
         q.title AS question_title, q.hidden_at AS question_hidden_at,
         (q.accepted_answer_id IS NOT NULL AND q.accepted_answer_id = p.id) AS is_accepted,
         CASE WHEN q.accepted_answer_id = p.id THEN q.accepted_by END AS accepted_by, ab.full_name AS accepted_by_name,
         CASE WHEN q.accepted_answer_id = p.id THEN q.accepted_at END AS accepted_at,
         acc.hidden_at IS NOT NULL AS accepted_hidden,
         CASE WHEN p.question_id IS NULL THEN EXISTS (SELECT 1 FROM discussion_posts x WHERE x.question_id = p.id) END AS has_answers,
         EXISTS (SELECT 1 FROM discussion_reports r WHERE r.post_id = p.id AND r.reporter_id = $2) AS reported_by_me`;
const POST_FROM = `
    FROM discussion_posts p
    JOIN users au ON au.id = p.author_id
    LEFT JOIN users hb ON hb.id = p.hidden_by
    LEFT JOIN discussion_posts q ON q.id = p.question_id
    LEFT JOIN discussion_posts acc ON acc.id = p.accepted_answer_id
    LEFT JOIN users ab ON ab.id = CASE WHEN q.accepted_answer_id = p.id THEN q.accepted_by END`;

const iso = (v: Date | null): string | null => (v === null ? null : v.toISOString());

/**
 * Questions and answers about a lesson, among the learners of one course and its teachers.
 *
 * Who takes part: learners enrolled in the course (not waitlisted), its lecturers and the organisers
 * of its unit's subtree; the last two moderate (accept an answer, hide and restore posts, read the
 * moderation queue). A course the caller cannot see answers 404, one they see without taking part
 * 403. Hidden posts (and the answers of a hidden question) do not exist for anyone but moderators.
 * Once the course is closed nothing is written any more except reports and moderation decisions.
 *
 * Row locks are always taken on a question before its answers, so concurrent answers, deletes,
 * accepts and hides serialise on the question.
 */
@Injectable()
export class DiscussionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly courses: CoursesService,
    private readonly notifications: NotificationsService,
  ) {}

  /** A lesson's questions, newest activity first, with their answer counts. */
  async questions(principal: Principal, courseId: string, lessonId: string, query: DiscussionPageQuery): Promise<DiscussionQuestionPage> {
    const part = await this.participate(principal, courseId, CatalogErrors.COURSE_NOT_FOUND);
    await this.lessonOf(part, lessonId);
    const cursor = decodeCursor(query.cursor);
    const limit = query.limit ?? DISCUSSION_LIMITS.pageSize;
    const params: unknown[] = [courseId, principal.userId, lessonId, limit + 1];
    let where = `p.course_id = $1 AND p.lesson_id = $3 AND p.question_id IS NULL`;
    if (!part.moderator) where += ` AND p.hidden_at IS NULL`;
    if (cursor) {
      params.push(cursor.at, cursor.id);
      where += ` AND (p.last_activity_at, p.id) < ($5::timestamptz, $6::uuid)`;
    }
    const rows: Row[] = await this.db.query(
      `${POST_SELECT}, ${cursorStamp('p.last_activity_at')} AS stamp ${POST_FROM} WHERE ${where} ORDER BY p.last_activity_at DESC, p.id DESC LIMIT $4`,
      params,
    );
    return { ...this.page(rows, limit, (r) => this.toQuestion(r, principal, part)), viewer: part.viewer };
  }

  async ask(principal: Principal, courseId: string, lessonId: string, dto: AskQuestionDto): Promise<DiscussionQuestion> {
    const part = await this.participate(principal, courseId, CatalogErrors.COURSE_NOT_FOUND);
    await this.lessonOf(part, lessonId);
    this.writable(part);
    const title = this.title(dto.title);
    const body = this.body(dto.bodyHtml);
    const [row] = await this.db.query(
      `INSERT INTO discussion_posts (course_id, lesson_id, author_id, author_role, title, body_html) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [courseId, lessonId, principal.userId, part.role, title, body],
    );
    return (await this.post(principal, row.id, part)) as DiscussionQuestion;
  }

  /** A question with a page of its answers (oldest first) and, apart, its accepted answer. */
  async thread(principal: Principal, questionId: string, query: DiscussionPageQuery): Promise<DiscussionThread> {
    const { row, part } = await this.readable(principal, questionId);
    if (row['question_id'] !== null) throw CatalogErrors.DISCUSSION_POST_NOT_FOUND();
    const question = this.toQuestion(row, principal, part);
    const cursor = decodeCursor(query.cursor);
    const limit = query.limit ?? DISCUSSION_LIMITS.pageSizeMax;
    const params: unknown[] = [questionId, principal.userId, limit + 1];
    let where = `p.question_id = $1`;
    if (!part.moderator) where += ` AND p.hidden_at IS NULL`;
    if (cursor) {
      params.push(cursor.at, cursor.id);
      where += ` AND (p.created_at, p.id) > ($4::timestamptz, $5::uuid)`;
    }
    const rows: Row[] = await this.db.query(
      `${POST_SELECT}, ${cursorStamp('p.created_at')} AS stamp ${POST_FROM} WHERE ${where} ORDER BY p.created_at, p.id LIMIT $3`,
      params,
    );
    const page = this.page(rows, limit, (r) => this.toAnswer(r, principal, part));
    let accepted: DiscussionAnswer | null = null;
    if (question.acceptedAnswerId) {
      const [a]: Row[] = await this.db.query(`${POST_SELECT} ${POST_FROM} WHERE p.id = $1`, [question.acceptedAnswerId, principal.userId]);
      if (a) accepted = this.toAnswer(a, principal, part);
    }
    return { question, accepted, answers: page.items, nextCursor: page.nextCursor, viewer: part.viewer };
  }

  async answer(principal: Principal, questionId: string, bodyHtml: string): Promise<DiscussionAnswer> {
    const { row, part } = await this.readable(principal, questionId);
    if (row['question_id'] !== null) throw CatalogErrors.DISCUSSION_POST_NOT_FOUND();
    this.writable(part);
    const body = this.body(bodyHtml);
    const id = await this.db.transaction(async (m) => {
      await this.lockQuestion(m, questionId);
      const [answer] = await m.query(
        `INSERT INTO discussion_posts (course_id, lesson_id, question_id, author_id, author_role, body_html) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [row['course_id'], row['lesson_id'], questionId, principal.userId, part.role, body],
      );
      await m.query(`UPDATE discussion_posts SET answer_count = answer_count + 1, last_activity_at = now() WHERE id = $1`, [questionId]);
      // In the answer's transaction: the asker is told exactly when the answer exists. Author and
      // title are read under the question's lock, so an edit made meanwhile is the one named.
      const [asked]: Array<{ author_id: string; title: string; answerer_name: string }> = await m.query(
        `SELECT q.author_id, q.title, u.full_name AS answerer_name FROM discussion_posts q JOIN users u ON u.id = $2 WHERE q.id = $1`,
        [questionId, principal.userId],
      );
      if (asked && asked.author_id !== principal.userId) {
        await this.notifications.notify(m, [asked.author_id], 'discussion.answered', {
          courseId: row['course_id'],
          lessonId: row['lesson_id'],
          questionId,
          questionTitle: asked.title,
          answererName: asked.answerer_name,
        });
      }
      return answer.id as string;
    });
    return (await this.post(principal, id, part)) as DiscussionAnswer;
  }

  /** The author edits a post of theirs while the course is open; an accepted answer stays as it was accepted. */
  async edit(principal: Principal, postId: string, dto: EditDiscussionPostDto): Promise<DiscussionPost> {
    const { row, part } = await this.readable(principal, postId);
    if (row['author_id'] !== principal.userId) throw CatalogErrors.DISCUSSION_NOT_AUTHOR();
    this.writable(part);
    if (row['hidden_at'] !== null) throw CatalogErrors.DISCUSSION_ALREADY_HIDDEN();
    const isQuestion = row['question_id'] === null;
    if (!isQuestion && dto.title !== undefined) throw CommonErrors.VALIDATION_FAILED({ title: 'Only questions have a title.' });
    const title = isQuestion && dto.title !== undefined ? this.title(dto.title) : null;
    const body = this.body(dto.bodyHtml);
    await this.db.transaction(async (m) => {
      const question = await this.lockQuestion(m, isQuestion ? postId : row['question_id']);
      if (!isQuestion && question['accepted_answer_id'] === postId) throw CatalogErrors.DISCUSSION_ANSWER_ACCEPTED();
      await m.query(`UPDATE discussion_posts SET body_html = $2, title = COALESCE($3, title), edited_at = now() WHERE id = $1`, [postId, body, title]);
    });
    return this.post(principal, postId, part);
  }

  /** The author deletes a question nobody answered yet, or an answer that is not the accepted one. */
  async remove(principal: Principal, postId: string): Promise<{ deleted: string }> {
    const { row, part } = await this.readable(principal, postId);
    if (row['author_id'] !== principal.userId) throw CatalogErrors.DISCUSSION_NOT_AUTHOR();
    this.writable(part);
    if (row['hidden_at'] !== null) throw CatalogErrors.DISCUSSION_ALREADY_HIDDEN();
    const isQuestion = row['question_id'] === null;
    await this.db.transaction(async (m) => {
      const question = await this.lockQuestion(m, isQuestion ? postId : row['question_id']);
      if (isQuestion) {
        const [answered] = await m.query(`SELECT 1 FROM discussion_posts WHERE question_id = $1 LIMIT 1`, [postId]);
        if (answered) throw CatalogErrors.DISCUSSION_QUESTION_ANSWERED();
        await m.query(`DELETE FROM discussion_posts WHERE id = $1`, [postId]);
        return;
      }
      if (question['accepted_answer_id'] === postId) throw CatalogErrors.DISCUSSION_ANSWER_ACCEPTED();
      const [gone] = rowsOf<{ hidden_at: Date | null }>(await m.query(`DELETE FROM discussion_posts WHERE id = $1 RETURNING hidden_at`, [postId]));
      if (gone && gone.hidden_at === null) await m.query(`UPDATE discussion_posts SET answer_count = answer_count - 1 WHERE id = $1`, [question['id']]);
    });
    return { deleted: postId };
  }

  /**
   * Marks the accepted answer (a lecturer of the course or an organiser); a new mark replaces the
   * old. The accepted answer is one column of the locked question row, so concurrent marks leave
   * exactly one (the last to commit).
   */
  async accept(principal: Principal, questionId: string, answerId: string | null): Promise<DiscussionQuestion> {
    const { row, part } = await this.readable(principal, questionId);
    if (row['question_id'] !== null) throw CatalogErrors.DISCUSSION_POST_NOT_FOUND();
    if (!part.moderator) throw CommonErrors.FORBIDDEN();
    this.writable(part);
    await this.db.transaction(async (m) => {
      await this.lockQuestion(m, questionId);
      if (answerId === null) {
        await m.query(`UPDATE discussion_posts SET accepted_answer_id = NULL, accepted_by = NULL, accepted_at = NULL WHERE id = $1`, [questionId]);
        return;
      }
      const [answer] = await m.query(`SELECT hidden_at FROM discussion_posts WHERE id = $1 AND question_id = $2`, [answerId, questionId]);
      if (!answer || answer.hidden_at !== null) throw CatalogErrors.DISCUSSION_ANSWER_INVALID({ answerId });
      await m.query(`UPDATE discussion_posts SET accepted_answer_id = $2, accepted_by = $3, accepted_at = now() WHERE id = $1`, [
        questionId,
        answerId,
        principal.userId,
      ]);
    });
    return (await this.post(principal, questionId, part)) as DiscussionQuestion;
  }

  /** Reports a post to the moderators, once per person; allowed on a closed course too (its archive stays readable). */
  async report(principal: Principal, postId: string, reason: string | undefined): Promise<DiscussionPost> {
    const { row, part } = await this.readable(principal, postId);
    if (row['author_id'] === principal.userId) throw CatalogErrors.DISCUSSION_REPORT_OWN();
    if (row['hidden_at'] !== null) throw CatalogErrors.DISCUSSION_ALREADY_HIDDEN();
    const text = reason?.normalize('NFC').trim() || null;
    await this.db.transaction(async (m) => {
      // A second report by the same person (even sent twice at once) meets the unique index and adds nothing.
      const [created] = await m.query(
        `INSERT INTO discussion_reports (post_id, reporter_id, reason) VALUES ($1, $2, $3) ON CONFLICT (post_id, reporter_id) DO NOTHING RETURNING id`,
        [postId, principal.userId, text],
      );
      if (!created) throw CatalogErrors.DISCUSSION_ALREADY_REPORTED();
      await m.query(`UPDATE discussion_posts SET open_reports = open_reports + 1, last_reported_at = now() WHERE id = $1`, [postId]);
    });
    return this.post(principal, postId, part);
  }

  /** Hides a post from learners (moderators still see it, marked, with who hid it and why) and closes its open reports. */
  async hide(principal: Principal, postId: string, reason: string): Promise<DiscussionPost> {
    const { row, part } = await this.moderatable(principal, postId);
    const why = reason.normalize('NFC').trim();
    if (!why) throw CommonErrors.VALIDATION_FAILED({ reason: 'A reason is required.' });
    const questionId: string | null = row['question_id'];
    await this.db.transaction(async (m) => {
      await this.lockQuestion(m, questionId ?? postId);
      const [hidden] = rowsOf<{ id: string }>(
        await m.query(
          `UPDATE discussion_posts SET hidden_at = now(), hidden_by = $2, hidden_reason = $3, open_reports = 0 WHERE id = $1 AND hidden_at IS NULL RETURNING id`,
          [postId, principal.userId, why],
        ),
      );
      if (!hidden) throw CatalogErrors.DISCUSSION_ALREADY_HIDDEN();
      await m.query(`UPDATE discussion_reports SET resolved_at = now() WHERE post_id = $1 AND resolved_at IS NULL`, [postId]);
      if (questionId) await m.query(`UPDATE discussion_posts SET answer_count = answer_count - 1 WHERE id = $1`, [questionId]);
    });
    return this.post(principal, postId, part);
  }

  /** Shows a hidden post again, or keeps a reported one as it is: either way its open reports are closed. */
  async restore(principal: Principal, postId: string): Promise<DiscussionPost> {
    const { row, part } = await this.moderatable(principal, postId);
    const questionId: string | null = row['question_id'];
    await this.db.transaction(async (m) => {
      await this.lockQuestion(m, questionId ?? postId);
      const [before] = await m.query(`SELECT hidden_at, open_reports FROM discussion_posts WHERE id = $1 FOR UPDATE`, [postId]);
      if (!before) throw CatalogErrors.DISCUSSION_POST_NOT_FOUND();
      if (before.hidden_at === null && before.open_reports === 0) throw CatalogErrors.DISCUSSION_NOTHING_TO_RESTORE();
      await m.query(`UPDATE discussion_posts SET hidden_at = NULL, hidden_by = NULL, hidden_reason = NULL, open_reports = 0 WHERE id = $1`, [postId]);
      await m.query(`UPDATE discussion_reports SET resolved_at = now() WHERE post_id = $1 AND resolved_at IS NULL`, [postId]);
      if (questionId && before.hidden_at !== null) await m.query(`UPDATE discussion_posts SET answer_count = answer_count + 1 WHERE id = $1`, [questionId]);
    });
    return this.post(principal, postId, part);
  }

  /** A course's moderation queue: posts reported since the last decision (newest report first), or hidden ones. */
  async queue(principal: Principal, courseId: string, query: ModerationQueueQuery): Promise<DiscussionModerationPage> {
    const part = await this.participate(principal, courseId, CatalogErrors.COURSE_NOT_FOUND);
    if (!part.moderator) throw CommonErrors.FORBIDDEN();
    const filter: DiscussionQueueFilter = query.filter ?? 'reported';
    const column = filter === 'reported' ? 'p.last_reported_at' : 'p.hidden_at';
    const cursor = decodeCursor(query.cursor);
    const limit = query.limit ?? DISCUSSION_LIMITS.pageSize;
    const params: unknown[] = [courseId, principal.userId, limit + 1];
    let where = `p.course_id = $1 AND ${filter === 'reported' ? 'p.open_reports > 0' : 'p.hidden_at IS NOT NULL'}`;
    if (cursor) {
      params.push(cursor.at, cursor.id);
      where += ` AND (${column}, p.id) < ($4::timestamptz, $5::uuid)`;
    }
    const rows: Row[] = await this.db.query(
      `${POST_SELECT}, ${cursorStamp(column)} AS stamp, l.title AS lesson_title
         ${POST_FROM} JOIN lessons l ON l.id = p.lesson_id
        WHERE ${where} ORDER BY ${column} DESC, p.id DESC LIMIT $3`,
      params,
    );
    const page = this.page(rows, limit, (r) => r);
    const reports: Row[] = page.items.length
      ? await this.db.query(
          `SELECT r.post_id, r.reason, r.created_at, r.resolved_at, u.id AS reporter_id, u.full_name AS reporter_name
             FROM discussion_reports r JOIN users u ON u.id = r.reporter_id
            WHERE r.post_id = ANY($1::uuid[]) ORDER BY r.created_at DESC, r.id`,
          [page.items.map((r) => r['id'])],
        )
      : [];
    const [counts] = await this.db.query(
      `SELECT count(*) FILTER (WHERE open_reports > 0)::int AS reported, count(*) FILTER (WHERE hidden_at IS NOT NULL)::int AS hidden
         FROM discussion_posts WHERE course_id = $1 AND (open_reports > 0 OR hidden_at IS NOT NULL)`,
      [courseId],
    );
    const items = page.items.map(
      (r): DiscussionModerationItem => ({
        post: r['question_id'] === null ? this.toQuestion(r, principal, part) : this.toAnswer(r, principal, part),
        lessonTitle: r['lesson_title'],
        questionId: r['question_id'] ?? r['id'],
        questionTitle: r['question_title'] ?? r['title'],
        reports: reports
          .filter((x) => x['post_id'] === r['id'])
          .map((x) => ({
            reporter: { id: x['reporter_id'], fullName: x['reporter_name'] },
            reason: x['reason'],
            createdAt: (x['created_at'] as Date).toISOString(),
            resolvedAt: iso(x['resolved_at']),
          })),
      }),
    );
    return { items, nextCursor: page.nextCursor, counts };
  }

  /** The lessons of the course's program version with how many questions each has and how many wait for an answer (teachers). */
  async lessons(principal: Principal, courseId: string): Promise<DiscussionLessonSummary[]> {
    const part = await this.participate(principal, courseId, CatalogErrors.COURSE_NOT_FOUND);
    if (!part.moderator) throw CommonErrors.FORBIDDEN();
    const rows: Row[] = await this.db.query(
      `SELECT m.id AS module_id, m.title AS module_title, l.id AS lesson_id, l.title AS lesson_title,
              count(p.id) FILTER (WHERE p.hidden_at IS NULL)::int AS questions,
              count(p.id) FILTER (WHERE p.hidden_at IS NULL AND p.answer_count = 0)::int AS unanswered,
              max(p.last_activity_at) AS last_activity_at
         FROM program_modules m
         JOIN lessons l ON l.module_id = m.id
         LEFT JOIN discussion_posts p ON p.course_id = $1 AND p.lesson_id = l.id AND p.question_id IS NULL
        WHERE m.program_version_id = $2
        GROUP BY m.id, m.title, m.position, l.id, l.title, l.position
        ORDER BY m.position, l.position`,
      [courseId, part.course.course.programVersionId],
    );
    return rows.map((r) => ({
      moduleId: r['module_id'],
      moduleTitle: r['module_title'],
      lessonId: r['lesson_id'],
      lessonTitle: r['lesson_title'],
      questions: r['questions'],
      unanswered: r['unanswered'],
      lastActivityAt: iso(r['last_activity_at']),
    }));
  }

  /**
   * Whether and how the caller takes part in the course's discussion. A course they cannot see
   * answers `notFound`; seen without taking part, 403 (NOT_ENROLLED for people who study).
   */
  private async participate(principal: Principal, courseId: string, notFound: () => Error): Promise<Participation> {
    const course = await this.courses.visible(principal, courseId).catch(() => {
      throw notFound();
    });
    const [mine] = await this.db.query(
      `SELECT EXISTS (SELECT 1 FROM course_lecturers WHERE course_id = $1 AND user_id = $2) AS lecturer,
              EXISTS (SELECT 1 FROM enrollments WHERE course_id = $1 AND user_id = $2 AND status = 'enrolled') AS enrolled`,
      [courseId, principal.userId],
    );
    const teaches = mine.lecturer && principal.hasPermission(Permission.CourseTeach);
    const organises = principal.can(Permission.CourseManage, course.path);
    const studies = mine.enrolled && principal.hasPermission(Permission.CourseStudy);
    if (!teaches && !organises && !studies) throw principal.hasPermission(Permission.CourseStudy) ? CatalogErrors.NOT_ENROLLED() : CommonErrors.FORBIDDEN();
    const closed = course.course.status === 'closed';
    return {
      course,
      moderator: teaches || organises,
      role: teaches ? 'lecturer' : organises ? 'organiser' : 'learner',
      viewer: { canWrite: !closed, canModerate: teaches || organises, courseClosed: closed },
    };
  }

  /** A lesson of the program version the course is pinned to. */
  private async lessonOf(part: Participation, lessonId: string): Promise<void> {
    const [lesson] = await this.db.query(`SELECT 1 FROM lessons WHERE id = $1 AND program_version_id = $2`, [lessonId, part.course.course.programVersionId]);
    if (!lesson) throw CatalogErrors.LESSON_NOT_FOUND();
  }

  /** A post the caller may see: hidden posts and answers of hidden questions exist only for moderators. */
  private async readable(principal: Principal, postId: string): Promise<{ row: Row; part: Participation }> {
    const [row]: Row[] = await this.db.query(`${POST_SELECT} ${POST_FROM} WHERE p.id = $1`, [postId, principal.userId]);
    if (!row) throw CatalogErrors.DISCUSSION_POST_NOT_FOUND();
    const part = await this.participate(principal, row['course_id'], CatalogErrors.DISCUSSION_POST_NOT_FOUND);
    if (!part.moderator && (row['hidden_at'] !== null || row['question_hidden_at'] !== null)) throw CatalogErrors.DISCUSSION_POST_NOT_FOUND();
    return { row, part };
  }

  private async moderatable(principal: Principal, postId: string): Promise<{ row: Row; part: Participation }> {
    const found = await this.readable(principal, postId);
    if (!found.part.moderator) throw CommonErrors.FORBIDDEN();
    return found;
  }

  private async post(principal: Principal, id: string, part: Participation): Promise<DiscussionPost> {
    const [row]: Row[] = await this.db.query(`${POST_SELECT} ${POST_FROM} WHERE p.id = $1`, [id, principal.userId]);
    if (!row) throw CatalogErrors.DISCUSSION_POST_NOT_FOUND();
    return row['question_id'] === null ? this.toQuestion(row, principal, part) : this.toAnswer(row, principal, part);
  }

  private async lockQuestion(m: EntityManager, questionId: string): Promise<Row> {
    const [question] = await m.query(`SELECT id, accepted_answer_id FROM discussion_posts WHERE id = $1 FOR UPDATE`, [questionId]);
    if (!question) throw CatalogErrors.DISCUSSION_POST_NOT_FOUND();
    return question;
  }

  private writable(part: Participation): void {
    if (!part.viewer.canWrite) throw CatalogErrors.DISCUSSION_READ_ONLY();
  }

  private title(raw: string): string {
    const title = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
    if (!title) throw CatalogErrors.DISCUSSION_TITLE_EMPTY();
    return title;
  }

  /** Sanitized body; refused when nothing readable is left or the text is over the limit. */
  private body(raw: string): string {
    const clean = sanitizeDiscussionHtml(raw);
    const text = visibleText(clean);
    if (!text) throw CatalogErrors.DISCUSSION_BODY_EMPTY();
    if ([...text].length > DISCUSSION_LIMITS.bodyTextMax) throw CatalogErrors.DISCUSSION_BODY_TOO_LONG({ maxChars: DISCUSSION_LIMITS.bodyTextMax });
    return clean;
  }

  /** Rows were read with one extra: its presence says there is a next page, whose cursor is the last row kept. */
  private page<T>(rows: Row[], limit: number, map: (r: Row) => T): { items: T[]; nextCursor: string | null } {
    const kept = rows.slice(0, limit);
    const last = kept[kept.length - 1];
    const next: Cursor | null = rows.length > limit && last ? { at: last['stamp'], id: last['id'] } : null;
    return { items: kept.map(map), nextCursor: next ? encodeCursor(next) : null };
  }

  private base(r: Row, principal: Principal, part: Participation) {
    const mine = r['author_id'] === principal.userId;
    const hidden = r['hidden_at'] === null ? null : { at: (r['hidden_at'] as Date).toISOString(), by: r['hidden_by'] ? { id: r['hidden_by'], fullName: r['hidden_by_name'] } : null, reason: r['hidden_reason'] };
    return {
      id: r['id'] as string,
      courseId: r['course_id'] as string,
      lessonId: r['lesson_id'] as string,
      author: { id: r['author_id'], fullName: r['author_name'], role: r['author_role'] },
      bodyHtml: r['body_html'] as string,
      createdAt: (r['created_at'] as Date).toISOString(),
      editedAt: iso(r['edited_at']),
      mine,
      reportedByMe: r['reported_by_me'] as boolean,
      hidden,
      openReports: part.moderator ? (r['open_reports'] as number) : 0,
      // Hidden posts stay as moderation left them; only the author writes, and only while the course is open.
      editable: mine && hidden === null && part.viewer.canWrite,
    };
  }

  private toQuestion(r: Row, principal: Principal, part: Participation): DiscussionQuestion {
    const { editable, ...base } = this.base(r, principal, part);
    const acceptedVisible = r['accepted_answer_id'] !== null && (part.moderator || !r['accepted_hidden']);
    return {
      ...base,
      kind: 'question',
      title: r['title'],
      answerCount: r['answer_count'],
      acceptedAnswerId: acceptedVisible ? r['accepted_answer_id'] : null,
      lastActivityAt: (r['last_activity_at'] as Date).toISOString(),
      canEdit: editable,
      canDelete: editable && !r['has_answers'],
    };
  }

  private toAnswer(r: Row, principal: Principal, part: Participation): DiscussionAnswer {
    const { editable, ...base } = this.base(r, principal, part);
    const accepted = r['is_accepted'] === true;
    return {
      ...base,
      kind: 'answer',
      questionId: r['question_id'],
      accepted,
      acceptedBy: accepted && r['accepted_by'] ? { id: r['accepted_by'], fullName: r['accepted_by_name'] } : null,
      acceptedAt: accepted ? iso(r['accepted_at']) : null,
      canEdit: editable && !accepted,
      canDelete: editable && !accepted,
    };
  }
}
