import { HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  AskQuestionRequest,
  DiscussionAnswer,
  DiscussionLessonSummary,
  DiscussionModerationPage,
  DiscussionPost,
  DiscussionQuestion,
  DiscussionQuestionPage,
  DiscussionQueueFilter,
  DiscussionThread,
  EditDiscussionPostRequest,
} from '@boiduong/shared-contracts';
import { ApiClient } from '@boiduong/web-core';
import { Observable } from 'rxjs';

const id = encodeURIComponent;
const paged = (cursor?: string | null, extra: Record<string, string> = {}) => {
  let params = new HttpParams({ fromObject: extra });
  if (cursor) params = params.set('cursor', cursor);
  const text = params.toString();
  return text ? `?${text}` : '';
};

/** The catalog API's discussion per lesson: the same routes for learners and teachers (the API decides what each may do). */
@Injectable({ providedIn: 'root' })
export class DiscussionService {
  private readonly api = inject(ApiClient);

  questions(courseId: string, lessonId: string, cursor?: string | null): Observable<DiscussionQuestionPage> {
    return this.api.get<DiscussionQuestionPage>(`/courses/${id(courseId)}/lessons/${id(lessonId)}/questions${paged(cursor)}`);
  }

  ask(courseId: string, lessonId: string, request: AskQuestionRequest): Observable<DiscussionQuestion> {
    return this.api.post<DiscussionQuestion>(`/courses/${id(courseId)}/lessons/${id(lessonId)}/questions`, request);
  }

  thread(questionId: string, cursor?: string | null): Observable<DiscussionThread> {
    return this.api.get<DiscussionThread>(`/discussion/questions/${id(questionId)}${paged(cursor)}`);
  }

  answer(questionId: string, bodyHtml: string): Observable<DiscussionAnswer> {
    return this.api.post<DiscussionAnswer>(`/discussion/questions/${id(questionId)}/answers`, { bodyHtml });
  }

  edit(postId: string, request: EditDiscussionPostRequest): Observable<DiscussionPost> {
    return this.api.patch<DiscussionPost>(`/discussion/posts/${id(postId)}`, request);
  }

  remove(postId: string): Observable<{ deleted: string }> {
    return this.api.delete<{ deleted: string }>(`/discussion/posts/${id(postId)}`);
  }

  accept(questionId: string, answerId: string): Observable<DiscussionQuestion> {
    return this.api.put<DiscussionQuestion>(`/discussion/questions/${id(questionId)}/accepted-answer`, { answerId });
  }

  unaccept(questionId: string): Observable<DiscussionQuestion> {
    return this.api.delete<DiscussionQuestion>(`/discussion/questions/${id(questionId)}/accepted-answer`);
  }

  report(postId: string, reason?: string): Observable<DiscussionPost> {
    return this.api.post<DiscussionPost>(`/discussion/posts/${id(postId)}/reports`, reason ? { reason } : {});
  }

  hide(postId: string, reason: string): Observable<DiscussionPost> {
    return this.api.post<DiscussionPost>(`/discussion/posts/${id(postId)}/hide`, { reason });
  }

  /** Shows a hidden post again, or keeps a reported one; either way its open reports are closed. */
  restore(postId: string): Observable<DiscussionPost> {
    return this.api.post<DiscussionPost>(`/discussion/posts/${id(postId)}/restore`, {});
  }

  queue(courseId: string, filter: DiscussionQueueFilter, cursor?: string | null): Observable<DiscussionModerationPage> {
    return this.api.get<DiscussionModerationPage>(`/courses/${id(courseId)}/discussion/moderation${paged(cursor, { filter })}`);
  }

  lessons(courseId: string): Observable<DiscussionLessonSummary[]> {
    return this.api.get<DiscussionLessonSummary[]>(`/courses/${id(courseId)}/discussion/lessons`);
  }
}
