import type { AttemptsPolicy, BankCell, BlueprintRow, ExamInput, ExamSettings, Level, OverdueHandling, ResultRelease, ReviewPolicy } from '../data/exam-admin.models';

/** A blueprint row as typed (numbers stay text until the draft is checked). */
export interface DraftRow {
  topic: string;
  level: Level;
  count: string;
  points: string;
}

/** The form's state: what the inputs hold, in the organiser's own time zone. */
export interface ExamDraft {
  courseId: string;
  title: string;
  blueprint: DraftRow[];
  /** Minutes; empty: no limit but the window. */
  timeLimitMinutes: string;
  /** `datetime-local` text. */
  opensAt: string;
  closesAt: string;
  /** Empty: unlimited. */
  maxAttempts: string;
  attemptsPolicy: AttemptsPolicy;
  passMark: string;
  overdueHandling: OverdueHandling;
  graceMinutes: string;
  shuffleItems: boolean;
  shuffleOptions: boolean;
  resultRelease: ResultRelease;
  reviewPolicy: ReviewPolicy;
  accessCode: string;
  /** One CIDR range or address per line (commas also separate). */
  networks: string;
}

/** Which field is wrong, as a key under `examAdmin.form.invalid`. */
export type DraftProblem = 'course' | 'title' | 'blueprint' | 'timeLimit' | 'window' | 'maxAttempts' | 'passMark' | 'grace' | 'accessCode';

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as `datetime-local` text in this browser's time zone. */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** `datetime-local` text (the organiser's own time) as the instant the API stores. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

export function emptyRow(): DraftRow {
  return { topic: '', level: 'recognition', count: '1', points: '1' };
}

/** A new exam: opens tomorrow at 08:00 for two hours, the API's defaults otherwise. */
export function newDraft(now: Date, courseId = ''): ExamDraft {
  const opens = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 8, 0);
  const closes = new Date(opens.getTime() + 2 * 3_600_000);
  return {
    courseId,
    title: '',
    blueprint: [emptyRow()],
    timeLimitMinutes: '45',
    opensAt: toLocalInput(opens.toISOString()),
    closesAt: toLocalInput(closes.toISOString()),
    maxAttempts: '1',
    attemptsPolicy: 'highest',
    passMark: '50',
    overdueHandling: 'autosubmit',
    graceMinutes: '0',
    shuffleItems: true,
    shuffleOptions: true,
    resultRelease: 'immediate',
    reviewPolicy: 'responses',
    accessCode: '',
    networks: '',
  };
}

export function draftOf(exam: ExamSettings): ExamDraft {
  return {
    courseId: exam.courseId,
    title: exam.title,
    blueprint: exam.blueprint.map((r) => ({ topic: r.topic, level: r.level, count: String(r.count), points: String(r.points) })),
    timeLimitMinutes: exam.timeLimitSeconds === null ? '' : String(Math.round((exam.timeLimitSeconds / 60) * 100) / 100),
    opensAt: toLocalInput(exam.opensAt),
    closesAt: toLocalInput(exam.closesAt),
    maxAttempts: exam.maxAttempts === null ? '' : String(exam.maxAttempts),
    attemptsPolicy: exam.attemptsPolicy,
    passMark: String(exam.passMark),
    overdueHandling: exam.overdueHandling,
    graceMinutes: String(Math.round((exam.gracePeriodSeconds / 60) * 100) / 100),
    shuffleItems: exam.shuffleItems,
    shuffleOptions: exam.shuffleOptions,
    resultRelease: exam.resultRelease,
    reviewPolicy: exam.reviewPolicy,
    accessCode: exam.accessCode ?? '',
    networks: exam.allowedNetworks.join('\n'),
  };
}

const num = (text: string) => (text.trim() === '' ? NaN : Number(text.trim().replace(',', '.')));

/**
 * The draft as the API's body, or the first field that is wrong. The API checks everything again
 * (and the bank); this only spares a round trip for what the form can see.
 */
export function checkDraft(d: ExamDraft): { input: ExamInput } | { problem: DraftProblem } {
  if (!d.courseId) return { problem: 'course' };
  const title = d.title.trim();
  if (title.length < 1 || title.length > 255) return { problem: 'title' };
  const blueprint: BlueprintRow[] = [];
  for (const r of d.blueprint) {
    const count = num(r.count);
    const points = num(r.points);
    const topic = r.topic.trim();
    if (!topic || !Number.isInteger(count) || count < 1 || count > 200 || !(points >= 0.25 && points <= 100)) return { problem: 'blueprint' };
    blueprint.push({ topic, level: r.level, count, points });
  }
  if (blueprint.length === 0) return { problem: 'blueprint' };
  let timeLimitSeconds: number | null = null;
  if (d.timeLimitMinutes.trim() !== '') {
    const minutes = num(d.timeLimitMinutes);
    if (!(minutes >= 1 && minutes <= 1440)) return { problem: 'timeLimit' };
    timeLimitSeconds = Math.round(minutes * 60);
  }
  const opensAt = fromLocalInput(d.opensAt);
  const closesAt = fromLocalInput(d.closesAt);
  if (!opensAt || !closesAt || Date.parse(closesAt) <= Date.parse(opensAt)) return { problem: 'window' };
  let maxAttempts: number | null = null;
  if (d.maxAttempts.trim() !== '') {
    maxAttempts = num(d.maxAttempts);
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 100) return { problem: 'maxAttempts' };
  }
  const passMark = num(d.passMark);
  if (!(passMark >= 0 && passMark <= 100)) return { problem: 'passMark' };
  let gracePeriodSeconds = 0;
  if (d.overdueHandling === 'graceperiod') {
    const minutes = num(d.graceMinutes);
    if (!(minutes >= 0 && minutes <= 1440)) return { problem: 'grace' };
    gracePeriodSeconds = Math.round(minutes * 60);
  }
  const accessCode = d.accessCode.trim();
  if (accessCode !== '' && (accessCode.length < 4 || accessCode.length > 64)) return { problem: 'accessCode' };
  return {
    input: {
      courseId: d.courseId,
      title,
      blueprint,
      timeLimitSeconds,
      opensAt,
      closesAt,
      maxAttempts,
      attemptsPolicy: d.attemptsPolicy,
      passMark,
      overdueHandling: d.overdueHandling,
      gracePeriodSeconds,
      shuffleItems: d.shuffleItems,
      shuffleOptions: d.shuffleOptions,
      resultRelease: d.resultRelease,
      reviewPolicy: d.reviewPolicy,
      accessCode: accessCode || null,
      allowedNetworks: d.networks
        .split(/[\n,]/)
        .map((n) => n.trim())
        .filter((n) => n !== ''),
    },
  };
}

/** Approved items the bank holds for a row's cell (null: the course's bank is not loaded yet). */
export function availableFor(cells: readonly BankCell[] | null, topic: string, level: Level): number | null {
  if (cells === null) return null;
  const t = topic.trim().normalize('NFC');
  return cells.find((c) => c.topic.normalize('NFC') === t && c.level === level)?.approved ?? 0;
}

/** Items a blueprint asks of each cell, rows of the same cell added up (as the API counts). */
export function neededFor(rows: readonly DraftRow[], topic: string, level: Level): number {
  const t = topic.trim();
  return rows.filter((r) => r.topic.trim() === t && r.level === level).reduce((sum, r) => sum + (Number.isInteger(Number(r.count)) ? Number(r.count) : 0), 0);
}

/** Total points of the blueprint, the maximum score. */
export function maxScoreOf(rows: readonly DraftRow[]): number {
  return Math.round(rows.reduce((sum, r) => sum + (num(r.count) || 0) * (num(r.points) || 0), 0) * 100) / 100;
}
