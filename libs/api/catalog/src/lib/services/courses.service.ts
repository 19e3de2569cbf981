import { CommonErrors, type Principal } from '@boiduong/api-core';
import { Permission, type CourseView, type EnrollmentRejection, type EnrollmentResult } from '@boiduong/shared-contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CatalogErrors } from '../catalog.errors';
import type { CreateCourseDto, CreateSessionDto } from '../dto/course.dto';
import { Course, CourseSession } from '../entities';
import { CompletionService } from './completion.service';
import { ProgramsService } from './programs.service';
import { rowsOf, seesUnit } from './visibility';

/** The wire shape of a course, shared with the web screens. */
export type { CourseView };

export function toCourseView(c: Course): CourseView {
  return {
    id: c.id,
    programId: c.programId,
    programVersionId: c.programVersionId,
    orgUnitId: c.orgUnitId,
    name: c.name,
    mode: c.mode,
    status: c.status,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    openFrom: c.openFrom?.toISOString() ?? null,
    openUntil: c.openUntil?.toISOString() ?? null,
    capacity: c.capacity,
    selfEnrollment: c.selfEnrollment,
    openToAll: c.openToAll,
  };
}

export interface LoadedCourse {
  course: Course;
  path: string;
  unitType: string;
}

@Injectable()
export class CoursesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly programs: ProgramsService,
    private readonly completion: CompletionService,
  ) {}

  async create(principal: Principal, dto: CreateCourseDto): Promise<CourseView> {
    if (dto.endsOn < dto.startsOn) throw CatalogErrors.COURSE_DATES_INVALID();
    if (dto.openFrom && dto.openUntil && new Date(dto.openUntil) <= new Date(dto.openFrom)) throw CatalogErrors.COURSE_DATES_INVALID();
    const unit = await this.programs.manageableUnit(principal, dto.orgUnitId, Permission.CourseManage);
    const { program } = await this.programs.visible(principal, dto.programId);
    const id = await this.db.transaction(async (m) => {
      // Serialised with program edits: the version pinned here is locked before anyone edits it again.
      await m.query(`SELECT 1 FROM programs WHERE id = $1 FOR SHARE`, [program.id]);
      const version = await this.programs.latestVersion(m, program.id);
      await m.query(`UPDATE program_versions SET locked_at = now() WHERE id = $1 AND locked_at IS NULL`, [version.id]);
      const course = await m.save(
        m.create(Course, {
          programId: program.id,
          programVersionId: version.id,
          orgUnitId: unit.id,
          name: dto.name.normalize('NFC'),
          mode: dto.mode,
          status: dto.status ?? 'draft',
          startsOn: dto.startsOn,
          endsOn: dto.endsOn,
          openFrom: dto.openFrom ? new Date(dto.openFrom) : null,
          openUntil: dto.openUntil ? new Date(dto.openUntil) : null,
          capacity: dto.capacity,
          selfEnrollment: dto.selfEnrollment ?? false,
          openToAll: dto.openToAll ?? false,
        }),
      );
      return course.id;
    });
    return toCourseView(await this.db.getRepository(Course).findOneByOrFail({ id }));
  }

  async get(principal: Principal, id: string): Promise<CourseView & { sessions: Array<{ id: string; title: string; place: string | null; startsAt: string; endsAt: string }> }> {
    const { course } = await this.visible(principal, id);
    const sessions = await this.db.getRepository(CourseSession).find({ where: { courseId: id }, order: { startsAt: 'ASC' } });
    return {
      ...toCourseView(course),
      sessions: sessions.map((s) => ({ id: s.id, title: s.title, place: s.place, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() })),
    };
  }

  async setStatus(principal: Principal, id: string, status: Course['status']): Promise<CourseView> {
    const { course } = await this.manageable(principal, id);
    await this.db.transaction(async (m) => {
      const [before] = await m.query(`SELECT status FROM courses WHERE id = $1 FOR UPDATE`, [course.id]);
      await m.getRepository(Course).update({ id: course.id }, { status });
      if (status === 'closed' && before?.status !== 'closed') await this.completion.courseClosed(m, course.id);
    });
    return toCourseView({ ...course, status });
  }

  async addSession(principal: Principal, id: string, dto: CreateSessionDto) {
    const { course } = await this.manageable(principal, id);
    if (new Date(dto.endsAt) <= new Date(dto.startsAt)) throw CatalogErrors.COURSE_DATES_INVALID();
    return this.db.transaction(async (m) => {
      const s = await m.save(
        m.create(CourseSession, { courseId: course.id, title: dto.title.normalize('NFC'), place: dto.place ?? null, startsAt: new Date(dto.startsAt), endsAt: new Date(dto.endsAt) }),
      );
      // One more session to attend changes everyone's attendance share.
      await this.completion.recompute(m, course.id);
      return { id: s.id, title: s.title, place: s.place, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() };
    });
  }

  async addLecturers(principal: Principal, id: string, userIds: string[]): Promise<{ lecturers: string[] }> {
    const { course } = await this.manageable(principal, id);
    const unique = [...new Set(userIds)];
    const found: Array<{ id: string }> = await this.db.query(`SELECT id FROM users WHERE id = ANY($1::uuid[]) AND disabled_at IS NULL`, [unique]);
    if (found.length !== unique.length) throw CatalogErrors.LECTURER_NOT_FOUND({ missing: unique.filter((u) => !found.some((f) => f.id === u)) });
    await this.db.query(
      `INSERT INTO course_lecturers (course_id, user_id) SELECT $1, u FROM unnest($2::uuid[]) u ON CONFLICT (course_id, user_id) DO NOTHING`,
      [course.id, unique],
    );
    const rows: Array<{ user_id: string }> = await this.db.query(`SELECT user_id FROM course_lecturers WHERE course_id = $1 ORDER BY user_id`, [course.id]);
    return { lecturers: rows.map((r) => r.user_id) };
  }

  /** Enrolls users picked by an admin; capacity is counted under the course row lock. */
  async enroll(principal: Principal, id: string, userIds: string[]): Promise<EnrollmentResult> {
    const { course } = await this.visible(principal, id);
    if (!principal.hasPermission(Permission.CourseManage)) throw CommonErrors.FORBIDDEN();
    return this.db.transaction(async (m) => {
      const locked = await this.lock(m, course.id);
      if (locked.course.status === 'closed') throw CatalogErrors.COURSE_CLOSED();
      const managesCourse = principal.can(Permission.CourseManage, locked.path);
      const users: Array<{ id: string; path: string }> = await m.query(
        `SELECT u.id, o.path::text AS path FROM users u JOIN org_units o ON o.id = u.org_unit_id WHERE u.id = ANY($1::uuid[]) AND u.disabled_at IS NULL`,
        [[...new Set(userIds)]],
      );
      const byId = new Map(users.map((u) => [u.id, u.path]));
      const rejected: EnrollmentResult['rejected'] = [];
      const accepted: string[] = [];
      for (const userId of new Set(userIds)) {
        const path = byId.get(userId);
        // A user the caller can act on neither through the course nor through the user's own unit is not revealed.
        if (path === undefined || (!managesCourse && !principal.can(Permission.CourseManage, path))) rejected.push({ userId, reason: 'user_not_found' });
        else if (!this.inAudience(locked, path)) rejected.push({ userId, reason: 'outside_audience' });
        else accepted.push(userId);
      }
      const placed = await this.place(m, locked.course, accepted);
      return { ...placed, rejected: [...rejected, ...placed.rejected] };
    });
  }

  async selfEnroll(principal: Principal, id: string): Promise<EnrollmentResult> {
    const [me] = await this.db.query(`SELECT o.path::text AS path FROM users u JOIN org_units o ON o.id = u.org_unit_id WHERE u.id = $1`, [principal.userId]);
    const loaded = await this.load(this.db.manager, id);
    if (!loaded || !me || !this.inAudience(loaded, me.path)) throw CatalogErrors.COURSE_NOT_FOUND();
    if (!loaded.course.selfEnrollment) throw CatalogErrors.SELF_ENROLLMENT_NOT_ALLOWED();
    return this.db.transaction(async (m) => {
      const locked = await this.lock(m, id);
      if (locked.course.status !== 'open' && locked.course.status !== 'running') throw CatalogErrors.COURSE_CLOSED();
      return this.place(m, locked.course, [principal.userId]);
    });
  }

  /** Withdraws a learner (the learner, or a manager of the course or of the learner); the first waitlisted takes the seat. */
  async withdraw(principal: Principal, id: string, userId: string): Promise<{ withdrawn: string; promoted: string | null }> {
    const { path } = await this.visible(principal, id);
    if (userId !== principal.userId && !principal.can(Permission.CourseManage, path)) {
      const [u] = await this.db.query(`SELECT o.path::text AS path FROM users u JOIN org_units o ON o.id = u.org_unit_id WHERE u.id = $1`, [userId]);
      if (!u || !principal.can(Permission.CourseManage, u.path)) throw CatalogErrors.ENROLLMENT_NOT_FOUND();
    }
    return this.db.transaction(async (m) => {
      const locked = await this.lock(m, id);
      const [row] = await m.query(`SELECT status FROM enrollments WHERE course_id = $1 AND user_id = $2`, [id, userId]);
      if (!row || row.status === 'withdrawn') throw CatalogErrors.ENROLLMENT_NOT_FOUND();
      await m.query(`UPDATE enrollments SET status = 'withdrawn', status_changed_at = now(), completed_at = NULL WHERE course_id = $1 AND user_id = $2`, [id, userId]);
      let promoted: string | null = null;
      if (row.status === 'enrolled' && locked.course.capacity !== null) {
        const [next] = rowsOf<{ user_id: string }>(await m.query(
          `UPDATE enrollments SET status = 'enrolled', status_changed_at = now()
            WHERE id = (SELECT id FROM enrollments WHERE course_id = $1 AND status = 'waitlisted' ORDER BY status_changed_at, id LIMIT 1)
            RETURNING user_id`,
          [id],
        ));
        promoted = next?.user_id ?? null;
        if (promoted) await this.completion.recompute(m, id, [promoted]);
      }
      return { withdrawn: userId, promoted };
    });
  }

  /** Puts eligible users in: enrolled while seats remain, waitlisted after; a withdrawn learner may return. */
  private async place(m: EntityManager, course: Course, userIds: string[]): Promise<EnrollmentResult> {
    const result: EnrollmentResult = { enrolled: [], waitlisted: [], rejected: [] };
    if (userIds.length === 0) return result;
    const existing: Array<{ user_id: string; status: string }> = await m.query(
      `SELECT user_id, status FROM enrollments WHERE course_id = $1 AND user_id = ANY($2::uuid[])`,
      [course.id, userIds],
    );
    const active = new Set(existing.filter((e) => e.status !== 'withdrawn').map((e) => e.user_id));
    const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM enrollments WHERE course_id = $1 AND status = 'enrolled'`, [course.id]);
    let seats = course.capacity === null ? Number.POSITIVE_INFINITY : course.capacity - n;
    for (const userId of userIds) {
      if (active.has(userId)) result.rejected.push({ userId, reason: 'already_enrolled' as EnrollmentRejection });
      else if (seats > 0) {
        result.enrolled.push(userId);
        seats--;
      } else result.waitlisted.push(userId);
    }
    const rows = [...result.enrolled.map((u) => [u, 'enrolled']), ...result.waitlisted.map((u) => [u, 'waitlisted'])];
    if (rows.length) {
      await m.query(
        `INSERT INTO enrollments (course_id, user_id, status, status_changed_at)
         SELECT $1, r.u, r.s, clock_timestamp() FROM unnest($2::uuid[], $3::varchar[]) WITH ORDINALITY AS r(u, s, i) ORDER BY r.i
         ON CONFLICT (course_id, user_id) DO UPDATE SET status = EXCLUDED.status, status_changed_at = EXCLUDED.status_changed_at,
           lessons_completed = 0, sessions_attended = 0, completed_at = NULL`,
        [course.id, rows.map((r) => r[0]), rows.map((r) => r[1])],
      );
      if (result.enrolled.length) await this.completion.recompute(m, course.id, result.enrolled);
    }
    return result;
  }

  private inAudience(c: LoadedCourse, userPath: string): boolean {
    return c.course.openToAll || c.unitType === 'central' || userPath === c.path || userPath.startsWith(`${c.path}.`);
  }

  async load(m: EntityManager, id: string, lock = false): Promise<LoadedCourse | null> {
    const [row] = await m.query(
      `SELECT o.path::text AS path, o.type FROM courses c JOIN org_units o ON o.id = c.org_unit_id WHERE c.id = $1 ${lock ? 'FOR UPDATE OF c' : ''}`,
      [id],
    );
    if (!row) return null;
    const course = await m.findOneByOrFail(Course, { id });
    return { course, path: row.path, unitType: row.type };
  }

  private async lock(m: EntityManager, id: string): Promise<LoadedCourse> {
    const loaded = await this.load(m, id, true);
    if (!loaded) throw CatalogErrors.COURSE_NOT_FOUND();
    return loaded;
  }

  /** A course the principal may see (its unit's subtree and those above; central or open courses for all), or 404. */
  async visible(principal: Principal, id: string): Promise<LoadedCourse> {
    const loaded = await this.load(this.db.manager, id);
    if (!loaded) throw CatalogErrors.COURSE_NOT_FOUND();
    if (loaded.course.openToAll || seesUnit(principal, loaded.path, loaded.unitType)) return loaded;
    const [mine] = await this.db.query(`SELECT 1 FROM enrollments WHERE course_id = $1 AND user_id = $2 UNION ALL SELECT 1 FROM course_lecturers WHERE course_id = $1 AND user_id = $2`, [id, principal.userId]);
    if (!mine) throw CatalogErrors.COURSE_NOT_FOUND();
    return loaded;
  }

  private async manageable(principal: Principal, id: string): Promise<LoadedCourse> {
    const loaded = await this.visible(principal, id);
    if (!principal.can(Permission.CourseManage, loaded.path)) throw CommonErrors.FORBIDDEN();
    return loaded;
  }

  /** Admin of the course's unit, or a lecturer of this course. */
  async canTeach(principal: Principal, loaded: LoadedCourse): Promise<boolean> {
    if (principal.can(Permission.CourseManage, loaded.path)) return true;
    if (!principal.hasPermission(Permission.CourseTeach)) return false;
    const rows = await this.db.query(`SELECT 1 FROM course_lecturers WHERE course_id = $1 AND user_id = $2`, [loaded.course.id, principal.userId]);
    return rows.length > 0;
  }
}
