import { DomainError, type Principal } from '@boiduong/api-core';
import { CompletionService } from '@boiduong/api-catalog';
import {
  Permission,
  type CandidateDecisionResult,
  type CandidateStatus,
  type CertificateCandidateView,
  type CertificateIssuerSettings,
  type IssuanceMode,
} from '@boiduong/shared-contracts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CertificationErrors } from '../certification.errors';
import { CertificatesService } from './certificates.service';
import type { IssueCertificateInput } from './issuance';
import { IssuanceTrigger } from './issuance-trigger';

export interface AutoIssueResult {
  certificateId: string | null;
  alreadyIssued: boolean;
  /** Why nothing was issued: not a queued candidate, completion withdrawn, or the failure recorded. */
  skipped?: string;
}

/** What the job reads of one enrollment to issue its certificate. */
export interface CandidateSource {
  enrollment_id: string;
  user_id: string;
  completed: boolean;
  course_id: string;
  org_unit_id: string;
  starts_on: string;
  ends_on: string;
  program_code: string;
  program_name: string;
  target_titles: string[] | null;
  full_name: string;
  date_of_birth: string | null;
  signer_name: string | null;
  signer_title: string | null;
  issued_place: string | null;
}

/** Candidates older than this without a certificate are queued again by the sweep. */
const SWEEP_AFTER_SECONDS = 30;
const LIST_LIMIT = 500;

/**
 * Issuance that follows completion: the job handler for candidates, the approval list with bulk
 * approval and refusal, and the settings automatic issuance needs (program mode, unit signer).
 */
@Injectable()
export class AutoIssuance {
  constructor(
    private readonly db: DataSource,
    private readonly certificates: CertificatesService,
    private readonly completion: CompletionService,
    private readonly trigger: IssuanceTrigger,
  ) {}

  /** Runs one queued candidate: builds the issue input from the catalog's facts and issues it. */
  async handle(enrollmentId: string): Promise<AutoIssueResult> {
    const [candidate] = await this.db.query(`SELECT status, certificate_id FROM certificate_candidates WHERE enrollment_id = $1`, [enrollmentId]);
    if (!candidate) return { certificateId: null, alreadyIssued: false, skipped: 'no_candidate' };
    if (candidate.status === 'issued') return { certificateId: candidate.certificate_id, alreadyIssued: true };
    if (candidate.status !== 'queued') return { certificateId: null, alreadyIssued: false, skipped: candidate.status };
    const [source]: CandidateSource[] = await this.db.query(
      `SELECT e.id AS enrollment_id, e.user_id, (e.status = 'enrolled' AND e.completed_at IS NOT NULL) AS completed,
              c.id AS course_id, c.org_unit_id, c.starts_on::text AS starts_on, c.ends_on::text AS ends_on,
              p.code AS program_code, v.name AS program_name, v.target_titles,
              u.full_name, u.date_of_birth::text AS date_of_birth,
              i.signer_name, i.signer_title, i.issued_place
         FROM enrollments e
         JOIN courses c ON c.id = e.course_id
         JOIN programs p ON p.id = c.program_id
         JOIN program_versions v ON v.id = c.program_version_id
         JOIN users u ON u.id = e.user_id
         LEFT JOIN certificate_issuers i ON i.unit_id = c.org_unit_id
        WHERE e.id = $1`,
      [enrollmentId],
    );
    if (!source || !source.completed) {
      await this.db.query(`DELETE FROM certificate_candidates WHERE enrollment_id = $1 AND status = 'queued'`, [enrollmentId]);
      return { certificateId: null, alreadyIssued: false, skipped: 'not_completed' };
    }
    const [live] = await this.db.query(`SELECT id FROM certificates WHERE user_id = $1 AND course_id = $2 AND status <> 'replaced' LIMIT 1`, [
      source.user_id,
      source.course_id,
    ]);
    if (live) {
      await this.mark(enrollmentId, 'issued', null, live.id);
      return { certificateId: live.id, alreadyIssued: true };
    }
    if (!source.signer_name || !source.signer_title || !source.issued_place) {
      await this.mark(enrollmentId, 'failed', 'issuer_not_configured: the issuing unit has no signer set for certificates');
      return { certificateId: null, alreadyIssued: false, skipped: 'issuer_not_configured' };
    }
    const status = await this.completion.statusFor(source.course_id, source.user_id);
    if (!status || status.lessonsTotal + status.sessionsTotal + status.assessmentsRequired === 0) {
      // A course with nothing to do yet (its exams not set) counts as complete for the catalog, not for a certificate.
      await this.mark(enrollmentId, 'failed', 'course_has_no_requirements: the course has no lesson, session or assessment');
      return { certificateId: null, alreadyIssued: false, skipped: 'course_has_no_requirements' };
    }
    const input = inputFrom(source, status);
    try {
      const issued = await this.certificates.issue(null, input);
      await this.mark(enrollmentId, 'issued', null, issued.id);
      await this.certificates.pdf(issued);
      return { certificateId: issued.id, alreadyIssued: false };
    } catch (e) {
      if (e instanceof DomainError && e.code === 'CERTIFICATE_ALREADY_ISSUED') {
        const [raced] = await this.db.query(`SELECT id FROM certificates WHERE user_id = $1 AND course_id = $2 AND status <> 'replaced' LIMIT 1`, [
          source.user_id,
          source.course_id,
        ]);
        if (raced) {
          await this.mark(enrollmentId, 'issued', null, raced.id);
          return { certificateId: raced.id, alreadyIssued: true };
        }
      }
      // A refusal by the rules will not change on retry: recorded for the admins, not retried.
      if (e instanceof DomainError && e.status < 500) {
        await this.mark(enrollmentId, 'failed', `${e.code}: ${JSON.stringify(e.details ?? null)}`);
        return { certificateId: null, alreadyIssued: false, skipped: e.code };
      }
      throw e;
    }
  }

  /** Queues candidates left `queued` with no certificate (their job was lost); the job id dedups the rest. */
  async sweep(): Promise<number> {
    const rows: Array<{ enrollment_id: string }> = await this.db.query(
      `SELECT enrollment_id FROM certificate_candidates WHERE status = 'queued' AND updated_at < now() - make_interval(secs => $1) LIMIT 1000`,
      [SWEEP_AFTER_SECONDS],
    );
    await this.trigger.enqueue(rows.map((r) => r.enrollment_id));
    return rows.length;
  }

  private async mark(enrollmentId: string, status: CandidateStatus, reason: string | null, certificateId: string | null = null): Promise<void> {
    await this.db.query(
      `UPDATE certificate_candidates SET status = $2, reason = $3, certificate_id = COALESCE($4, certificate_id), updated_at = now()
        WHERE enrollment_id = $1 AND status = 'queued'`,
      [enrollmentId, status, reason, certificateId],
    );
  }

  /** The candidates of courses run by units the principal issues for, newest first. */
  async list(principal: Principal, filter: { courseId?: string; status?: CandidateStatus }): Promise<CertificateCandidateView[]> {
    if (filter.courseId) {
      const [course] = await this.db.query(`SELECT o.path::text AS path FROM courses c JOIN org_units o ON o.id = c.org_unit_id WHERE c.id = $1`, [filter.courseId]);
      if (!course || !principal.can(Permission.CertificateIssue, course.path)) throw CertificationErrors.CERTIFICATE_COURSE_NOT_FOUND();
    }
    const rows = await this.db.query(
      `SELECT k.id, k.enrollment_id, k.course_id, c.name AS course_name, v.name AS program_name, k.user_id, u.full_name, u.username,
              k.status, k.reason, k.certificate_id, e.completed_at, k.decided_at, o.path::text AS path
         FROM certificate_candidates k
         JOIN enrollments e ON e.id = k.enrollment_id
         JOIN courses c ON c.id = k.course_id
         JOIN program_versions v ON v.id = c.program_version_id
         JOIN org_units o ON o.id = c.org_unit_id
         JOIN users u ON u.id = k.user_id
        WHERE ($1::uuid IS NULL OR k.course_id = $1) AND ($2::text IS NULL OR k.status = $2)
        ORDER BY k.created_at DESC, k.id LIMIT ${LIST_LIMIT * 4}`,
      [filter.courseId ?? null, filter.status ?? null],
    );
    return rows
      .filter((r: { path: string }) => principal.can(Permission.CertificateIssue, r.path))
      .slice(0, LIST_LIMIT)
      .map(
        (r: Record<string, never>): CertificateCandidateView => ({
          id: r['id'],
          enrollmentId: r['enrollment_id'],
          courseId: r['course_id'],
          courseName: r['course_name'],
          programName: r['program_name'],
          userId: r['user_id'],
          fullName: r['full_name'],
          username: r['username'],
          status: r['status'],
          reason: r['reason'],
          certificateId: r['certificate_id'],
          completedAt: r['completed_at'] ? (r['completed_at'] as Date).toISOString() : null,
          decidedAt: r['decided_at'] ? (r['decided_at'] as Date).toISOString() : null,
        }),
      );
  }

  /**
   * Approves candidates for issuance (pending, awaiting the close, failed, or refused earlier:
   * approving reverses a refusal). Queued once the decisions commit.
   */
  approve(principal: Principal, ids: string[]): Promise<CandidateDecisionResult> {
    return this.decide(principal, ids, 'queued', null);
  }

  /** Refuses candidates with the reason; a refused learner is not issued automatically until approved. */
  refuse(principal: Principal, ids: string[], reason: string): Promise<CandidateDecisionResult> {
    return this.decide(principal, ids, 'refused', reason.normalize('NFC').trim());
  }

  private async decide(principal: Principal, ids: string[], to: 'queued' | 'refused', reason: string | null): Promise<CandidateDecisionResult> {
    const unique = [...new Set(ids)];
    return this.db.transaction(async (m) => {
      const rows: Array<{ id: string; enrollment_id: string; status: CandidateStatus; path: string }> = await m.query(
        `SELECT k.id, k.enrollment_id, k.status, o.path::text AS path
           FROM certificate_candidates k JOIN courses c ON c.id = k.course_id JOIN org_units o ON o.id = c.org_unit_id
          WHERE k.id = ANY($1::uuid[]) ORDER BY k.id FOR UPDATE OF k`,
        [unique],
      );
      const byId = new Map(rows.filter((r) => principal.can(Permission.CertificateIssue, r.path)).map((r) => [r.id, r]));
      const result: CandidateDecisionResult = { done: [], skipped: [] };
      for (const id of unique) {
        const row = byId.get(id);
        if (!row) result.skipped.push({ id, reason: 'not_found' });
        else if (row.status === 'issued') result.skipped.push({ id, reason: 'already_issued' });
        else if (to === 'queued' && row.status === 'queued') result.skipped.push({ id, reason: 'already_queued' });
        else result.done.push(id);
      }
      if (!result.done.length) return result;
      // UPDATE ... RETURNING answers [rows, count] through TypeORM.
      const [changed]: [Array<{ enrollment_id: string }>, number] = await m.query(
        `UPDATE certificate_candidates SET status = $2, reason = $3, decided_by_user_id = $4, decided_at = now(), updated_at = now()
          WHERE id = ANY($1::uuid[]) RETURNING enrollment_id`,
        [result.done, to, reason, principal.userId],
      );
      if (to === 'queued') await this.trigger.afterCommit(m, changed.map((c) => c.enrollment_id));
      return result;
    });
  }

  async issuerSettings(principal: Principal, unitId: string): Promise<CertificateIssuerSettings | null> {
    await this.requireUnit(principal, unitId);
    const [row] = await this.db.query(`SELECT signer_name, signer_title, issued_place FROM certificate_issuers WHERE unit_id = $1`, [unitId]);
    return row ? { unitId, signerName: row.signer_name, signerTitle: row.signer_title, issuedPlace: row.issued_place } : null;
  }

  async setIssuerSettings(principal: Principal, unitId: string, dto: Omit<CertificateIssuerSettings, 'unitId'>): Promise<CertificateIssuerSettings> {
    await this.requireUnit(principal, unitId);
    const clean = (s: string) => s.normalize('NFC').trim();
    const settings = { unitId, signerName: clean(dto.signerName), signerTitle: clean(dto.signerTitle), issuedPlace: clean(dto.issuedPlace) };
    await this.db.query(
      `INSERT INTO certificate_issuers (unit_id, signer_name, signer_title, issued_place) VALUES ($1, $2, $3, $4)
       ON CONFLICT (unit_id) DO UPDATE SET signer_name = $2, signer_title = $3, issued_place = $4, updated_at = now()`,
      [unitId, settings.signerName, settings.signerTitle, settings.issuedPlace],
    );
    return settings;
  }

  async programPolicy(principal: Principal, programId: string): Promise<{ programId: string; issuanceMode: IssuanceMode }> {
    await this.requireProgram(principal, programId);
    const [row] = await this.db.query(`SELECT issuance_mode FROM certificate_program_policies WHERE program_id = $1`, [programId]);
    return { programId, issuanceMode: row?.issuance_mode ?? 'on_grade' };
  }

  async setProgramPolicy(principal: Principal, programId: string, mode: IssuanceMode): Promise<{ programId: string; issuanceMode: IssuanceMode }> {
    await this.requireProgram(principal, programId);
    await this.db.query(
      `INSERT INTO certificate_program_policies (program_id, issuance_mode) VALUES ($1, $2)
       ON CONFLICT (program_id) DO UPDATE SET issuance_mode = $2, updated_at = now()`,
      [programId, mode],
    );
    return { programId, issuanceMode: mode };
  }

  private async requireUnit(principal: Principal, unitId: string): Promise<void> {
    const [unit] = await this.db.query(`SELECT path::text AS path FROM org_units WHERE id = $1`, [unitId]);
    if (!unit || !principal.can(Permission.CertificateIssue, unit.path)) throw CertificationErrors.CERTIFICATE_ISSUER_NOT_FOUND();
  }

  /** Programs are set by those who issue for the unit that owns them. */
  private async requireProgram(principal: Principal, programId: string): Promise<void> {
    const [program] = await this.db.query(`SELECT o.path::text AS path FROM programs p JOIN org_units o ON o.id = p.owner_org_unit_id WHERE p.id = $1`, [
      programId,
    ]);
    if (!program || !principal.can(Permission.CertificateIssue, program.path)) throw CertificationErrors.CERTIFICATE_PROGRAM_NOT_FOUND();
  }
}

/**
 * The issue input from the catalog's facts. The catalog decided completion with each required
 * assessment at the higher of the exam's and the program's pass mark, so assessments reach the
 * rule set as that decision; attendance is the share of sessions attended (lessons completed for
 * a course without sessions).
 */
export function inputFrom(s: CandidateSource, status: { sessionsTotal: number; sessionsAttended: number; lessonsTotal: number; lessonsCompleted: number } | null): IssueCertificateInput {
  const share = (done: number, total: number) => (total === 0 ? 1 : Math.min(1, done / total));
  const attendanceShare = status
    ? status.sessionsTotal > 0
      ? share(status.sessionsAttended, status.sessionsTotal)
      : share(status.lessonsCompleted, status.lessonsTotal)
    : null;
  return {
    issuerUnitId: s.org_unit_id,
    enrollmentId: s.enrollment_id,
    learner: { userId: s.user_id, fullName: s.full_name, dateOfBirth: s.date_of_birth },
    program: { code: s.program_code, name: s.program_name, titles: Array.isArray(s.target_titles) ? s.target_titles : [] },
    course: { id: s.course_id, startsOn: s.starts_on, endsOn: s.ends_on },
    result: 'Đạt',
    completion: {
      attendanceShare,
      // Only completed enrollments get here: the catalog has passed every required assessment.
      assessments: [],
      rulesKept: true,
    },
    signer: { name: s.signer_name ?? '', title: s.signer_title ?? '' },
    issuedPlace: s.issued_place ?? '',
  };
}
