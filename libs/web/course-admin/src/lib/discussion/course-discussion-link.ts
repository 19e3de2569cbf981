import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

/** The way from a course's setup page to its discussion and moderation screen. */
@Component({
  selector: 'bd-course-discussion-link',
  imports: [RouterLink, MatButtonModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="panel" data-testid="discussion-link-panel">
      <div class="module-head">
        <h2>{{ 'discussion.panel.title' | translate }}</h2>
        <a mat-stroked-button data-testid="discussion-link" [routerLink]="['/manage/courses', courseId(), 'discussion']">{{ 'discussion.moderation.link' | translate }}</a>
      </div>
    </section>
  `,
  styleUrls: ['../../../../shared/ui/src/lib/styles/feature-page.css', '../ui/course-admin.css'],
})
export class CourseDiscussionLink {
  readonly courseId = input.required<string>();
}
