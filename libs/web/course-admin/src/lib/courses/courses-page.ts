import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { COURSE_MODES, COURSE_STATUSES, Permission, type CourseMode, type CourseStatus } from '@boiduong/shared-contracts';
import { SessionStore } from '@boiduong/web-core';
import { TranslatePipe } from '@ngx-translate/core';
import { of } from 'rxjs';
import { CourseAdminService } from '../data/course-admin.service';
import { type Failure, failureOf } from '../data/failure';
import { formatDay } from '../ui/dates';
import { FailureMessage } from '@boiduong/web-core';

/** `datetime-local` text (the organiser's own time) as the instant the API stores. */
export function localToIso(value: string): string | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** Courses the user organises or teaches; organisers also get the form for a new one. */
@Component({
  selector: 'bd-courses-page',
  imports: [RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, TranslatePipe, FailureMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './courses-page.html',
  styleUrls: ['../../../../shared/ui/src/lib/styles/feature-page.css', '../ui/course-admin.css'],
})
export class CoursesPage {
  private readonly admin = inject(CourseAdminService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly session = inject(SessionStore);

  protected readonly canManage = computed(() => this.session.permissions().has(Permission.CourseManage));
  protected readonly modes = COURSE_MODES;
  protected readonly statuses = COURSE_STATUSES;

  protected readonly courses = rxResource({ stream: () => this.admin.courses() });
  protected readonly listFailure = computed(() => (this.courses.error() ? failureOf(this.courses.error()) : null));
  protected readonly programs = rxResource({ params: () => this.canManage(), stream: ({ params }) => (params ? this.admin.programs() : of([])) });
  protected readonly units = rxResource({ params: () => this.canManage(), stream: ({ params }) => (params ? this.admin.units() : of([])) });
  protected readonly day = formatDay;

  /** Opened directly from a program's page (`?programId=`). */
  protected readonly creating = signal(!!this.route.snapshot.queryParamMap.get('programId'));
  protected readonly form = {
    programId: signal(this.route.snapshot.queryParamMap.get('programId') ?? ''),
    orgUnitId: signal(''),
    name: signal(''),
    mode: signal<CourseMode>('blended'),
    startsOn: signal(''),
    endsOn: signal(''),
    openFrom: signal(''),
    openUntil: signal(''),
    capacity: signal(''),
    selfEnrollment: signal(false),
    openToAll: signal(false),
    status: signal<CourseStatus>('draft'),
  };
  protected readonly missing = signal<string | null>(null);
  protected readonly saving = signal(false);
  protected readonly failure = signal<Failure | null>(null);

  private first<T extends { id: string }>(list: { hasValue(): boolean; value(): T[] | undefined }): string {
    return list.hasValue() ? (list.value()?.[0]?.id ?? '') : '';
  }

  protected submit(): void {
    const f = this.form;
    const programId = f.programId() || this.first(this.programs);
    const orgUnitId = f.orgUnitId() || this.first(this.units);
    const capacity = f.capacity().trim() === '' ? null : Number(f.capacity());
    const missing = !programId
      ? 'program'
      : !orgUnitId
        ? 'unit'
        : !f.name().trim()
          ? 'name'
          : !f.startsOn() || !f.endsOn()
            ? 'dates'
            : capacity !== null && !(Number.isInteger(capacity) && capacity >= 1)
              ? 'capacity'
              : null;
    this.missing.set(missing);
    if (missing) return;
    this.saving.set(true);
    this.failure.set(null);
    this.admin
      .createCourse({
        programId,
        orgUnitId,
        name: f.name().trim(),
        mode: f.mode(),
        startsOn: f.startsOn(),
        endsOn: f.endsOn(),
        capacity,
        openFrom: localToIso(f.openFrom()),
        openUntil: localToIso(f.openUntil()),
        selfEnrollment: f.selfEnrollment(),
        openToAll: f.openToAll(),
        status: f.status(),
      })
      .subscribe({
        next: (course) => {
          this.saving.set(false);
          void this.router.navigate(['/manage/courses', course.id]);
        },
        error: (error: unknown) => {
          this.saving.set(false);
          this.failure.set(failureOf(error));
        },
      });
  }
}
