import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { type Failure, failureOf } from '../data/failure';
import type { FileLink, LessonWithProgress, MyCourseDetail } from '../data/learning.models';
import { LearningService } from '../data/learning.service';
import { FailureMessage } from '@boiduong/web-core';
import { LessonDiscussion } from '@boiduong/web-discussion';
import { ProgressMeter } from '../ui/progress-meter';

/** A watched share is sent each time it grows by this much, so a flaky link carries few requests. */
export const VIDEO_REPORT_STEP = 0.1;

type Media = 'video' | 'image' | 'pdf' | 'document';

export function mediaOf(contentType: string): Media {
  if (contentType.startsWith('video/')) return 'video';
  if (contentType.startsWith('image/')) return 'image';
  if (contentType === 'application/pdf') return 'pdf';
  return 'document';
}

/**
 * The lesson player, laid out for a phone first: the content (rich text already sanitized by the
 * API and again by Angular's `innerHTML` binding; a video from its signed range-served address or
 * an external link; a document or an image), then "mark complete", the next lesson, and the
 * lesson's questions and answers among the class.
 */
@Component({
  selector: 'bd-lesson-page',
  imports: [RouterLink, MatButtonModule, TranslatePipe, FailureMessage, ProgressMeter, LessonDiscussion],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './lesson-page.html',
  styleUrls: ['../../../../shared/ui/src/lib/styles/feature-page.css', './lesson-page.css'],
})
export class LessonPage {
  private readonly learning = inject(LearningService);

  /** Route parameters (component input binding). */
  readonly courseId = input.required<string>();
  readonly lessonId = input.required<string>();
  /** `?question=` (a notification's link): the discussion question to open. */
  readonly question = input<string | undefined>();

  protected readonly detail = rxResource({ params: () => this.courseId(), stream: ({ params }) => this.learning.myCourse(params) });
  protected readonly loadFailure = computed(() => (this.detail.error() ? failureOf(this.detail.error()) : null));

  private readonly flat = computed<LessonWithProgress[]>(() => (this.detail.hasValue() ? this.detail.value().modules.flatMap((m) => m.lessons) : []));
  private readonly index = computed(() => this.flat().findIndex((l) => l.id === this.lessonId()));
  protected readonly lesson = computed(() => this.flat()[this.index()] ?? null);
  protected readonly moduleTitle = computed(() => {
    if (!this.detail.hasValue()) return '';
    return this.detail.value().modules.find((m) => m.lessons.some((l) => l.id === this.lessonId()))?.title ?? '';
  });
  protected readonly previous = computed(() => (this.index() > 0 ? this.flat()[this.index() - 1] : null));
  protected readonly next = computed(() => (this.index() >= 0 ? (this.flat()[this.index() + 1] ?? null) : null));
  protected readonly missing = computed(() => this.detail.hasValue() && this.index() < 0);

  /** The signed address of the lesson's file, asked for once per lesson opened. */
  protected readonly file = signal<(FileLink & { url: string }) | null>(null);
  protected readonly fileLoading = signal(false);
  protected readonly fileFailure = signal<Failure | null>(null);
  protected readonly media = computed<Media | null>(() => {
    const f = this.file();
    return f ? mediaOf(f.contentType) : null;
  });

  protected readonly studyFailure = signal<Failure | null>(null);
  protected readonly completing = signal(false);
  protected readonly justCompleted = signal(false);
  private reportedShare = 0;
  private openedId: string | null = null;

  constructor() {
    // Opening a lesson is progress too; done once per lesson shown.
    effect(() => {
      const lesson = this.lesson();
      if (!lesson) return;
      untracked(() => this.opened(lesson));
    });
  }

  private opened(lesson: LessonWithProgress): void {
    // The lesson object changes with every progress update; only a different lesson counts as opening.
    if (this.openedId === lesson.id) return;
    this.openedId = lesson.id;
    this.studyFailure.set(null);
    this.justCompleted.set(false);
    this.reportedShare = lesson.videoWatchedShare;
    this.loadFile(lesson.fileId);
    if (lesson.openedAt) return;
    this.learning.progress(lesson.id).subscribe({
      next: () => this.patchLesson(lesson.id, { openedAt: new Date().toISOString() }),
      error: (error: unknown) => this.studyFailure.set(failureOf(error)),
    });
  }

  private loadFile(fileId: string | null): void {
    this.file.set(null);
    this.fileFailure.set(null);
    if (!fileId) return;
    this.fileLoading.set(true);
    this.learning.fileLink(fileId).subscribe({
      next: (link) => {
        this.fileLoading.set(false);
        if (this.lesson()?.fileId === fileId) this.file.set(link);
      },
      error: (error: unknown) => {
        this.fileLoading.set(false);
        this.fileFailure.set(failureOf(error));
      },
    });
  }

  protected complete(): void {
    const lesson = this.lesson();
    if (!lesson || this.completing()) return;
    this.completing.set(true);
    this.studyFailure.set(null);
    this.learning.complete(lesson.id).subscribe({
      next: (result) => {
        this.completing.set(false);
        this.justCompleted.set(true);
        const mine = result.courses.find((c) => c.courseId === this.courseId());
        this.detail.update((d) =>
          d
            ? withLesson(
                { ...d, ...(mine ? { lessonsCompleted: mine.lessonsCompleted, sessionsAttended: mine.sessionsAttended, completed: mine.completed } : {}) },
                lesson.id,
                { completedAt: new Date().toISOString(), openedAt: lesson.openedAt ?? new Date().toISOString() },
              )
            : d,
        );
      },
      error: (error: unknown) => {
        this.completing.set(false);
        this.studyFailure.set(failureOf(error));
      },
    });
  }

  /** Reports how far into the video the learner got, in steps, and all of it at the end. */
  protected onVideoTime(video: HTMLVideoElement, ended = false): void {
    const lesson = this.lesson();
    if (!lesson || !Number.isFinite(video.duration) || video.duration <= 0) return;
    const share = ended ? 1 : Math.min(1, video.currentTime / video.duration);
    if (share < 1 && share - this.reportedShare < VIDEO_REPORT_STEP) return;
    if (share <= this.reportedShare) return;
    this.reportedShare = share;
    this.learning.progress(lesson.id, share).subscribe({
      next: (r) => this.patchLesson(lesson.id, { videoWatchedShare: r.videoWatchedShare }),
      error: () => undefined,
    });
  }

  protected percent(share: number): number {
    return Math.round(share * 100);
  }

  private patchLesson(id: string, patch: Partial<LessonWithProgress>): void {
    this.detail.update((d) => (d ? withLesson(d, id, patch) : d));
  }
}

function withLesson(d: MyCourseDetail, id: string, patch: Partial<LessonWithProgress>): MyCourseDetail {
  return { ...d, modules: d.modules.map((m) => ({ ...m, lessons: m.lessons.map((l) => (l.id === id ? { ...l, ...patch } : l)) })) };
}
