import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { COURSE_STATUSES, Permission, type CourseStatus, type EnrollmentResult } from '@boiduong/shared-contracts';
import { SessionStore } from '@boiduong/web-core';
import { TranslatePipe } from '@ngx-translate/core';
import { catchError, type Observable, of } from 'rxjs';
import type { CourseSession, PersonSummary } from '../data/course-admin.models';
import { CourseAdminService } from '../data/course-admin.service';
import { type Failure, failureOf } from '../data/failure';
import { localToIso } from '../courses/courses-page';
import { formatDateTime, formatDay } from '../ui/dates';
import { FailureMessage } from '@boiduong/web-core';
import { CourseAssignmentsPanel } from '../assignments/course-assignments-panel';
import { CourseDiscussionLink } from '../discussion/course-discussion-link';

type PickFor = 'learners' | 'lecturers';

/**
 * One course: status, sessions, lecturers, the roster with the waitlist, attendance per session and
 * assignments. Organisers change everything; a lecturer of the course sees the roster, records
 * attendance, and sets and grades assignments.
 */
@Component({
  selector: 'bd-course-setup-page',
  imports: [RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, TranslatePipe, FailureMessage, CourseAssignmentsPanel, CourseDiscussionLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './course-setup-page.html',
  styleUrls: ['../../../../shared/ui/src/lib/styles/feature-page.css', '../ui/course-admin.css'],
})
export class CourseSetupPage {
  private readonly admin = inject(CourseAdminService);
  private readonly session = inject(SessionStore);

  /** Route parameter (component input binding). */
  readonly courseId = input.required<string>();

  protected readonly canManage = computed(() => this.session.permissions().has(Permission.CourseManage));
  protected readonly statuses = COURSE_STATUSES;
  protected readonly day = formatDay;
  protected readonly time = formatDateTime;

  protected readonly course = rxResource({ params: () => this.courseId(), stream: ({ params }) => this.admin.course(params) });
  protected readonly loadFailure = computed(() => (this.course.error() ? failureOf(this.course.error()) : null));
  protected readonly roster = rxResource({ params: () => this.courseId(), stream: ({ params }) => this.admin.progress(params) });
  protected readonly rosterFailure = computed(() => (this.roster.error() ? failureOf(this.roster.error()) : null));
  protected readonly lecturers = rxResource({
    params: () => this.courseId(),
    stream: ({ params }) => this.admin.lecturers(params).pipe(catchError(() => of([]))),
  });
  protected readonly enrolled = computed(() => (this.roster.hasValue() ? this.roster.value().learners.filter((l) => l.status === 'enrolled') : []));
  protected readonly waitlisted = computed(() => (this.roster.hasValue() ? this.roster.value().learners.filter((l) => l.status === 'waitlisted') : []));

  protected readonly failure = signal<Failure | null>(null);
  protected readonly notice = signal<{ key: string; params?: Record<string, unknown> } | null>(null);
  protected readonly busy = signal(false);

  // Status
  protected readonly status = signal<CourseStatus | ''>('');

  // A new session
  protected readonly sessionForm = { title: signal(''), place: signal(''), startsAt: signal(''), endsAt: signal('') };
  protected readonly sessionMissing = signal(false);

  // People search for the roster and the lecturers
  protected readonly pickFor = signal<PickFor | null>(null);
  protected readonly peopleQuery = signal('');
  protected readonly people = signal<PersonSummary[] | null>(null);
  protected readonly picked = signal<ReadonlySet<string>>(new Set());
  protected readonly lastResult = signal<EnrollmentResult | null>(null);

  // Attendance
  protected readonly attendanceFor = signal<CourseSession | null>(null);
  protected readonly present = signal<ReadonlySet<string>>(new Set());

  private run<T>(request: Observable<T>, done: (value: T) => void): void {
    this.busy.set(true);
    this.failure.set(null);
    this.notice.set(null);
    request.subscribe({
      next: (value) => {
        this.busy.set(false);
        done(value);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.failure.set(failureOf(error));
      },
    });
  }

  protected saveStatus(): void {
    const status = this.status();
    if (!status) return;
    this.run(this.admin.setStatus(this.courseId(), status), () => {
      this.notice.set({ key: 'courseAdmin.setup.statusSaved' });
      this.course.reload();
    });
  }

  protected addSession(): void {
    const f = this.sessionForm;
    const startsAt = localToIso(f.startsAt());
    const endsAt = localToIso(f.endsAt());
    const missing = !f.title().trim() || !startsAt || !endsAt;
    this.sessionMissing.set(missing);
    if (missing || !startsAt || !endsAt) return;
    this.run(this.admin.addSession(this.courseId(), { title: f.title().trim(), place: f.place().trim() || null, startsAt, endsAt }), () => {
      f.title.set('');
      f.place.set('');
      f.startsAt.set('');
      f.endsAt.set('');
      this.notice.set({ key: 'courseAdmin.setup.sessionAdded' });
      this.course.reload();
    });
  }

  protected openPicker(target: PickFor): void {
    this.pickFor.set(this.pickFor() === target ? null : target);
    this.people.set(null);
    this.picked.set(new Set());
    this.peopleQuery.set('');
    this.lastResult.set(null);
  }

  protected search(): void {
    const q = this.peopleQuery().trim();
    if (!q) return;
    this.run(this.admin.people(q), (list) => this.people.set(list));
  }

  protected togglePick(id: string, on: boolean): void {
    this.picked.update((set) => {
      const next = new Set(set);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  protected confirmPick(): void {
    const ids = [...this.picked()];
    if (!ids.length) return;
    if (this.pickFor() === 'lecturers') {
      this.run(this.admin.addLecturers(this.courseId(), ids), () => {
        this.pickFor.set(null);
        this.notice.set({ key: 'courseAdmin.setup.lecturersAdded', params: { count: ids.length } });
        this.lecturers.reload();
      });
      return;
    }
    this.run(this.admin.enroll(this.courseId(), ids), (result) => {
      this.lastResult.set(result);
      this.pickFor.set(null);
      this.notice.set({
        key: 'courseAdmin.roster.result',
        params: { enrolled: result.enrolled.length, waitlisted: result.waitlisted.length, rejected: result.rejected.length },
      });
      this.roster.reload();
    });
  }

  protected withdraw(userId: string, name: string): void {
    this.run(this.admin.withdraw(this.courseId(), userId), (result) => {
      this.notice.set({ key: result.promoted ? 'courseAdmin.roster.withdrawnPromoted' : 'courseAdmin.roster.withdrawn', params: { name } });
      this.roster.reload();
    });
  }

  protected openAttendance(s: CourseSession): void {
    if (this.attendanceFor()?.id === s.id) {
      this.attendanceFor.set(null);
      return;
    }
    this.attendanceFor.set(s);
    this.present.set(new Set());
    this.run(this.admin.attendance(s.id), (a) => this.present.set(new Set(a.present)));
  }

  protected togglePresent(userId: string, on: boolean): void {
    this.present.update((set) => {
      const next = new Set(set);
      if (on) next.add(userId);
      else next.delete(userId);
      return next;
    });
  }

  protected saveAttendance(): void {
    const s = this.attendanceFor();
    if (!s) return;
    this.run(this.admin.recordAttendance(s.id, [...this.present()]), (a) => {
      this.notice.set({ key: 'courseAdmin.attendance.saved', params: { count: a.present.length, title: s.title } });
      this.attendanceFor.set(null);
      this.roster.reload();
    });
  }
}
