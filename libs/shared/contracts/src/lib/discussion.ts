/**
 * Discussion per lesson of a course (hỏi đáp theo bài giảng): questions and answers among the
 * learners of one class and its lecturers, with an accepted answer and moderation.
 */

/** Limits the API enforces; the web forms check the same numbers before sending. */
export const DISCUSSION_LIMITS = {
  /** Characters of a question title (after trimming). */
  titleMax: 200,
  /** Characters of visible text in a body (markup not counted). */
  bodyTextMax: 10_000,
  /** Characters of a report or hiding reason. */
  reasonMax: 500,
  /** Items per page when the client does not ask for a size, and the most it may ask for. */
  pageSize: 20,
  pageSizeMax: 50,
} as const;

/** How the author took part in the course when writing (shown next to the name). */
export const DISCUSSION_AUTHOR_ROLES = ['learner', 'lecturer', 'organiser'] as const;
export type DiscussionAuthorRole = (typeof DISCUSSION_AUTHOR_ROLES)[number];

export interface DiscussionPerson {
  id: string;
  fullName: string;
}

export interface DiscussionAuthor extends DiscussionPerson {
  role: DiscussionAuthorRole;
}

/** Why and by whom a post was hidden; only moderators ever receive it (others never see hidden posts). */
export interface DiscussionHidden {
  at: string;
  by: DiscussionPerson | null;
  reason: string;
}

/** What the caller may do in a course's discussion. */
export interface DiscussionViewer {
  /** Ask, answer, edit and delete own posts: false once the course is closed. */
  canWrite: boolean;
  /** Lecturers of the course and organisers of its unit: accept answers, hide and restore posts. */
  canModerate: boolean;
  courseClosed: boolean;
}

interface DiscussionPostBase {
  id: string;
  courseId: string;
  lessonId: string;
  author: DiscussionAuthor;
  /** Sanitized rich text (no script survives). */
  bodyHtml: string;
  createdAt: string;
  editedAt: string | null;
  mine: boolean;
  reportedByMe: boolean;
  canEdit: boolean;
  canDelete: boolean;
  /** Null unless hidden (and then only moderators receive the post). */
  hidden: DiscussionHidden | null;
  /** Reports waiting for a moderator's decision; 0 for callers who are not moderators. */
  openReports: number;
}

export interface DiscussionQuestion extends DiscussionPostBase {
  kind: 'question';
  title: string;
  /** Answers visible to learners (hidden ones are not counted). */
  answerCount: number;
  /** The accepted answer, when one is marked and the caller may see it. */
  acceptedAnswerId: string | null;
  lastActivityAt: string;
}

export interface DiscussionAnswer extends DiscussionPostBase {
  kind: 'answer';
  questionId: string;
  accepted: boolean;
  acceptedBy: DiscussionPerson | null;
  acceptedAt: string | null;
}

export type DiscussionPost = DiscussionQuestion | DiscussionAnswer;

/** Questions of a lesson, newest activity first; `nextCursor` asks for the following page. */
export interface DiscussionQuestionPage {
  items: DiscussionQuestion[];
  nextCursor: string | null;
  viewer: DiscussionViewer;
}

/** A question with a page of its answers (oldest first) and its accepted answer apart. */
export interface DiscussionThread {
  question: DiscussionQuestion;
  accepted: DiscussionAnswer | null;
  answers: DiscussionAnswer[];
  nextCursor: string | null;
  viewer: DiscussionViewer;
}

/** A lesson of the course's program version with how much is being discussed there (for teachers). */
export interface DiscussionLessonSummary {
  moduleId: string;
  moduleTitle: string;
  lessonId: string;
  lessonTitle: string;
  questions: number;
  /** Visible questions without any visible answer. */
  unanswered: number;
  lastActivityAt: string | null;
}

export interface DiscussionReportView {
  reporter: DiscussionPerson;
  reason: string | null;
  createdAt: string;
  /** Set once a moderator hid or kept the post after this report. */
  resolvedAt: string | null;
}

export const DISCUSSION_QUEUE_FILTERS = ['reported', 'hidden'] as const;
export type DiscussionQueueFilter = (typeof DISCUSSION_QUEUE_FILTERS)[number];

/** A post in the moderation queue, with where it was written and who reported it. */
export interface DiscussionModerationItem {
  post: DiscussionPost;
  lessonTitle: string;
  /** The question an answer belongs to (the question itself for a question). */
  questionId: string;
  questionTitle: string;
  reports: DiscussionReportView[];
}

export interface DiscussionModerationPage {
  items: DiscussionModerationItem[];
  nextCursor: string | null;
  /** Posts waiting for a decision and posts hidden, whatever the filter. */
  counts: { reported: number; hidden: number };
}

export interface AskQuestionRequest {
  title: string;
  bodyHtml: string;
}

export interface AnswerQuestionRequest {
  bodyHtml: string;
}

/** `title` only for questions. */
export interface EditDiscussionPostRequest {
  title?: string;
  bodyHtml: string;
}

export interface AcceptAnswerRequest {
  answerId: string;
}

export interface ReportDiscussionPostRequest {
  reason?: string;
}

export interface HideDiscussionPostRequest {
  reason: string;
}
