import { CommonErrors, type Principal } from '@boiduong/api-core';
import type { AttendanceMethod, CheckInAttendee, CheckInCode, CheckInResult, CheckInSheet, CheckInState } from '@boiduong/shared-contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CatalogErrors } from '../catalog.errors';
import { CheckInClock } from './check-in-clock';
import { CHECK_IN_STEP_SECONDS, CheckInTokens, windowOf } from './check-in-tokens';
import { CompletionService } from './completion.service';
import { CoursesService } from './courses.service';
import { rowsOf } from './visibility';

/** How long a window stays open when the lecturer does not say: a roll call at the start of a session. */
export const DEFAULT_CHECK_IN_MINUTES = 15;
export const MAX_CHECK_IN_MINUTES = 240;

/** The path of the learner's check-in page in the web app; the QR encodes it under the app's own origin. */
export const CHECK_IN_PAGE = '/learning/check-in';

interface WindowRow {
  course_id: string;
  course_status: string;
  opened_at: Date | null;
  closes_at: Date | null;
}

/**
 * QR check-in at in-person sessions. A lecturer of the course (or an organiser of its unit) opens a
 * window on a session; while it is open the lecturer's screen shows a rotating code; an enrolled
 * learner who scans it is recorded present once (method `qr`), and completion is recomputed in the
 * same transaction, as the lecturer's list does. The list stays the way to correct attendance.
 */
@Injectable()
export class CheckInService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly courses: CoursesService,
    private readonly completion: CompletionService,
    private readonly tokens: CheckInTokens,
    private readonly clock: CheckInClock,
  ) {}

  async open(principal: Principal, sessionId: string, minutes = DEFAULT_CHECK_IN_MINUTES): Promise<CheckInState> {
    await this.taught(principal, sessionId);
    return this.db.transaction(async (m) => {
      const row = await this.lockWindow(m, sessionId);
      if (row.course_status === 'closed') throw CatalogErrors.COURSE_CLOSED();
      const now = this.clock.now();
      // Opening an open window only moves its end: the code on screen keeps working.
      const openedAt = isOpen(row, now) && row.opened_at ? row.opened_at : now;
      const closesAt = new Date(now.getTime() + minutes * 60_000);
      await m.query(`UPDATE course_sessions SET check_in_opened_at = $2, check_in_closes_at = $3 WHERE id = $1`, [sessionId, openedAt, closesAt]);
      return stateOf(sessionId, { ...row, opened_at: openedAt, closes_at: closesAt }, now);
    });
  }

  /** Ends the window now; closing a window that is not open changes nothing. */
  async close(principal: Principal, sessionId: string): Promise<CheckInState> {
    await this.taught(principal, sessionId);
    return this.db.transaction(async (m) => {
      const row = await this.lockWindow(m, sessionId);
      const now = this.clock.now();
      if (!isOpen(row, now)) return stateOf(sessionId, row, now);
      await m.query(`UPDATE course_sessions SET check_in_closes_at = $2 WHERE id = $1`, [sessionId, now]);
      return stateOf(sessionId, { ...row, closes_at: now }, now);
    });
  }

  /** The window, the session and who is recorded present so far (latest first), for the lecturer's screen. */
  async sheet(principal: Principal, sessionId: string): Promise<CheckInSheet> {
    await this.taught(principal, sessionId);
    const [row] = await this.db.query(
      `SELECT s.title, s.place, s.starts_at, s.check_in_opened_at AS opened_at, s.check_in_closes_at AS closes_at,
              c.id AS course_id, c.name AS course_name, c.status AS course_status,
              (SELECT count(*)::int FROM enrollments e WHERE e.course_id = c.id AND e.status = 'enrolled') AS enrolled
         FROM course_sessions s JOIN courses c ON c.id = s.course_id WHERE s.id = $1`,
      [sessionId],
    );
    const attendees: Array<{ user_id: string; username: string; full_name: string; method: AttendanceMethod; recorded_at: Date }> = await this.db.query(
      `SELECT a.user_id, u.username, u.full_name, a.method, a.recorded_at
         FROM session_attendance a JOIN users u ON u.id = a.user_id
        WHERE a.session_id = $1 ORDER BY a.recorded_at DESC, u.full_name, a.user_id`,
      [sessionId],
    );
    return {
      ...stateOf(sessionId, row, this.clock.now()),
      courseId: row.course_id,
      courseName: row.course_name,
      sessionTitle: row.title,
      sessionPlace: row.place,
      sessionStartsAt: row.starts_at.toISOString(),
      enrolled: row.enrolled,
      attendees: attendees.map(
        (a): CheckInAttendee => ({ userId: a.user_id, username: a.username, fullName: a.full_name, method: a.method, recordedAt: a.recorded_at.toISOString() }),
      ),
    };
  }

  /** The code of the current time step, while the window is open. */
  async code(principal: Principal, sessionId: string): Promise<CheckInCode> {
    await this.taught(principal, sessionId);
    const [row]: WindowRow[] = await this.db.query(
      `SELECT s.course_id, c.status AS course_status, s.check_in_opened_at AS opened_at, s.check_in_closes_at AS closes_at
         FROM course_sessions s JOIN courses c ON c.id = s.course_id WHERE s.id = $1`,
      [sessionId],
    );
    const now = this.clock.now();
    if (row.course_status === 'closed') throw CatalogErrors.COURSE_CLOSED();
    if (!row.opened_at || !row.closes_at) throw CatalogErrors.CHECK_IN_NOT_OPEN();
    if (!isOpen(row, now)) throw CatalogErrors.CHECK_IN_CLOSED();
    const issued = this.tokens.issue(sessionId, row.opened_at, now);
    return {
      sessionId,
      token: issued.token,
      path: `${CHECK_IN_PAGE}?t=${issued.token}`,
      stepSeconds: CHECK_IN_STEP_SECONDS,
      expiresAt: issued.expiresAt.toISOString(),
      refreshInMs: issued.nextStepAt.getTime() - now.getTime(),
      closesAt: row.closes_at.toISOString(),
    };
  }

  /** A learner's scan: recorded once; a repeated scan answers `already_checked_in` and changes nothing. */
  async checkIn(principal: Principal, token: string): Promise<CheckInResult> {
    const verified = this.tokens.verify(token, this.clock.now());
    if (!verified.ok) throw verified.reason === 'expired' ? CatalogErrors.CHECK_IN_TOKEN_EXPIRED() : CatalogErrors.CHECK_IN_TOKEN_INVALID();
    const { sessionId, window } = verified.claims;
    return this.db.transaction(async (m) => {
      // A course or a window being closed waits for this scan (and this scan for them), so neither
      // half-sees the other. The learner's enrollment is locked exclusively: the same learner
      // scanning twice at once queues here instead of deadlocking on the attendance row.
      const [row] = await m.query(
        `SELECT s.title, s.check_in_opened_at AS opened_at, s.check_in_closes_at AS closes_at, c.id AS course_id, c.name AS course_name, c.status AS course_status
           FROM course_sessions s JOIN courses c ON c.id = s.course_id WHERE s.id = $1 FOR SHARE OF s, c`,
        [sessionId],
      );
      if (!row) throw CatalogErrors.SESSION_NOT_FOUND();
      const base = { sessionId, sessionTitle: row.title as string, courseId: row.course_id as string, courseName: row.course_name as string };
      if (row.course_status === 'closed') throw CatalogErrors.COURSE_CLOSED();
      const [enrollment] = await m.query(`SELECT status FROM enrollments WHERE course_id = $1 AND user_id = $2 FOR UPDATE`, [row.course_id, principal.userId]);
      if (!enrollment || enrollment.status === 'withdrawn') throw CatalogErrors.CHECK_IN_NOT_ENROLLED();
      if (enrollment.status === 'waitlisted') throw CatalogErrors.CHECK_IN_WAITLISTED();
      const now = this.clock.now();
      if (!row.opened_at) throw CatalogErrors.CHECK_IN_NOT_OPEN();
      // A code of an earlier window (closed, then opened again) is as stale as an old step.
      if (windowOf(row.opened_at) !== window) throw CatalogErrors.CHECK_IN_TOKEN_EXPIRED();
      if (!isOpen(row, now)) throw CatalogErrors.CHECK_IN_CLOSED();
      const [inserted] = rowsOf<{ method: AttendanceMethod; recorded_at: Date }>(
        await m.query(
          `INSERT INTO session_attendance (session_id, user_id, recorded_by, method, recorded_at) VALUES ($1, $2, $2, 'qr', $3)
           ON CONFLICT (session_id, user_id) DO NOTHING RETURNING method, recorded_at`,
          [sessionId, principal.userId, now],
        ),
      );
      if (inserted) {
        await this.completion.recompute(m, row.course_id, [principal.userId]);
        return { ...base, status: 'checked_in', method: inserted.method, recordedAt: inserted.recorded_at.toISOString() };
      }
      const [existing] = await m.query(`SELECT method, recorded_at FROM session_attendance WHERE session_id = $1 AND user_id = $2`, [sessionId, principal.userId]);
      return { ...base, status: 'already_checked_in', method: existing.method, recordedAt: existing.recorded_at.toISOString() };
    });
  }

  /** The session, if the caller teaches or organises its course; otherwise as if it did not exist, or 403 without the role. */
  private async taught(principal: Principal, sessionId: string): Promise<void> {
    const [session] = await this.db.query(`SELECT course_id FROM course_sessions WHERE id = $1`, [sessionId]);
    if (!session) throw CatalogErrors.SESSION_NOT_FOUND();
    const loaded = await this.courses.visible(principal, session.course_id).catch(() => {
      throw CatalogErrors.SESSION_NOT_FOUND();
    });
    if (!(await this.courses.canTeach(principal, loaded))) throw CommonErrors.FORBIDDEN();
  }

  private async lockWindow(m: EntityManager, sessionId: string): Promise<WindowRow> {
    const [row] = await m.query(
      `SELECT s.course_id, c.status AS course_status, s.check_in_opened_at AS opened_at, s.check_in_closes_at AS closes_at
         FROM course_sessions s JOIN courses c ON c.id = s.course_id WHERE s.id = $1 FOR UPDATE OF s FOR SHARE OF c`,
      [sessionId],
    );
    if (!row) throw CatalogErrors.SESSION_NOT_FOUND();
    return row;
  }
}

function isOpen(row: Pick<WindowRow, 'opened_at' | 'closes_at'>, now: Date): boolean {
  return row.opened_at !== null && row.closes_at !== null && row.opened_at.getTime() <= now.getTime() && now.getTime() < row.closes_at.getTime();
}

function stateOf(sessionId: string, row: Pick<WindowRow, 'opened_at' | 'closes_at'>, now: Date): CheckInState {
  return {
    sessionId,
    open: isOpen(row, now),
    openedAt: row.opened_at?.toISOString() ?? null,
    closesAt: row.closes_at?.toISOString() ?? null,
  };
}
