/** Paging of "my notifications": newest first, `limit` per page. */
export const NOTIFICATION_LIMITS = { pageSize: 20, pageSizeMax: 50 } as const;

/** Someone answered a question the recipient asked in a lesson's discussion. */
export interface DiscussionAnsweredParams {
  courseId: string;
  lessonId: string;
  questionId: string;
  questionTitle: string;
  answererName: string;
}

/** A regrade after a key fix changed the score of one of the recipient's attempts. */
export interface ExamRegradedParams {
  examId: string;
  examTitle: string;
  attemptId: string;
  oldScore: number | null;
  newScore: number | null;
  maxScore: number;
  oldScaled10: number | null;
  newScaled10: number | null;
}

/** An exam's results were released by hand (or early): the recipient's latest finished attempt. */
export interface ExamResultsReleasedParams {
  examId: string;
  examTitle: string;
  attemptId: string;
}

/**
 * What each kind carries: ids to link to and names to show. Never pre-rendered text: the web
 * renders the sentence in the reader's language.
 */
export interface NotificationParamsByKind {
  'discussion.answered': DiscussionAnsweredParams;
  'exam.regraded': ExamRegradedParams;
  'exam.resultsReleased': ExamResultsReleasedParams;
}

export type NotificationKind = keyof NotificationParamsByKind;

export const NOTIFICATION_KINDS: readonly NotificationKind[] = ['discussion.answered', 'exam.regraded', 'exam.resultsReleased'];

/** One notification; `kind` tells the shape of `params`. */
export type AppNotification = {
  [K in NotificationKind]: {
    id: string;
    kind: K;
    params: NotificationParamsByKind[K];
    createdAt: string;
    readAt: string | null;
  };
}[NotificationKind];

/** A page of my notifications; `nextCursor` asks for the following (older) page. */
export interface NotificationPage {
  items: AppNotification[];
  nextCursor: string | null;
  unreadCount: number;
}

/** After marking one or all read: how many stay unread (the badge). */
export interface NotificationUnreadCount {
  unreadCount: number;
}
