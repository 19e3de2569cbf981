import type { CourseMode, CourseStatus, ProgramFamily, TitleCode } from '@boiduong/shared-contracts';
import { ok } from './browser';

/**
 * What the browser specs set up through the api before a person takes over on screen (the admin
 * screens have their own specs). Every call insists on success, through `ok`.
 */

/** The demo accounts' password. */
export const DEMO_PASSWORD = 'BoiDuong@2025';

/** Today's date as the api takes it (UTC), for a course running today. */
export const today = () => new Date().toISOString().slice(0, 10);

/** The id of an org unit the token's user sees, by code. */
export async function orgUnitId(token: string, code: string): Promise<string> {
  const unit = (await ok<Array<{ id: string; code: string }>>('GET', '/org-units', token)).find((u) => u.code === code);
  if (!unit) throw new Error(`org unit ${code} is missing`);
  return unit.id;
}

/** The id of a user, found through the people search (by `search`, the username unless given). */
export async function userId(token: string, username: string, search = username): Promise<string> {
  const user = (await ok<Array<{ id: string; username: string }>>('GET', `/users?q=${encodeURIComponent(search)}`, token)).find((u) => u.username === username);
  if (!user) throw new Error(`user ${username} is missing`);
  return user.id;
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
}

/** A program; its id. */
export async function createProgram(token: string, fields: ProgramFields): Promise<string> {
  return (await ok<{ id: string }>('POST', '/programs', token, { family: 'basic', targetTitles: [], requiredHours: 8, ...fields })).id;
}

export interface CourseFields {
  programId: string;
  orgUnitId: string;
  name: string;
  /** Today unless given. */
  startsOn?: string;
  /** Today unless given. */
  endsOn?: string;
  status: CourseStatus;
  /** `online` unless given. */
  mode?: CourseMode;
  /** No limit unless given. */
  capacity?: number | null;
  /** Lecturers' user ids. */
  lecturers?: string[];
  /** Learners' user ids, enrolled at once. */
  learners?: string[];
}

/** A course with its lecturers and learners; its id. */
export async function createCourse(token: string, fields: CourseFields): Promise<string> {
  const { lecturers = [], learners = [], ...course } = fields;
  const id = (await ok<{ id: string }>('POST', '/courses', token, { mode: 'online', capacity: null, startsOn: today(), endsOn: today(), ...course })).id;
  if (lecturers.length) await ok('POST', `/courses/${id}/lecturers`, token, { userIds: lecturers });
  if (learners.length) await ok('POST', `/courses/${id}/enrollments`, token, { userIds: learners });
  return id;
}

/** A bank item written by the lecturer, submitted and approved by the reviewer; its id. */
export async function approvedItem(lecturerToken: string, reviewerToken: string, item: Record<string, unknown>): Promise<string> {
  const { id } = await ok<{ id: string }>('POST', '/items', lecturerToken, item);
  await ok('POST', `/items/${id}/submit-review`, lecturerToken);
  await ok('POST', `/items/${id}/approve`, reviewerToken);
  return id;
}
