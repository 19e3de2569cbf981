/** Shapes of the assessment endpoints as the learner's player uses them. */

export type ItemType = 'single_choice' | 'multiple_response' | 'true_false' | 'short_answer' | 'matching' | 'ordering' | 'numeric' | 'essay';

export type MyExamStatus = 'in_progress' | 'open' | 'upcoming' | 'closed' | 'no_attempts_left';

export interface AttemptResult {
  attemptId: string;
  status: 'in_progress' | 'submitted' | 'abandoned';
  finishedAt: string | null;
  score: number | null;
  maxScore: number;
  scaled10: number | null;
  percent: number | null;
  passed: boolean | null;
  pendingManualGrading: boolean;
  /** false: the exam withholds scores until it closes or a lecturer releases them. */
  released: boolean;
  /** When withheld scores will be released, if known (the close); null when a lecturer decides. */
  releaseExpectedAt: string | null;
  /** Only on an attempt's own result: whether the item-by-item review can be opened now. */
  reviewAvailable?: boolean;
}

/** The finished attempt item by item, as far as the exam's review policy allows. */
export interface AttemptReview extends AttemptResult {
  reviewPolicy: 'responses' | 'full';
  items: Array<{
    itemId: string;
    type: ItemType;
    stem: string;
    options: Array<{ id: string; text: string }>;
    points: number;
    answer: unknown;
    /** 0..1 of the points; null: not answered, or not graded yet. */
    credit: number | null;
    /** Only with the 'full' policy. */
    key?: unknown;
    explanation?: string | null;
  }>;
}

export interface MyExam {
  examId: string;
  title: string;
  courseId: string;
  courseName: string;
  opensAt: string;
  closesAt: string;
  timeLimitSeconds: number | null;
  maxAttempts: number | null;
  attemptsUsed: number;
  attemptsLeft: number | null;
  passMark: number;
  /** A supervised room: starting asks for the code the proctor reads out. */
  accessCodeRequired: boolean;
  status: MyExamStatus;
  openAttemptId: string | null;
  lastResult: AttemptResult | null;
}

export interface MyExamsResponse {
  serverNow: string;
  exams: MyExam[];
}

export interface AttemptItem {
  itemId: string;
  type: ItemType;
  stem: string;
  options: Array<{ id: string; text: string }>;
  /** Matching items: the right-hand texts to pick from (sorted; they say nothing about the pairs). */
  matches?: string[];
  points: number;
}

export interface ServerResponse {
  itemId: string;
  answer: unknown;
  seq: number;
}

/** An attempt still open (start, resume, GET while in progress). */
export interface AttemptView {
  attemptId: string;
  examId: string;
  status: 'in_progress';
  deadline: string;
  serverNow: string;
  timeLeftMs: number;
  items: AttemptItem[];
  responses: ServerResponse[];
}

export function isAttemptView(value: AttemptView | AttemptResult): value is AttemptView {
  return value.status === 'in_progress' && 'items' in value;
}

export interface SaveRequestEntry {
  itemId: string;
  answer: unknown;
  seq: number;
}

export interface SaveResult {
  saved: string[];
  ignored: Array<{ itemId: string; seq: number }>;
  timeLeftMs: number;
  serverNow: string;
}

export type ProctorEventKind = 'focus_lost' | 'focus_regained' | 'hidden' | 'visible' | 'fullscreen_exit' | 'offline' | 'reconnected';

export interface ProctorEventEntry {
  /** The device's own id of the event: a resend is recorded once. */
  id: string;
  kind: ProctorEventKind;
  at: string;
  details?: Record<string, unknown>;
}
