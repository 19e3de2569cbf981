import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { LESSON_KINDS, type LessonKind } from '@boiduong/shared-contracts';
import { TranslatePipe } from '@ngx-translate/core';
import { type Observable, of, switchMap } from 'rxjs';
import type { CreateLessonRequest, Lesson, ProgramModule, UploadedFile } from '../data/course-admin.models';
import { CourseAdminService } from '../data/course-admin.service';
import { type Failure, failureOf } from '../data/failure';
import { FailureMessage } from '@boiduong/web-core';
import { RichTextEditor } from '../ui/rich-text-editor';

/**
 * A program's fields, its modules and their lessons, with forms to add both. Each edit after a course
 * started goes to a new version (the API copies it); the page shows which version it edits.
 */
@Component({
  selector: 'bd-program-editor-page',
  imports: [RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, TranslatePipe, FailureMessage, RichTextEditor],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './program-editor-page.html',
  styleUrls: ['../../../../shared/ui/src/lib/styles/feature-page.css', '../ui/course-admin.css'],
})
export class ProgramEditorPage {
  private readonly admin = inject(CourseAdminService);

  /** Route parameter (component input binding). */
  readonly programId = input.required<string>();

  protected readonly program = rxResource({ params: () => this.programId(), stream: ({ params }) => this.admin.program(params) });
  protected readonly loadFailure = computed(() => (this.program.error() ? failureOf(this.program.error()) : null));
  protected readonly kinds = LESSON_KINDS;

  protected readonly moduleTitle = signal('');
  protected readonly moduleFailure = signal<Failure | null>(null);
  protected readonly savingModule = signal(false);

  /** The module whose lesson form is open. */
  protected readonly lessonFor = signal<string | null>(null);
  protected readonly lesson = {
    title: signal(''),
    kind: signal<LessonKind>('text'),
    bodyHtml: signal(''),
    videoUrl: signal(''),
    duration: signal(''),
    file: signal<File | null>(null),
  };
  protected readonly lessonFailure = signal<Failure | null>(null);
  protected readonly lessonMissing = signal<string | null>(null);
  protected readonly savingLesson = signal(false);
  protected readonly added = signal<string | null>(null);

  protected addModule(): void {
    const title = this.moduleTitle().trim();
    if (!title) return;
    this.savingModule.set(true);
    this.moduleFailure.set(null);
    this.admin.addModule(this.programId(), title).subscribe({
      next: () => {
        this.savingModule.set(false);
        this.moduleTitle.set('');
        this.program.reload();
      },
      error: (error: unknown) => {
        this.savingModule.set(false);
        this.moduleFailure.set(failureOf(error));
      },
    });
  }

  protected openLesson(mod: ProgramModule): void {
    this.lessonFor.set(this.lessonFor() === mod.id ? null : mod.id);
    this.lesson.title.set('');
    this.lesson.kind.set('text');
    this.lesson.bodyHtml.set('');
    this.lesson.videoUrl.set('');
    this.lesson.duration.set('');
    this.lesson.file.set(null);
    this.lessonFailure.set(null);
    this.lessonMissing.set(null);
  }

  protected pickFile(input: HTMLInputElement): void {
    this.lesson.file.set(input.files?.[0] ?? null);
  }

  protected addLesson(moduleId: string): void {
    const l = this.lesson;
    const kind = l.kind();
    const missing = !l.title().trim()
      ? 'title'
      : kind === 'text' && !l.bodyHtml().trim()
        ? 'body'
        : kind === 'video_link' && !l.videoUrl().trim()
          ? 'videoUrl'
          : kind === 'file' && !l.file()
            ? 'file'
            : null;
    this.lessonMissing.set(missing);
    if (missing || !this.program.hasValue()) return;
    const owner = this.program.value().ownerOrgUnitId;
    const duration = Number(l.duration());
    const base: CreateLessonRequest = {
      title: l.title().trim(),
      kind,
      ...(l.bodyHtml().trim() ? { bodyHtml: l.bodyHtml() } : {}),
      ...(kind === 'video_link' ? { videoUrl: l.videoUrl().trim() } : {}),
      ...(Number.isInteger(duration) && duration > 0 ? { durationMinutes: duration } : {}),
    };
    const file = l.file();
    // The file goes first: the lesson refers to it by id.
    const upload$: Observable<UploadedFile | null> = kind === 'file' && file ? this.admin.upload(owner, file) : of(null);
    const request$: Observable<Lesson> = upload$.pipe(
      switchMap((uploaded) => this.admin.addLesson(moduleId, uploaded ? { ...base, fileId: uploaded.id } : base)),
    );
    this.savingLesson.set(true);
    this.lessonFailure.set(null);
    request$.subscribe({
      next: (lesson) => {
        this.savingLesson.set(false);
        this.lessonFor.set(null);
        this.added.set(lesson.title);
        this.program.reload();
      },
      error: (error: unknown) => {
        this.savingLesson.set(false);
        this.lessonFailure.set(failureOf(error));
      },
    });
  }
}
