import type { CourseMode, CourseStatus, EnrollmentResult, LoginResponse, ProgramFamily, TitleCode } from '@boiduong/shared-contracts';
import type { TestApp } from './test-app';

/**
 * Setup through the api, as the integration specs repeat it: each call insists on the status it
 * expects, so a setup step that the api refuses fails with the api's answer instead of later.
 */
async function expectStatus<T>(t: TestApp, status: number, method: string, url: string, token: string | undefined, body?: unknown): Promise<T> {
  const res = await t.request<T>(method, url, { token, body });
  if (res.status !== status) throw new Error(`${method} ${url} answered ${res.status}, expected ${status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Signs in through the api; the access token. */
export async function signIn(t: TestApp, username: string, password: string): Promise<string> {
  return (await expectStatus<LoginResponse>(t, 200, 'POST', '/api/v1/auth/login', undefined, { username, password })).accessToken;
}

/** Signs each user in (one password for all, as the demo accounts have); their tokens by username. */
export async function signInAll(t: TestApp, usernames: readonly string[], password: string): Promise<Record<string, string>> {
  const tokens: Record<string, string> = {};
  for (const username of usernames) tokens[username] = await signIn(t, username, password);
  return tokens;
}

/** Ids of every org unit by code, read from the database. */
export async function orgUnitIds(t: TestApp): Promise<Record<string, string>> {
  const rows: Array<{ id: string; code: string }> = await t.db.query(`SELECT id, code FROM org_units`);
  return Object.fromEntries(rows.map((r) => [r.code, r.id]));
}

/** Ids of every user by username, read from the database. */
export async function userIds(t: TestApp): Promise<Record<string, string>> {
  const rows: Array<{ id: string; username: string }> = await t.db.query(`SELECT id, username FROM users`);
  return Object.fromEntries(rows.map((r) => [r.username, r.id]));
}

export interface ProgramFields {
  code: string;
  name: string;
  ownerOrgUnitId: string;
  /** `basic` unless given. */
  family?: ProgramFamily;
  /** None unless given. */
  targetTitles?: TitleCode[];
  /** 8 unless given. */
  requiredHours?: number;
  [field: string]: unknown;
}

/** A program created through the api by `token`'s user. */
export function createProgram(t: TestApp, token: string, fields: ProgramFields): Promise<{ id: string } & Record<string, unknown>> {
  return expectStatus(t, 201, 'POST', '/api/v1/programs', token, { family: 'basic', targetTitles: [], requiredHours: 8, ...fields });
}

export interface CourseFields {
  programId: string;
  orgUnitId: string;
  name: string;
  startsOn: string;
  endsOn: string;
  /** `online` unless given. */
  mode?: CourseMode;
  /** No limit unless given. */
  capacity?: number | null;
  /** The api's default (`draft`) unless given. */
  status?: CourseStatus;
  [field: string]: unknown;
}

/** A course created through the api by `token`'s user. */
export function createCourse(t: TestApp, token: string, fields: CourseFields): Promise<{ id: string } & Record<string, unknown>> {
  return expectStatus(t, 201, 'POST', '/api/v1/courses', token, { mode: 'online', capacity: null, ...fields });
}

/** Enrolls the users in the course through the api, as `token`'s user. */
export function enroll(t: TestApp, token: string, courseId: string, userIds: readonly string[]): Promise<EnrollmentResult> {
  return expectStatus(t, 201, 'POST', `/api/v1/courses/${courseId}/enrollments`, token, { userIds });
}

/** A bank item written by `authorToken`'s user, sent to review and approved by `reviewerToken`'s user; its id. */
export async function approvedItem(t: TestApp, authorToken: string, reviewerToken: string, item: Record<string, unknown>): Promise<string> {
  const { id } = await expectStatus<{ id: string }>(t, 201, 'POST', '/api/v1/items', authorToken, item);
  for (const [step, token] of [['submit-review', authorToken], ['approve', reviewerToken]] as const) {
    const res = await t.request('POST', `/api/v1/items/${id}/${step}`, { token });
    if (res.status >= 300) throw new Error(`POST /api/v1/items/${id}/${step} answered ${res.status}: ${JSON.stringify(res.body)}`);
  }
  return id;
}

export interface ExamFields {
  courseId: string;
  /** When the window opens and closes: the specs' own clocks decide, so there is no default. */
  opensAt: Date | string;
  closesAt: Date | string;
  /** `Kiểm tra cuối khóa` unless given. */
  title?: string;
  /** Two recognition items on `Điều lệ Đoàn` at 1 point each unless given. */
  blueprint?: ReadonlyArray<{ topic: string; level: string; count: number; points: number }>;
  /** 600 unless given. */
  timeLimitSeconds?: number;
  /** 2 unless given; null for no limit. */
  maxAttempts?: number | null;
  /** 50 unless given. */
  passMark?: number;
  [field: string]: unknown;
}

/** An exam created through the api by `token`'s user; its id. */
export async function createExam(t: TestApp, token: string, fields: ExamFields): Promise<string> {
  const iso = (value: Date | string) => (value instanceof Date ? value.toISOString() : value);
  const body = {
    title: 'Kiểm tra cuối khóa',
    blueprint: [{ topic: 'Điều lệ Đoàn', level: 'recognition', count: 2, points: 1 }],
    timeLimitSeconds: 600,
    maxAttempts: 2,
    passMark: 50,
    ...fields,
    opensAt: iso(fields.opensAt),
    closesAt: iso(fields.closesAt),
  };
  return (await expectStatus<{ id: string }>(t, 201, 'POST', '/api/v1/exams', token, body)).id;
}

export interface PeopleFields {
  count: number;
  orgUnitId: string;
  /** Usernames are the prefix and 1..count. */
  prefix: string;
  /** `learner` unless given, granted on `orgUnitId`. */
  role?: string;
  /** `Học viên` unless given; the number is appended. */
  fullName?: string;
}

/**
 * People written straight to the database with the demo learner's password hash (hashing a
 * password per person would be slow), each with one role on the unit; they sign in with the demo
 * password. Their ids by username, in the order of the numbers.
 */
export async function createPeople(t: TestApp, fields: PeopleFields): Promise<Record<string, string>> {
  const rows: Array<{ id: string; username: string }> = await t.db.query(
    `INSERT INTO users (username, password_hash, full_name, org_unit_id)
     SELECT $1 || g, (SELECT password_hash FROM users WHERE username = 'hocvien'), $4 || ' ' || g, $2
       FROM generate_series(1, $3) g ORDER BY g RETURNING id, username`,
    [fields.prefix, fields.orgUnitId, fields.count, fields.fullName ?? 'Học viên'],
  );
  await t.db.query(`INSERT INTO role_grants (user_id, role, org_unit_id) SELECT unnest($1::uuid[]), $3, $2`, [
    rows.map((r) => r.id),
    fields.orgUnitId,
    fields.role ?? 'learner',
  ]);
  return Object.fromEntries(rows.map((r) => [r.username, r.id]));
}
