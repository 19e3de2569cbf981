import { CommonErrors, type Principal } from '@boiduong/api-core';
import type { AssignmentSummary, AssignmentView, MyAssignment, SubmissionListItem, SubmissionView } from '@boiduong/shared-contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CatalogErrors } from '../catalog.errors';
import type { CreateAssignmentDto, GradeSubmissionDto, SubmitAssignmentDto } from '../dto/assignment.dto';
import { StoredFile } from '../entities';
import { StoredFiles, type IncomingFile, type StoredFileSummary } from '../storage/stored-files.service';
import { CompletionService } from './completion.service';
import { CoursesService, type LoadedCourse } from './courses.service';
import { sanitizeLessonHtml } from './sanitize';
import { rowsOf } from './visibility';

/** What a learner may hand in: documents and photos of field work, nothing executable or huge. */
const SUBMISSION_TYPES = new Set(['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'image/png', 'image/jpeg', 'image/webp']);
const SUBMISSION_MAX_BYTES = 20 * 1_048_576;

const ASSIGNMENT_COLUMNS = `a.id, a.course_id, a.module_id, a.title, a.instructions_html, a.due_at, a.cutoff_at, a.max_points, a.submission_kind, a.required, a.created_at`;
const SUBMISSION_COLUMNS = `s.id AS s_id, s.assignment_id AS s_assignment_id, s.user_id AS s_user_id, s.version AS s_version, s.text_body AS s_text_body,
  s.submitted_at AS s_submitted_at, s.late AS s_late, s.status AS s_status, s.score AS s_score, s.passed AS s_passed, s.comment AS s_comment,
  s.graded_at AS s_graded_at, f.id AS f_id, f.original_name AS f_original_name, f.content_type AS f_content_type, f.size_bytes AS f_size_bytes`;

type Row = Record<string, never>;

/** A timestamp from a row (Date) or from JSON built in SQL (string), as ISO 8601. */
const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());

/**
 * The learner's assignments of a course with their own submissions, as one JSON array column, so
 * the course page gets them in the query that reads the enrollment (no extra round trip).
 * `course` and `user` are SQL expressions of the outer query.
 */
export function myAssignmentsJson(course: string, user: string): string {
  const cols = [...ASSIGNMENT_COLUMNS.split(','), ...SUBMISSION_COLUMNS.split(',')].map((c) => c.trim());
  const pairs = cols.map((c) => {
    const [expr, alias] = c.split(/\s+AS\s+/i);
    return `'${alias ?? expr.replace(/^\w+\./, '')}', ${expr}`;
  });
  return `(SELECT coalesce(json_agg(json_build_object(${pairs.join(', ')}) ORDER BY a.due_at NULLS LAST, a.created_at, a.id), '[]'::json)
             FROM course_assignments a
             LEFT JOIN assignment_submissions s ON s.assignment_id = a.id AND s.user_id = ${user}
             LEFT JOIN stored_files f ON f.id = s.file_id
            WHERE a.course_id = ${course})`;
}

/** Maps the array `myAssignmentsJson` built. */
export function toMyAssignments(rows: Row[]): MyAssignment[] {
  return rows.map((r) => ({ ...toAssignment(r), submission: toSubmission(r) }));
}

function toAssignment(r: Row): AssignmentView {
  return {
    id: r['id'],
    courseId: r['course_id'],
    moduleId: r['module_id'],
    title: r['title'],
    instructionsHtml: r['instructions_html'],
    dueAt: iso(r['due_at']),
    cutoffAt: iso(r['cutoff_at']),
    maxPoints: r['max_points'],
    submissionKind: r['submission_kind'],
    required: r['required'],
    createdAt: iso(r['created_at']) as string,
  };
}

function toSubmission(r: Row): SubmissionView | null {
  if (r['s_id'] === null) return null;
  return {
    id: r['s_id'],
    assignmentId: r['s_assignment_id'],
    userId: r['s_user_id'],
    version: r['s_version'],
    textBody: r['s_text_body'],
    file: r['f_id'] === null ? null : { id: r['f_id'], originalName: r['f_original_name'], contentType: r['f_content_type'], sizeBytes: Number(r['f_size_bytes']) },
    submittedAt: iso(r['s_submitted_at']) as string,
    late: r['s_late'],
    status: r['s_status'],
    score: r['s_score'],
    passed: r['s_passed'],
    comment: r['s_comment'],
    gradedAt: iso(r['s_graded_at']),
  };
}

interface LoadedAssignment {
  assignment: AssignmentView;
  course: LoadedCourse;
}

/**
 * Field-survey and essay assignments (bài thu hoạch): lecturers and organisers of the course set
 * and grade them, enrolled learners hand in text and/or a file. A graded, passed required
 * assignment counts towards completion, recomputed in the grading transaction.
 */
@Injectable()
export class AssignmentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly courses: CoursesService,
    private readonly completion: CompletionService,
    private readonly files: StoredFiles,
  ) {}

  async create(principal: Principal, courseId: string, dto: CreateAssignmentDto): Promise<AssignmentView> {
    const loaded = await this.teachable(principal, courseId, CatalogErrors.COURSE_NOT_FOUND);
    const dueAt = dto.dueAt ? new Date(dto.dueAt) : null;
    const cutoffAt = dto.cutoffAt ? new Date(dto.cutoffAt) : null;
    if (dueAt && cutoffAt && cutoffAt < dueAt) throw CatalogErrors.ASSIGNMENT_DATES_INVALID();
    if (dto.moduleId) {
      const [mod] = await this.db.query(`SELECT 1 FROM program_modules WHERE id = $1 AND program_version_id = $2`, [dto.moduleId, loaded.course.programVersionId]);
      if (!mod) throw CatalogErrors.ASSIGNMENT_MODULE_INVALID({ moduleId: dto.moduleId });
    }
    return this.db.transaction(async (m) => {
      const [row] = await m.query(
        `INSERT INTO course_assignments (course_id, module_id, title, instructions_html, due_at, cutoff_at, max_points, submission_kind, required, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
        [
          courseId,
          dto.moduleId ?? null,
          dto.title.normalize('NFC').trim(),
          sanitizeLessonHtml(dto.instructionsHtml ?? ''),
          dueAt,
          cutoffAt,
          dto.maxPoints ?? null,
          dto.submissionKind,
          dto.required ?? false,
          principal.userId,
        ],
      );
      // A new required assignment takes completion away from everyone who has not passed it.
      if (row.required) await this.completion.recompute(m, courseId);
      return toAssignment(row);
    });
  }

  /** The course's assignments with how many were handed in and how many wait for grading. */
  async listForCourse(principal: Principal, courseId: string): Promise<AssignmentSummary[]> {
    await this.teachable(principal, courseId, CatalogErrors.COURSE_NOT_FOUND);
    const rows: Row[] = await this.db.query(
      `SELECT ${ASSIGNMENT_COLUMNS},
              (SELECT count(*)::int FROM assignment_submissions s WHERE s.assignment_id = a.id) AS submitted,
              (SELECT count(*)::int FROM assignment_submissions s WHERE s.assignment_id = a.id AND s.status = 'submitted') AS ungraded
         FROM course_assignments a WHERE a.course_id = $1 ORDER BY a.due_at NULLS LAST, a.created_at, a.id`,
      [courseId],
    );
    return rows.map((r) => ({ ...toAssignment(r), submitted: r['submitted'], ungraded: r['ungraded'] }));
  }

  /** Submissions of an assignment, newest first; `ungraded` keeps those waiting for a grade. */
  async submissions(principal: Principal, assignmentId: string, filter: 'all' | 'ungraded' = 'all'): Promise<SubmissionListItem[]> {
    await this.teachableAssignment(principal, assignmentId);
    const rows: Row[] = await this.db.query(
      `SELECT ${SUBMISSION_COLUMNS}, u.username, u.full_name
         FROM assignment_submissions s JOIN users u ON u.id = s.user_id LEFT JOIN stored_files f ON f.id = s.file_id
        WHERE s.assignment_id = $1 ${filter === 'ungraded' ? `AND s.status = 'submitted'` : ''}
        ORDER BY s.submitted_at DESC, s.id LIMIT 1000`,
      [assignmentId],
    );
    return rows.map((r) => ({ ...(toSubmission(r) as SubmissionView), username: r['username'], fullName: r['full_name'] }));
  }

  /** One submission: for its learner, or for a lecturer or organiser of the course; 404 for anyone else. */
  async submission(principal: Principal, id: string): Promise<SubmissionListItem & { assignment: AssignmentView }> {
    const { row, assignment } = await this.readableSubmission(principal, id);
    return { ...(toSubmission(row) as SubmissionView), username: row['username'], fullName: row['full_name'], assignment: assignment.assignment };
  }

  /** The stored file of a submission, with the same access as the submission. */
  async submissionFile(principal: Principal, id: string): Promise<StoredFile> {
    const { row } = await this.readableSubmission(principal, id);
    if (row['f_id'] === null) throw CatalogErrors.FILE_NOT_FOUND();
    return this.db.getRepository(StoredFile).findOneByOrFail({ id: row['f_id'] });
  }

  /** Stores a file a learner will hand in; type, size and content are checked before anything is written (415/413/422). */
  async upload(principal: Principal, assignmentId: string, file: IncomingFile | undefined): Promise<StoredFileSummary> {
    const { assignment, course } = await this.studyable(principal, assignmentId);
    if (assignment.submissionKind === 'text') throw CatalogErrors.SUBMISSION_CONTENT_INVALID({ submissionKind: 'text' });
    const accepted = await this.files.accept(principal, file, {
      accepts: (type) => SUBMISSION_TYPES.has(type.contentType),
      maxBytes: SUBMISSION_MAX_BYTES,
      refused: CatalogErrors.SUBMISSION_FILE_TYPE_REFUSED,
    });
    return this.files.store(principal, accepted, { orgUnitId: course.course.orgUnitId, purpose: 'submission', keyPrefix: 'submissions/' });
  }

  /**
   * Hands in (or replaces) the learner's submission. Replacing is allowed until the due date or
   * until graded; after the due date a first submission (or one returned for revision) is accepted
   * and marked late, until the hard cutoff. The row per learner is locked, so concurrent
   * submissions leave exactly one current submission.
   */
  async submit(principal: Principal, assignmentId: string, dto: SubmitAssignmentDto): Promise<SubmissionView> {
    const { assignment, course } = await this.studyable(principal, assignmentId);
    if (course.course.status !== 'open' && course.course.status !== 'running') throw CatalogErrors.COURSE_NOT_OPEN_FOR_STUDY();
    const text = dto.textBody?.normalize('NFC').trim() || null;
    const fileId = dto.fileId ?? null;
    const kind = assignment.submissionKind;
    if ((kind === 'text' && (!text || fileId)) || (kind === 'file' && (!fileId || text)) || (kind === 'both' && !text && !fileId))
      throw CatalogErrors.SUBMISSION_CONTENT_INVALID({ submissionKind: kind });
    const { id, replacedFileId } = await this.db.transaction(async (m) => {
      if (fileId) {
        // Key-share lock: a concurrent clean-up of unused files cannot remove it before this commits.
        const [own] = await m.query(`SELECT 1 FROM stored_files WHERE id = $1 AND purpose = 'submission' AND uploaded_by = $2 FOR KEY SHARE`, [
          fileId,
          principal.userId,
        ]);
        if (!own) throw CatalogErrors.FILE_NOT_FOUND({ fileId });
      }
      const now = new Date();
      if (assignment.cutoffAt && now > new Date(assignment.cutoffAt)) throw CatalogErrors.SUBMISSION_CLOSED({ cutoffAt: assignment.cutoffAt });
      const pastDue = assignment.dueAt !== null && now > new Date(assignment.dueAt);
      const [existing] = await m.query(`SELECT status, file_id FROM assignment_submissions WHERE assignment_id = $1 AND user_id = $2 FOR UPDATE`, [
        assignmentId,
        principal.userId,
      ]);
      if (existing?.status === 'graded') throw CatalogErrors.SUBMISSION_GRADED();
      if (existing?.status === 'submitted' && pastDue) throw CatalogErrors.RESUBMISSION_CLOSED({ dueAt: assignment.dueAt });
      // A concurrent first submission turns this insert into an update of the same row (one current submission).
      const [row] = rowsOf<{ id: string }>(
        await m.query(
          `INSERT INTO assignment_submissions (assignment_id, user_id, text_body, file_id, submitted_at, late)
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (assignment_id, user_id) DO UPDATE
             SET version = assignment_submissions.version + 1, text_body = EXCLUDED.text_body, file_id = EXCLUDED.file_id,
                 submitted_at = EXCLUDED.submitted_at, late = EXCLUDED.late, status = 'submitted',
                 score = NULL, passed = NULL, graded_by = NULL, graded_at = NULL
           WHERE assignment_submissions.status <> 'graded'
           RETURNING id`,
          [assignmentId, principal.userId, text, fileId, now, pastDue],
        ),
      );
      if (!row) throw CatalogErrors.SUBMISSION_GRADED();
      // Only a replacement seen under the row lock frees a file; a first submission that lost a
      // race to a concurrent one leaves the other's file in storage (unused, never served).
      const previous: string | null = existing?.file_id ?? null;
      return { id: row.id, replacedFileId: previous !== fileId ? previous : null };
    });
    // Only now that the new submission is committed: a rollback must still find the old file.
    await this.files.removeUnused([replacedFileId]);
    return (await this.submission(principal, id)) as SubmissionView;
  }

  /**
   * Grades a submission (or returns it for revision) and recomputes the learner's completion in the
   * same transaction. `version` must be the current one: a submission replaced after the grader
   * opened it is refused with SUBMISSION_STALE instead of grading work nobody read.
   */
  async grade(principal: Principal, id: string, dto: GradeSubmissionDto): Promise<SubmissionView> {
    const { row, assignment } = await this.readableSubmission(principal, id);
    if (!(await this.courses.canTeach(principal, assignment.course))) {
      if (row['s_user_id'] === principal.userId) throw CommonErrors.FORBIDDEN();
      throw CatalogErrors.SUBMISSION_NOT_FOUND();
    }
    const a = assignment.assignment;
    let score: number | null = null;
    let passed: boolean | null = null;
    if (dto.decision === 'graded') {
      if (a.maxPoints !== null) {
        if (dto.score === undefined || dto.score > a.maxPoints || dto.passed !== undefined) throw CatalogErrors.GRADE_INVALID({ maxPoints: a.maxPoints });
        const totals = await this.completion.totals(this.db.manager, a.courseId);
        score = dto.score;
        // The program's pass mark (percent) applies to assignments as to other assessments.
        passed = score * 100 >= (totals?.policy.passMark ?? 50) * a.maxPoints;
      } else {
        if (dto.passed === undefined || dto.score !== undefined) throw CatalogErrors.GRADE_INVALID({ maxPoints: null });
        passed = dto.passed;
      }
    } else if (dto.score !== undefined || dto.passed !== undefined) throw CatalogErrors.GRADE_INVALID({ decision: 'returned' });
    const comment = dto.comment?.normalize('NFC').trim() || null;
    await this.db.transaction(async (m) => {
      const [updated] = rowsOf<{ user_id: string }>(
        await m.query(
          `UPDATE assignment_submissions SET status = $3, score = $4, passed = $5, comment = $6, graded_by = $7, graded_at = now()
            WHERE id = $1 AND version = $2 RETURNING user_id`,
          [id, dto.version, dto.decision, score, passed, comment, principal.userId],
        ),
      );
      if (!updated) {
        const [current] = await m.query(`SELECT version FROM assignment_submissions WHERE id = $1`, [id]);
        if (!current) throw CatalogErrors.SUBMISSION_NOT_FOUND();
        throw CatalogErrors.SUBMISSION_STALE({ currentVersion: current.version, version: dto.version });
      }
      if (a.required) await this.completion.recompute(m, a.courseId, [updated.user_id]);
    });
    return (await this.submission(principal, id)) as SubmissionView;
  }

  private async teachable(principal: Principal, courseId: string, notFound: () => Error): Promise<LoadedCourse> {
    const loaded = await this.courses.visible(principal, courseId).catch(() => {
      throw notFound();
    });
    if (!(await this.courses.canTeach(principal, loaded))) throw CommonErrors.FORBIDDEN();
    return loaded;
  }

  private async load(assignmentId: string): Promise<AssignmentView | null> {
    const [row] = await this.db.query(`SELECT ${ASSIGNMENT_COLUMNS} FROM course_assignments a WHERE a.id = $1`, [assignmentId]);
    return row ? toAssignment(row) : null;
  }

  private async teachableAssignment(principal: Principal, assignmentId: string): Promise<LoadedAssignment> {
    const assignment = await this.load(assignmentId);
    if (!assignment) throw CatalogErrors.ASSIGNMENT_NOT_FOUND();
    return { assignment, course: await this.teachable(principal, assignment.courseId, CatalogErrors.ASSIGNMENT_NOT_FOUND) };
  }

  /** An assignment of a course the learner is enrolled in (not waitlisted); 404 otherwise. */
  private async studyable(principal: Principal, assignmentId: string): Promise<LoadedAssignment> {
    const assignment = await this.load(assignmentId);
    if (!assignment) throw CatalogErrors.ASSIGNMENT_NOT_FOUND();
    const [enrolled] = await this.db.query(`SELECT 1 FROM enrollments WHERE course_id = $1 AND user_id = $2 AND status = 'enrolled'`, [
      assignment.courseId,
      principal.userId,
    ]);
    if (!enrolled) throw CatalogErrors.ASSIGNMENT_NOT_FOUND();
    const course = await this.courses.load(this.db.manager, assignment.courseId);
    if (!course) throw CatalogErrors.ASSIGNMENT_NOT_FOUND();
    return { assignment, course };
  }

  private async readableSubmission(principal: Principal, id: string): Promise<{ row: Row; assignment: LoadedAssignment }> {
    const [row]: Row[] = await this.db.query(
      `SELECT ${SUBMISSION_COLUMNS}, u.username, u.full_name
         FROM assignment_submissions s JOIN users u ON u.id = s.user_id LEFT JOIN stored_files f ON f.id = s.file_id WHERE s.id = $1`,
      [id],
    );
    if (!row) throw CatalogErrors.SUBMISSION_NOT_FOUND();
    const assignment = (await this.load(row['s_assignment_id'])) as AssignmentView;
    const course = await this.courses.load(this.db.manager, assignment.courseId);
    if (!course) throw CatalogErrors.SUBMISSION_NOT_FOUND();
    if (row['s_user_id'] === principal.userId) return { row, assignment: { assignment, course } };
    const visible = await this.courses.visible(principal, assignment.courseId).catch(() => null);
    if (!visible || !(await this.courses.canTeach(principal, visible))) throw CatalogErrors.SUBMISSION_NOT_FOUND();
    return { row, assignment: { assignment, course } };
  }
}
