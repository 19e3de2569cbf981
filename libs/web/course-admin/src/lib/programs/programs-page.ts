import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { CONTENT_GROUPS, PROGRAM_FAMILIES, TITLES, type ContentGroup, type ProgramFamily, type TitleCode } from '@boiduong/shared-contracts';
import { TranslatePipe } from '@ngx-translate/core';
import { debounceTime } from 'rxjs';
import { CourseAdminService } from '../data/course-admin.service';
import { type Failure, failureOf } from '../data/failure';
import { FailureMessage } from '@boiduong/web-core';

/** Programs the organiser can see, and a form for a new one (owned by the central Union or a province). */
@Component({
  selector: 'bd-programs-page',
  imports: [RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, TranslatePipe, FailureMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './programs-page.html',
  styleUrls: ['../../../../shared/ui/src/lib/styles/feature-page.css', '../ui/course-admin.css'],
})
export class ProgramsPage {
  private readonly admin = inject(CourseAdminService);
  private readonly router = inject(Router);

  protected readonly families = PROGRAM_FAMILIES;
  protected readonly groups = CONTENT_GROUPS;
  /** District titles are historical: not offered for new programs. */
  protected readonly titles = TITLES.filter((t) => !t.endsWith('.district'));

  protected readonly query = signal('');
  private readonly debounced = toSignal(toObservable(this.query).pipe(debounceTime(300)), { initialValue: '' });
  protected readonly programs = rxResource({ params: () => this.debounced(), stream: ({ params }) => this.admin.programs(params) });
  protected readonly listFailure = computed(() => (this.programs.error() ? failureOf(this.programs.error()) : null));

  /** Owners a program may have: the central unit or a province the admin manages. */
  protected readonly units = rxResource({ stream: () => this.admin.units() });
  protected readonly owners = computed(() => (this.units.hasValue() ? this.units.value().filter((u) => u.type === 'central' || u.type === 'province') : []));

  protected readonly creating = signal(false);
  protected readonly saving = signal(false);
  protected readonly failure = signal<Failure | null>(null);
  protected readonly form = {
    code: signal(''),
    name: signal(''),
    family: signal<ProgramFamily>('specialty'),
    contentGroup: signal<ContentGroup>('job_skills'),
    ownerOrgUnitId: signal(''),
    targetTitles: signal<TitleCode[]>([]),
    requiredHours: signal('16'),
    outcomes: signal(''),
    minLessonShare: signal('100'),
    minAttendanceShare: signal('100'),
    passMark: signal('50'),
  };
  protected readonly missing = signal<string | null>(null);

  protected toggleTitle(title: TitleCode, on: boolean): void {
    this.form.targetTitles.update((list) => (on ? [...list, title] : list.filter((t) => t !== title)));
  }

  protected submit(): void {
    const f = this.form;
    const owner = f.ownerOrgUnitId() || this.owners()[0]?.id || '';
    const hours = Number(f.requiredHours());
    const missing = !f.code().trim() ? 'code' : !f.name().trim() ? 'name' : !owner ? 'owner' : !(Number.isInteger(hours) && hours >= 1) ? 'hours' : null;
    this.missing.set(missing);
    if (missing) return;
    this.saving.set(true);
    this.failure.set(null);
    this.admin
      .createProgram({
        code: f.code().trim(),
        name: f.name().trim(),
        family: f.family(),
        contentGroup: f.contentGroup(),
        ownerOrgUnitId: owner,
        targetTitles: f.targetTitles(),
        requiredHours: hours,
        learningOutcomes: f.outcomes().split('\n').map((s) => s.trim()).filter(Boolean),
        certificatePolicy: {
          minLessonShare: share(f.minLessonShare()),
          minAttendanceShare: share(f.minAttendanceShare()),
          passMark: Math.min(100, Math.max(0, Number(f.passMark()) || 0)),
        },
      })
      .subscribe({
        next: (program) => {
          this.saving.set(false);
          void this.router.navigate(['/manage/programs', program.id]);
        },
        error: (error: unknown) => {
          this.saving.set(false);
          this.failure.set(failureOf(error));
        },
      });
  }
}

/** A percent typed by a person, as the 0..1 share the API stores. */
function share(percent: string): number {
  return Math.min(1, Math.max(0, (Number(percent) || 0) / 100));
}
