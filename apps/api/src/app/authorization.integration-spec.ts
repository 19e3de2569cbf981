import { CoreModule } from '@boiduong/api-core';
import { BootstrapService } from '@boiduong/api-identity';
import { createTestApp, type TestApp } from '@boiduong/api-testing';
import { CADRE_IMPORT_HEADERS, ORG_UNIT_IMPORT_HEADERS, ROLES, type LoginResponse, type NotificationPage, type Role } from '@boiduong/shared-contracts';
import { RequestMethod, VERSION_NEUTRAL, type DynamicModule, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, VERSION_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { AppModule } from './app.module';

/**
 * Who may call what, for every route of the whole api. The routes are read from Nest's route table
 * (controllers of every module of AppModule), so a new endpoint without a row below fails the test.
 * Each route is called for real, with real tokens, by an anonymous caller and by one holder of each
 * role granted on Thành đoàn Hà Nội, once on a resource of Hà Nội (inside the subtree) and once on
 * the same kind of resource of Đà Nẵng (outside it). Outside the subtree the api answers 404 (it
 * does not reveal that the resource exists); a role without the permission gets 403.
 */

type Actor = 'anonymous' | Role;
const ACTORS: readonly Actor[] = ['anonymous', ...ROLES];
/** `ok` is any 2xx; otherwise the exact status expected. */
type Outcome = 'ok' | 401 | 403 | 404 | 422;
type Pair = readonly [inside: Outcome, outside: Outcome];
type Expectation = Record<Actor, Pair>;

/** Resources of one province: Hà Nội (inside every actor's subtree) or Đà Nẵng (outside). */
interface Side {
  code: 'HNI' | 'DNG';
  province: string;
  commune: string;
  sibling: string;
  /** A learner of this province, enrolled in `course` (inside: the learner actor itself). */
  learner: string;
  learnerToken: string;
  /** An item author and an admin of this province other than the actors (four-eyes review). */
  authorToken: string;
  adminToken: string;
  program: string;
  module: string;
  lesson: string;
  file: string;
  course: string;
  session: string;
  /** An assignment of `course` (text or file) and the side learner's submission of it, with a file. */
  assignment: string;
  submission: string;
  /** A question of `course` about `lesson` by the side learner, and an answer to it by the side admin. */
  question: string;
  answer: string;
  /** The side learner's notification that the side admin answered `question`. */
  notification: string;
  item: string;
  topic: string;
  exam: string;
  attempt: { id: string; itemId: string };
  certificate: { id: string; code: string };
}

interface Ctx {
  actor: Actor;
  where: 'inside' | 'outside';
  s: Side;
  /** A name no other call uses (codes, usernames). */
  n: string;
}
interface Sample {
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
}
interface Rule {
  expect: Expectation;
  sample: (c: Ctx) => Sample | Promise<Sample>;
}

const OK: Pair = ['ok', 'ok'];
/** Allowed on its own subtree, and another subtree's resource is hidden. */
const SCOPED: Pair = ['ok', 404];
/** The role lacks the permission. */
const DENIED: Pair = [403, 403];
/** Not the caller's resource (someone else's attempt, enrollment or certificate): hidden. */
const HIDDEN: Pair = [404, 404];
const SIGNED_OUT: Pair = [401, 401];

const open = (sample: Rule['sample']): Rule => ({
  sample,
  expect: { anonymous: OK, learner: OK, lecturer: OK, examiner: OK, org_admin: OK, super_admin: OK },
});
const guarded = (expect: Omit<Expectation, 'anonymous'>, sample: Rule['sample']): Rule => ({ sample, expect: { anonymous: SIGNED_OUT, ...expect } });

const PASSWORD = 'Authz-password-1';
let artworkShade = 0;
const today = new Date();
const isoDay = (offsetDays: number) => new Date(today.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** Helpers bound to the running app, set in beforeAll. */
let fresh: {
  unit: (s: Side, n: string) => Promise<string>;
  module: (s: Side) => Promise<string>;
  user: (s: Side, n: string) => Promise<string>;
  course: (s: Side, n: string) => Promise<string>;
  exam: (s: Side, overrides?: Record<string, unknown>) => Promise<string>;
  item: (s: Side, n: string, stage: 'draft' | 'review' | 'approved') => Promise<string>;
  certificate: (s: Side) => Promise<{ id: string; code: string }>;
  attempt: (s: Side) => Promise<string>;
  /** An attempt its learner has submitted. */
  finishedAttempt: (s: Side) => Promise<string>;
  /** A submitted attempt whose essay waits for its grade. */
  essayAttempt: (s: Side) => Promise<{ id: string; itemId: string }>;
  /** The signed address of the side's file, as POST /files/:id/link gives it. */
  fileLink: (s: Side) => Promise<string>;
  /** The side's certificate as a verifiable credential (compact JWT). */
  credentialJwt: (s: Side) => Promise<string>;
  enrollment: (s: Side, n: string, userId: string) => Promise<string>;
  /** A new session of the side's course, with QR check-in open. */
  checkInSession: (s: Side) => Promise<string>;
  /** The current check-in code of the side's session. */
  checkInToken: (s: Side) => Promise<string>;
  /** A new assignment of the side's course. */
  assignment: (s: Side) => Promise<string>;
  /** A new assignment of the side's course, handed in by the side's learner. */
  submission: (s: Side) => Promise<string>;
  /** A new question about the side's lesson, by `token` (the side's admin by default). */
  question: (s: Side, token?: string) => Promise<string>;
  /** A new question by the calling actor where it takes part in the course, else by the side's admin. */
  ownQuestion: (c: Ctx) => Promise<string>;
  /** A new question the side's admin hid. */
  hiddenQuestion: (s: Side) => Promise<string>;
  refreshToken: () => Promise<string>;
  password: (actor: Actor) => { currentPassword: string; newPassword: string };
  cadreCsv: (s: Side, n: string) => Sample;
};

const itemBody = (stem: string, topic: string, ownerOrgUnitId: string) => ({
  type: 'single_choice',
  stem,
  options: [
    { id: 'a', text: 'Phương án A' },
    { id: 'b', text: 'Phương án B' },
  ],
  key: 'a',
  level: 'recognition',
  topic,
  ownerOrgUnitId,
  source: { document: 'Điều lệ Đoàn TNCS Hồ Chí Minh' },
});

const certificateBody = (s: Side) => ({
  issuerUnitId: s.province,
  learner: { userId: s.learner, fullName: 'Nguyễn Văn Đức', dateOfBirth: '1999-10-21' },
  program: { code: 'BT-XA', name: 'Bồi dưỡng Bí thư Đoàn xã, phường, đặc khu' },
  course: { id: randomUUID(), startsOn: '2026-03-02', endsOn: '2026-03-11' },
  result: 'Đạt',
  completion: { attendanceShare: 1, assessments: [{ code: 'final', required: true, scorePercent: 85 }], rulesKept: true },
  signer: { name: 'Trần Quốc Việt', title: 'PHÓ BÍ THƯ' },
  issuedPlace: 'Hà Nội',
  issuedOn: isoDay(0),
});

const multipart = (name: string, content: Buffer | string, type = 'application/octet-stream'): Pick<Sample, 'body' | 'headers'> => {
  const boundary = '----authz';
  return {
    body: Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
      Buffer.from(content),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
};

/** A small opaque PNG, the smallest a unit's certificate artwork may be; `shade` makes distinct bytes. */
const artworkPng = (shade: number): Buffer => {
  const png = new PNG({ width: 16, height: 16 });
  png.data.fill(255);
  for (let i = 0; i < png.data.length; i += 4) png.data[i] = shade % 256;
  return PNG.sync.write(png);
};

/** The expectation for every route of the app. Keep it explicit: one row per route. */
const ROUTES: Record<string, Rule> = {
  // core
  'GET /api/v1/health': open(() => ({ url: '/api/v1/health' })),
  'GET /api/health': open(() => ({ url: '/api/health' })),
  'GET /api/v1/health/live': open(() => ({ url: '/api/v1/health/live' })),
  'GET /api/health/live': open(() => ({ url: '/api/health/live' })),

  // identity: auth
  'POST /api/v1/auth/login': open(() => ({ url: '/api/v1/auth/login', body: { username: 'authz.login', password: PASSWORD } })),
  'POST /api/v1/auth/refresh': open(async () => ({ url: '/api/v1/auth/refresh', body: { refreshToken: await fresh.refreshToken() } })),
  'POST /api/v1/auth/logout': open(async () => ({ url: '/api/v1/auth/logout', body: { refreshToken: await fresh.refreshToken() } })),
  'GET /api/v1/me': guarded({ learner: OK, lecturer: OK, examiner: OK, org_admin: OK, super_admin: OK }, () => ({ url: '/api/v1/me' })),
  'POST /api/v1/me/password': guarded({ learner: OK, lecturer: OK, examiner: OK, org_admin: OK, super_admin: OK }, (c) => ({
    url: '/api/v1/me/password',
    body: fresh.password(c.actor),
  })),
  // identity: my notifications; anyone else's (another side's learner's included) does not exist.
  'GET /api/v1/me/notifications': guarded({ learner: OK, lecturer: OK, examiner: OK, org_admin: OK, super_admin: OK }, () => ({ url: '/api/v1/me/notifications' })),
  'POST /api/v1/me/notifications/:id/read': guarded({ learner: SCOPED, lecturer: HIDDEN, examiner: HIDDEN, org_admin: HIDDEN, super_admin: HIDDEN }, (c) => ({
    url: `/api/v1/me/notifications/${c.s.notification}/read`,
  })),
  'POST /api/v1/me/notifications/read-all': guarded({ learner: OK, lecturer: OK, examiner: OK, org_admin: OK, super_admin: OK }, () => ({
    url: '/api/v1/me/notifications/read-all',
  })),

  // identity: org units
  'POST /api/v1/org-units': guarded({ learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: '/api/v1/org-units',
    body: { parentId: c.s.province, code: `AZ-NEW-${c.n}`, name: 'Chi đoàn mới', type: 'commune' },
  })),
  'GET /api/v1/org-units': guarded({ learner: DENIED, lecturer: OK, examiner: OK, org_admin: OK, super_admin: OK }, (c) => ({ url: `/api/v1/org-units?q=${c.s.code}` })),
  'GET /api/v1/org-units/:id': guarded({ learner: DENIED, lecturer: SCOPED, examiner: SCOPED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/org-units/${c.s.commune}`,
  })),
  'GET /api/v1/org-units/:id/children': guarded({ learner: DENIED, lecturer: SCOPED, examiner: SCOPED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/org-units/${c.s.province}/children`,
  })),
  'GET /api/v1/org-units/:id/successions': guarded({ learner: DENIED, lecturer: SCOPED, examiner: SCOPED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/org-units/${c.s.commune}/successions`,
  })),
  'POST /api/v1/org-units/merge': guarded({ learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, async (c) => ({
    url: '/api/v1/org-units/merge',
    body: {
      sourceIds: [await fresh.unit(c.s, `${c.n}-M1`), await fresh.unit(c.s, `${c.n}-M2`)],
      successor: { parentId: c.s.province, code: `AZ-MERGED-${c.n}`, name: 'Đoàn xã sau hợp nhất', type: 'commune' },
      effectiveOn: isoDay(0),
    },
  })),
  'POST /api/v1/org-units/:id/split': guarded({ learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, async (c) => ({
    url: `/api/v1/org-units/${await fresh.unit(c.s, `${c.n}-S`)}/split`,
    body: {
      effectiveOn: isoDay(0),
      successors: [
        { parentId: c.s.province, code: `AZ-SPLIT-${c.n}-A`, name: 'Đoàn xã A', type: 'commune' },
        { parentId: c.s.province, code: `AZ-SPLIT-${c.n}-B`, name: 'Đoàn xã B', type: 'commune' },
      ],
    },
  })),
  'POST /api/v1/org-units/:id/move': guarded({ learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, async (c) => ({
    url: `/api/v1/org-units/${await fresh.unit(c.s, `${c.n}-MV`)}/move`,
    body: { parentId: c.s.sibling },
  })),

  // identity: users, audit, cadre import
  'POST /api/v1/users': guarded({ learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: '/api/v1/users',
    body: { username: `authz.new.${c.n}`.toLowerCase(), password: PASSWORD, fullName: 'Người mới', orgUnitId: c.s.commune, roles: [] },
  })),
  'GET /api/v1/users': guarded({ learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/users?orgUnitId=${c.s.province}`,
  })),
  'GET /api/v1/users/:id': guarded({ learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/users/${c.s.learner}`,
  })),
  'POST /api/v1/users/:id/reset-password': guarded({ learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, async (c) => ({
    url: `/api/v1/users/${await fresh.user(c.s, c.n)}/reset-password`,
    body: { newPassword: PASSWORD },
  })),
  'POST /api/v1/users/:id/move': guarded({ learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, async (c) => ({
    url: `/api/v1/users/${await fresh.user(c.s, c.n)}/move`,
    body: { orgUnitId: c.s.sibling },
  })),
  'GET /api/v1/audit': guarded({ learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/audit?orgUnitId=${c.s.province}`,
  })),
  // A row naming another subtree's unit is refused as unknown (422 listing the row), never imported.
  'POST /api/v1/imports/cadres': guarded(
    { learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: ['ok', 422], super_admin: OK },
    (c) => fresh.cadreCsv(c.s, c.n),
  ),
  'GET /api/v1/imports/cadres/template': guarded({ learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: OK, super_admin: OK }, () => ({
    url: '/api/v1/imports/cadres/template',
  })),
  // Same rule as the cadre import: a parent in another subtree is refused as unknown (422 listing the row).
  'POST /api/v1/imports/org-units': guarded(
    { learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: ['ok', 422], super_admin: OK },
    (c) => {
      const csv = `${ORG_UNIT_IMPORT_HEADERS.join(',')}\r\nAZ-IMP-${c.n},Chi đoàn nhập,Chi đoàn,${c.s.code === 'HNI' ? 'HNI-BADINH' : 'DNG-HAICHAU'},\r\n`;
      return { url: '/api/v1/imports/org-units', ...multipart('don-vi.csv', csv) };
    },
  ),
  'GET /api/v1/imports/org-units/template': guarded({ learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: OK, super_admin: OK }, () => ({
    url: '/api/v1/imports/org-units/template',
  })),

  // question bank
  'POST /api/v1/items': guarded({ learner: DENIED, lecturer: SCOPED, examiner: DENIED, org_admin: DENIED, super_admin: OK }, (c) => ({
    url: '/api/v1/items',
    body: itemBody(`Câu hỏi mới ${c.n} về Điều lệ Đoàn?`, c.s.topic, c.s.province),
  })),
  'GET /api/v1/items': guarded({ learner: DENIED, lecturer: OK, examiner: DENIED, org_admin: OK, super_admin: OK }, (c) => ({
    url: `/api/v1/items?topic=${encodeURIComponent(c.s.topic)}`,
  })),
  'GET /api/v1/items/:id': guarded({ learner: DENIED, lecturer: SCOPED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/items/${c.s.item}`,
  })),
  'PATCH /api/v1/items/:id': guarded({ learner: DENIED, lecturer: SCOPED, examiner: DENIED, org_admin: DENIED, super_admin: OK }, async (c) => ({
    url: `/api/v1/items/${await fresh.item(c.s, c.n, 'draft')}`,
    body: { stem: `Câu hỏi đã sửa ${c.n} về Điều lệ Đoàn?` },
  })),
  'GET /api/v1/items/:id/versions': guarded({ learner: DENIED, lecturer: SCOPED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/items/${c.s.item}/versions`,
  })),
  'POST /api/v1/items/:id/submit-review': guarded({ learner: DENIED, lecturer: SCOPED, examiner: DENIED, org_admin: DENIED, super_admin: OK }, async (c) => ({
    url: `/api/v1/items/${await fresh.item(c.s, c.n, 'draft')}/submit-review`,
  })),
  'POST /api/v1/items/:id/approve': guarded({ learner: DENIED, lecturer: SCOPED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, async (c) => ({
    url: `/api/v1/items/${await fresh.item(c.s, c.n, 'review')}/approve`,
  })),
  // Sends an item under review back to its author: same reviewers as approve.
  'POST /api/v1/items/:id/reject': guarded({ learner: DENIED, lecturer: SCOPED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, async (c) => ({
    url: `/api/v1/items/${await fresh.item(c.s, c.n, 'review')}/reject`,
    body: { comment: 'Cần sửa phương án nhiễu' },
  })),
  'POST /api/v1/items/:id/retire': guarded({ learner: DENIED, lecturer: SCOPED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, async (c) => ({
    url: `/api/v1/items/${await fresh.item(c.s, c.n, 'approved')}/retire`,
    body: { comment: 'Lỗi thời' },
  })),
  'POST /api/v1/items/:id/comments': guarded({ learner: DENIED, lecturer: SCOPED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/items/${c.s.item}/comments`,
    body: { body: 'Cần dẫn nguồn rõ hơn' },
  })),
  'GET /api/v1/items/:id/comments': guarded({ learner: DENIED, lecturer: SCOPED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/items/${c.s.item}/comments`,
  })),
  'POST /api/v1/items/import': guarded({ learner: DENIED, lecturer: SCOPED, examiner: DENIED, org_admin: DENIED, super_admin: OK }, (c) => ({
    url: `/api/v1/items/import?format=aiken&dryRun=true&ownerOrgUnitId=${c.s.province}`,
    body: { content: `Câu hỏi nhập ${c.n} về Đoàn?\nA. Có\nB. Không\nANSWER: A\n` },
  })),
  'GET /api/v1/items/export': guarded({ learner: DENIED, lecturer: OK, examiner: DENIED, org_admin: OK, super_admin: OK }, (c) => ({
    url: `/api/v1/items/export?format=gift&topic=${encodeURIComponent(c.s.topic)}`,
  })),

  // catalog: programs and files
  'POST /api/v1/programs': guarded({ learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: '/api/v1/programs',
    body: { code: `AZ-P-${c.n}`, name: 'Nghiệp vụ công tác Đoàn', family: 'specialty', ownerOrgUnitId: c.s.province, targetTitles: [], requiredHours: 8 },
  })),
  'GET /api/v1/programs': guarded({ learner: OK, lecturer: OK, examiner: OK, org_admin: OK, super_admin: OK }, () => ({ url: '/api/v1/programs' })),
  'GET /api/v1/programs/:id': guarded({ learner: SCOPED, lecturer: SCOPED, examiner: SCOPED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/programs/${c.s.program}`,
  })),
  'POST /api/v1/programs/:id/modules': guarded({ learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/programs/${c.s.program}/modules`,
    body: { title: 'Chuyên đề mới' },
  })),
  'POST /api/v1/modules/:id/lessons': guarded({ learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, async (c) => ({
    url: `/api/v1/modules/${await fresh.module(c.s)}/lessons`,
    body: { title: 'Bài mới', kind: 'text', bodyHtml: '<p>Nội dung</p>' },
  })),
  'POST /api/v1/files': guarded({ learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/files?ownerOrgUnitId=${c.s.province}`,
    ...multipart('tai-lieu.pdf', '%PDF-1.4\n%authz\n', 'application/pdf'),
  })),
  'GET /api/v1/files/:id': guarded({ learner: SCOPED, lecturer: SCOPED, examiner: SCOPED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/files/${c.s.file}`,
  })),
  // A signed address only for a file the caller may see; the address itself needs no token (the signature is the secret).
  'POST /api/v1/files/:id/link': guarded({ learner: SCOPED, lecturer: SCOPED, examiner: SCOPED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/files/${c.s.file}/link`,
  })),
  'GET /api/v1/files/:id/content': open(async (c) => ({ url: await fresh.fileLink(c.s) })),

  // catalog: courses and learning
  'POST /api/v1/courses': guarded({ learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: '/api/v1/courses',
    body: { programId: c.s.program, orgUnitId: c.s.province, name: `Lớp ${c.n}`, mode: 'online', startsOn: isoDay(-1), endsOn: isoDay(30), capacity: null, status: 'open' },
  })),
  // Courses the caller organises or teaches: a list filtered to the caller's subtree and lectures.
  'GET /api/v1/courses': guarded({ learner: DENIED, lecturer: OK, examiner: DENIED, org_admin: OK, super_admin: OK }, (c) => ({
    url: `/api/v1/courses?programId=${c.s.program}`,
  })),
  // Courses open to self-enrollment whose audience includes the caller: a list of the caller's own.
  'GET /api/v1/catalog/courses': guarded({ learner: OK, lecturer: OK, examiner: DENIED, org_admin: DENIED, super_admin: OK }, () => ({
    url: '/api/v1/catalog/courses',
  })),
  'GET /api/v1/courses/:id': guarded({ learner: SCOPED, lecturer: SCOPED, examiner: SCOPED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/courses/${c.s.course}`,
  })),
  // Whoever sees the course sees who teaches it.
  'GET /api/v1/courses/:id/lecturers': guarded({ learner: SCOPED, lecturer: SCOPED, examiner: SCOPED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/courses/${c.s.course}/lecturers`,
  })),
  'POST /api/v1/courses/:id/status': guarded({ learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, async (c) => ({
    url: `/api/v1/courses/${await fresh.course(c.s, c.n)}/status`,
    body: { status: 'running' },
  })),
  'POST /api/v1/courses/:id/sessions': guarded({ learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/courses/${c.s.course}/sessions`,
    body: { title: 'Buổi học', startsAt: `${isoDay(2)}T01:00:00Z`, endsAt: `${isoDay(2)}T03:00:00Z` },
  })),
  'POST /api/v1/courses/:id/lecturers': guarded({ learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, async (c) => ({
    url: `/api/v1/courses/${await fresh.course(c.s, c.n)}/lecturers`,
    body: { userIds: [await fresh.user(c.s, `${c.n}-lec`)] },
  })),
  'POST /api/v1/courses/:id/enrollments': guarded({ learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, async (c) => ({
    url: `/api/v1/courses/${await fresh.course(c.s, c.n)}/enrollments`,
    body: { userIds: [c.s.learner] },
  })),
  // Open to course.study holders who belong to the course's audience (the root admin sits above it).
  'POST /api/v1/courses/:id/self-enrollment': guarded({ learner: SCOPED, lecturer: SCOPED, examiner: DENIED, org_admin: DENIED, super_admin: HIDDEN }, async (c) => ({
    url: `/api/v1/courses/${await fresh.course(c.s, c.n)}/self-enrollment`,
  })),
  // A learner withdraws themself; managers of the course withdraw anyone; to others the enrollment does not exist.
  'DELETE /api/v1/courses/:id/enrollments/:userId': guarded(
    { learner: SCOPED, lecturer: HIDDEN, examiner: HIDDEN, org_admin: SCOPED, super_admin: OK },
    async (c) => {
      const course = await fresh.course(c.s, c.n);
      const userId = c.actor === 'learner' && c.where === 'inside' ? c.s.learner : await fresh.user(c.s, `${c.n}-enr`);
      await fresh.enrollment(c.s, course, userId);
      return { url: `/api/v1/courses/${course}/enrollments/${userId}` };
    },
  ),
  'GET /api/v1/courses/:id/progress': guarded({ learner: DENIED, lecturer: SCOPED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/courses/${c.s.course}/progress`,
  })),
  'POST /api/v1/sessions/:id/attendance': guarded({ learner: DENIED, lecturer: SCOPED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/sessions/${c.s.session}/attendance`,
    body: { present: [c.s.learner] },
  })),
  'GET /api/v1/sessions/:id/attendance': guarded({ learner: DENIED, lecturer: SCOPED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/sessions/${c.s.session}/attendance`,
  })),
  // catalog: QR check-in. The course's lecturers and organisers run the window and show the code (the side's session is open).
  'GET /api/v1/sessions/:id/check-in': guarded({ learner: DENIED, lecturer: SCOPED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/sessions/${c.s.session}/check-in`,
  })),
  'POST /api/v1/sessions/:id/check-in/open': guarded({ learner: DENIED, lecturer: SCOPED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/sessions/${c.s.session}/check-in/open`,
    body: { minutes: 240 },
  })),
  'GET /api/v1/sessions/:id/check-in/code': guarded({ learner: DENIED, lecturer: SCOPED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/sessions/${c.s.session}/check-in/code`,
  })),
  'POST /api/v1/sessions/:id/check-in/close': guarded({ learner: DENIED, lecturer: SCOPED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, async (c) => ({
    url: `/api/v1/sessions/${await fresh.checkInSession(c.s)}/check-in/close`,
  })),
  // Only learners enrolled in the code's course check in: the other province's course and a lecturer (not enrolled) are refused.
  'POST /api/v1/check-in': guarded({ learner: ['ok', 403], lecturer: DENIED, examiner: DENIED, org_admin: DENIED, super_admin: DENIED }, async (c) => ({
    url: '/api/v1/check-in',
    body: { token: await fresh.checkInToken(c.s) },
  })),
  // Only for people enrolled in a course using the lesson; "not enrolled" (403) only where the program is visible.
  'POST /api/v1/lessons/:id/complete': guarded({ learner: SCOPED, lecturer: [403, 404], examiner: DENIED, org_admin: DENIED, super_admin: DENIED }, (c) => ({
    url: `/api/v1/lessons/${c.s.lesson}/complete`,
  })),
  'POST /api/v1/lessons/:id/progress': guarded({ learner: SCOPED, lecturer: [403, 404], examiner: DENIED, org_admin: DENIED, super_admin: DENIED }, (c) => ({
    url: `/api/v1/lessons/${c.s.lesson}/progress`,
    body: { videoWatchedShare: 0.5 },
  })),
  // catalog: assignments (bài thu hoạch); a submission is private to its learner and the course's teachers.
  'POST /api/v1/courses/:id/assignments': guarded({ learner: DENIED, lecturer: SCOPED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/courses/${c.s.course}/assignments`,
    body: { title: `Thu hoạch ${c.n}`, submissionKind: 'text' },
  })),
  'GET /api/v1/courses/:id/assignments': guarded({ learner: DENIED, lecturer: SCOPED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/courses/${c.s.course}/assignments`,
  })),
  'GET /api/v1/assignments/:id/submissions': guarded({ learner: DENIED, lecturer: SCOPED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/assignments/${c.s.assignment}/submissions?filter=ungraded`,
  })),
  'POST /api/v1/assignments/:id/files': guarded({ learner: SCOPED, lecturer: HIDDEN, examiner: DENIED, org_admin: DENIED, super_admin: HIDDEN }, (c) => ({
    url: `/api/v1/assignments/${c.s.assignment}/files`,
    ...multipart('bao-cao.pdf', '%PDF-1.4\n%authz\n', 'application/pdf'),
  })),
  'PUT /api/v1/assignments/:id/submission': guarded({ learner: SCOPED, lecturer: HIDDEN, examiner: DENIED, org_admin: DENIED, super_admin: HIDDEN }, async (c) => ({
    url: `/api/v1/assignments/${await fresh.assignment(c.s)}/submission`,
    body: { textBody: 'Báo cáo khảo sát' },
  })),
  'GET /api/v1/submissions/:id': guarded({ learner: SCOPED, lecturer: SCOPED, examiner: HIDDEN, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/submissions/${c.s.submission}`,
  })),
  'GET /api/v1/submissions/:id/file': guarded({ learner: SCOPED, lecturer: SCOPED, examiner: HIDDEN, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/submissions/${c.s.submission}/file`,
  })),
  'POST /api/v1/submissions/:id/grade': guarded({ learner: DENIED, lecturer: SCOPED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, async (c) => ({
    url: `/api/v1/submissions/${await fresh.submission(c.s)}/grade`,
    body: { version: 1, decision: 'graded', score: 7, comment: 'Đạt yêu cầu' },
  })),
  // catalog: discussion per lesson. Learners of the course, its lecturers and organisers take part
  // (the rest of the subtree gets 403 NOT_ENROLLED, another subtree 404); lecturers and organisers moderate.
  'GET /api/v1/courses/:id/lessons/:lessonId/questions': guarded({ learner: SCOPED, lecturer: SCOPED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/courses/${c.s.course}/lessons/${c.s.lesson}/questions`,
  })),
  'POST /api/v1/courses/:id/lessons/:lessonId/questions': guarded({ learner: SCOPED, lecturer: SCOPED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/courses/${c.s.course}/lessons/${c.s.lesson}/questions`,
    body: { title: `Câu hỏi ${c.n}`, bodyHtml: '<p>Đoàn viên sinh hoạt mấy lần một tháng?</p>' },
  })),
  'GET /api/v1/discussion/questions/:id': guarded({ learner: SCOPED, lecturer: SCOPED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/discussion/questions/${c.s.question}`,
  })),
  'POST /api/v1/discussion/questions/:id/answers': guarded({ learner: SCOPED, lecturer: SCOPED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/discussion/questions/${c.s.question}/answers`,
    body: { bodyHtml: '<p>Mỗi tháng một lần.</p>' },
  })),
  'PUT /api/v1/discussion/questions/:id/accepted-answer': guarded({ learner: DENIED, lecturer: SCOPED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/discussion/questions/${c.s.question}/accepted-answer`,
    body: { answerId: c.s.answer },
  })),
  'DELETE /api/v1/discussion/questions/:id/accepted-answer': guarded({ learner: DENIED, lecturer: SCOPED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/discussion/questions/${c.s.question}/accepted-answer`,
  })),
  // Authors edit and delete their own posts: each caller's own question where it takes part.
  'PATCH /api/v1/discussion/posts/:id': guarded({ learner: SCOPED, lecturer: SCOPED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, async (c) => ({
    url: `/api/v1/discussion/posts/${await fresh.ownQuestion(c)}`,
    body: { bodyHtml: '<p>Đã sửa</p>' },
  })),
  'DELETE /api/v1/discussion/posts/:id': guarded({ learner: SCOPED, lecturer: SCOPED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, async (c) => ({
    url: `/api/v1/discussion/posts/${await fresh.ownQuestion(c)}`,
  })),
  'POST /api/v1/discussion/posts/:id/reports': guarded({ learner: SCOPED, lecturer: SCOPED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, async (c) => ({
    url: `/api/v1/discussion/posts/${await fresh.question(c.s)}/reports`,
    body: { reason: 'Không phù hợp' },
  })),
  'POST /api/v1/discussion/posts/:id/hide': guarded({ learner: DENIED, lecturer: SCOPED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, async (c) => ({
    url: `/api/v1/discussion/posts/${await fresh.question(c.s)}/hide`,
    body: { reason: 'Không phù hợp' },
  })),
  'POST /api/v1/discussion/posts/:id/restore': guarded({ learner: DENIED, lecturer: SCOPED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, async (c) => ({
    url: `/api/v1/discussion/posts/${await fresh.hiddenQuestion(c.s)}/restore`,
  })),
  'GET /api/v1/courses/:id/discussion/moderation': guarded({ learner: DENIED, lecturer: SCOPED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/courses/${c.s.course}/discussion/moderation?filter=hidden`,
  })),
  'GET /api/v1/courses/:id/discussion/lessons': guarded({ learner: DENIED, lecturer: SCOPED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/courses/${c.s.course}/discussion/lessons`,
  })),
  'GET /api/v1/me/courses': guarded({ learner: OK, lecturer: OK, examiner: OK, org_admin: OK, super_admin: OK }, () => ({ url: '/api/v1/me/courses' })),
  'GET /api/v1/me/courses/:id': guarded({ learner: SCOPED, lecturer: HIDDEN, examiner: HIDDEN, org_admin: HIDDEN, super_admin: HIDDEN }, (c) => ({
    url: `/api/v1/me/courses/${c.s.course}`,
  })),

  // assessment
  'POST /api/v1/exams': guarded({ learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: '/api/v1/exams',
    body: examBody(c.s),
  })),
  'GET /api/v1/exams/:id': guarded({ learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/exams/${c.s.exam}`,
  })),
  // Settings change only before the window opens: each call edits an exam of its own that opens tomorrow.
  'PATCH /api/v1/exams/:id': guarded({ learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, async (c) => ({
    url: `/api/v1/exams/${await fresh.exam(c.s, { opensAt: new Date(Date.now() + 86_400_000).toISOString(), closesAt: new Date(Date.now() + 2 * 86_400_000).toISOString() })}`,
    body: { title: 'Kiểm tra giữa khóa' },
  })),
  'POST /api/v1/exams/:id/release-results': guarded({ learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, async (c) => ({
    url: `/api/v1/exams/${await fresh.exam(c.s, { resultRelease: 'manual' })}/release-results`,
  })),
  'GET /api/v1/exams/:id/results': guarded({ learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/exams/${c.s.exam}/results`,
  })),
  // The exam administration lists: filtered by a course outside the subtree, the course does not exist.
  'GET /api/v1/exams': guarded({ learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/exams?courseId=${c.s.course}&limit=5`,
  })),
  'GET /api/v1/exams/courses': guarded({ learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: OK, super_admin: OK }, () => ({
    url: '/api/v1/exams/courses',
  })),
  'GET /api/v1/exams/bank-availability': guarded({ learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/exams/bank-availability?courseId=${c.s.course}`,
  })),
  // Only learners enrolled in the exam's course start attempts ("not enrolled" is 403 inside the
  // subtree, 404 outside it); attempts are private to their taker.
  'POST /api/v1/exams/:id/attempts': guarded({ learner: SCOPED, lecturer: DENIED, examiner: DENIED, org_admin: DENIED, super_admin: DENIED }, async (c) => ({
    url: `/api/v1/exams/${await fresh.exam(c.s)}/attempts`,
  })),
  'PUT /api/v1/attempts/:id/responses': guarded({ learner: SCOPED, lecturer: DENIED, examiner: DENIED, org_admin: DENIED, super_admin: HIDDEN }, (c) => ({
    url: `/api/v1/attempts/${c.s.attempt.id}/responses`,
    body: { responses: [{ itemId: c.s.attempt.itemId, answer: 'a', seq: Date.now() % 1_000_000_000 }] },
  })),
  'POST /api/v1/attempts/:id/submit': guarded({ learner: SCOPED, lecturer: DENIED, examiner: DENIED, org_admin: DENIED, super_admin: HIDDEN }, async (c) => ({
    url: `/api/v1/attempts/${await fresh.attempt(c.s)}/submit`,
  })),
  'GET /api/v1/attempts/:id': guarded({ learner: SCOPED, lecturer: DENIED, examiner: DENIED, org_admin: DENIED, super_admin: HIDDEN }, (c) => ({
    url: `/api/v1/attempts/${c.s.attempt.id}`,
  })),
  'GET /api/v1/attempts/:id/review': guarded({ learner: SCOPED, lecturer: DENIED, examiner: DENIED, org_admin: DENIED, super_admin: HIDDEN }, async (c) => ({
    url: `/api/v1/attempts/${await fresh.finishedAttempt(c.s)}/review`,
  })),
  // The caller's own exams (those of the courses they are enrolled in); another's exam does not exist for them.
  'GET /api/v1/me/exams': guarded({ learner: OK, lecturer: DENIED, examiner: DENIED, org_admin: DENIED, super_admin: OK }, () => ({ url: '/api/v1/me/exams' })),
  'GET /api/v1/me/exams/:id': guarded({ learner: SCOPED, lecturer: DENIED, examiner: DENIED, org_admin: DENIED, super_admin: HIDDEN }, (c) => ({
    url: `/api/v1/me/exams/${c.s.exam}`,
  })),
  // Proctors (exam.proctor on the exam's unit) change running exams; elsewhere the attempt or exam does not exist.
  'POST /api/v1/attempts/:id/extra-time': guarded({ learner: DENIED, lecturer: DENIED, examiner: SCOPED, org_admin: SCOPED, super_admin: OK }, async (c) => ({
    url: `/api/v1/attempts/${await fresh.attempt(c.s)}/extra-time`,
    body: { minutes: 5, reason: 'Mất kết nối' },
  })),
  'POST /api/v1/attempts/:id/reopen': guarded({ learner: DENIED, lecturer: DENIED, examiner: SCOPED, org_admin: SCOPED, super_admin: OK }, async (c) => ({
    url: `/api/v1/attempts/${await fresh.finishedAttempt(c.s)}/reopen`,
    body: { deadline: new Date(Date.now() + 3_600_000).toISOString(), reason: 'Mất điện' },
  })),
  'PUT /api/v1/exams/:id/extra-time/:userId': guarded({ learner: DENIED, lecturer: DENIED, examiner: SCOPED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/exams/${c.s.exam}/extra-time/${c.s.learner}`,
    body: { minutes: 15, reason: 'Khuyết tật thị giác' },
  })),
  // The attempt's owner reports proctor events while it runs; proctors of the exam's unit read them.
  'POST /api/v1/attempts/:id/events': guarded({ learner: SCOPED, lecturer: DENIED, examiner: DENIED, org_admin: DENIED, super_admin: HIDDEN }, (c) => ({
    url: `/api/v1/attempts/${c.s.attempt.id}/events`,
    body: { events: [{ id: `ev-${c.n}`, kind: 'focus_lost', at: new Date().toISOString() }] },
  })),
  'GET /api/v1/attempts/:id/events': guarded({ learner: DENIED, lecturer: DENIED, examiner: SCOPED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/attempts/${c.s.attempt.id}/events`,
  })),
  'GET /api/v1/exams/:id/events': guarded({ learner: DENIED, lecturer: DENIED, examiner: SCOPED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/exams/${c.s.exam}/events`,
  })),
  // Essays are graded by the course's lecturers (the lecturer actor teaches Hà Nội's course) and
  // the proctors of the exam's unit; regrades after a key fix are for proctors only.
  'GET /api/v1/grading/exams': guarded({ learner: DENIED, lecturer: OK, examiner: OK, org_admin: OK, super_admin: OK }, () => ({ url: '/api/v1/grading/exams' })),
  'GET /api/v1/exams/:id/grading': guarded({ learner: DENIED, lecturer: SCOPED, examiner: SCOPED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/exams/${c.s.exam}/grading`,
  })),
  'PUT /api/v1/attempts/:id/grades/:itemId': guarded({ learner: DENIED, lecturer: SCOPED, examiner: SCOPED, org_admin: SCOPED, super_admin: OK }, async (c) => {
    const attempt = await fresh.essayAttempt(c.s);
    return { url: `/api/v1/attempts/${attempt.id}/grades/${attempt.itemId}`, body: { scores: [1], comment: 'Đạt yêu cầu', revision: 0 } };
  }),
  'POST /api/v1/exams/:id/regrades': guarded({ learner: DENIED, lecturer: DENIED, examiner: SCOPED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/exams/${c.s.exam}/regrades`,
    body: { itemId: c.s.attempt.itemId, reason: 'Sửa đáp án' },
  })),
  'GET /api/v1/exams/:id/regrades': guarded({ learner: DENIED, lecturer: DENIED, examiner: SCOPED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/exams/${c.s.exam}/regrades`,
  })),

  // statistics: statistics.read in the exam's (or item's) subtree; elsewhere the exam or item does not exist.
  'GET /api/v1/statistics/exams': guarded({ learner: DENIED, lecturer: OK, examiner: OK, org_admin: OK, super_admin: OK }, () => ({
    url: '/api/v1/statistics/exams',
  })),
  'GET /api/v1/exams/:id/statistics': guarded({ learner: DENIED, lecturer: SCOPED, examiner: SCOPED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/exams/${c.s.exam}/statistics`,
  })),
  // A fresh exam each time: a second request while one is queued is a 409.
  'POST /api/v1/exams/:id/statistics': guarded({ learner: DENIED, lecturer: SCOPED, examiner: SCOPED, org_admin: SCOPED, super_admin: OK }, async (c) => ({
    url: `/api/v1/exams/${await fresh.exam(c.s)}/statistics`,
  })),
  'GET /api/v1/items/:id/statistics': guarded({ learner: DENIED, lecturer: SCOPED, examiner: SCOPED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/items/${c.s.item}/statistics`,
  })),

  // certification
  'POST /api/v1/certificates': guarded({ learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: '/api/v1/certificates',
    body: certificateBody(c.s),
  })),
  'GET /api/v1/certificates': guarded({ learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/certificates?issuerId=${c.s.province}&year=${today.getUTCFullYear()}`,
  })),
  'GET /api/v1/certificates/book.xlsx': guarded({ learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/certificates/book.xlsx?issuerId=${c.s.province}&year=${today.getUTCFullYear()}`,
  })),
  'GET /api/v1/certificates/book.pdf': guarded({ learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/certificates/book.pdf?issuerId=${c.s.province}&year=${today.getUTCFullYear()}`,
  })),
  // The holder and the issuer's admins; to anyone else the certificate does not exist.
  'GET /api/v1/certificates/:id': guarded({ learner: SCOPED, lecturer: HIDDEN, examiner: HIDDEN, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/certificates/${c.s.certificate.id}`,
  })),
  'GET /api/v1/certificates/:id/pdf': guarded({ learner: SCOPED, lecturer: HIDDEN, examiner: HIDDEN, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/certificates/${c.s.certificate.id}/pdf`,
  })),
  'GET /api/v1/certificates/:id/credential': guarded({ learner: SCOPED, lecturer: HIDDEN, examiner: HIDDEN, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/certificates/${c.s.certificate.id}/credential`,
  })),
  // The caller's own certificates: anyone signed in, never anyone else's.
  'GET /api/v1/me/certificates': guarded({ learner: OK, lecturer: OK, examiner: OK, org_admin: OK, super_admin: OK }, () => ({ url: '/api/v1/me/certificates' })),
  // The cadre themself, or user.read / certificate.issue on the cadre's unit; to anyone else the cadre does not exist.
  'GET /api/v1/eligibility': guarded({ learner: SCOPED, lecturer: HIDDEN, examiner: HIDDEN, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/eligibility?userId=${c.s.learner}&title=secretary.commune&on=${isoDay(0)}`,
  })),
  // A nomination list answers per cadre: cadres out of the caller's reach come back as not found, never an error.
  'POST /api/v1/eligibility/check': guarded({ learner: OK, lecturer: OK, examiner: OK, org_admin: OK, super_admin: OK }, (c) => ({
    url: '/api/v1/eligibility/check',
    body: { title: 'secretary.commune', on: isoDay(0), userIds: [c.s.learner] },
  })),
  'POST /api/v1/certificates/:id/revoke': guarded({ learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, async (c) => ({
    url: `/api/v1/certificates/${(await fresh.certificate(c.s)).id}/revoke`,
    body: { reason: 'issuer_error', decisionNumber: '1/QĐ-TĐTN', decidedOn: isoDay(0) },
  })),
  'POST /api/v1/certificates/:id/completion-notice': guarded({ learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, async (c) => ({
    url: `/api/v1/certificates/${(await fresh.certificate(c.s)).id}/completion-notice`,
    body: { noticeNumber: '1/GCN-TĐTN', issuedOn: isoDay(0) },
  })),
  // The approval list of automatic issuance: issuers of the course's unit; another subtree's course does not exist.
  'GET /api/v1/certificates/candidates': guarded({ learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/certificates/candidates?courseId=${c.s.course}`,
  })),
  // Bulk decisions answer per id: candidates outside the caller's subtree are skipped as not found.
  'POST /api/v1/certificates/candidates/approve': guarded({ learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: OK, super_admin: OK }, () => ({
    url: '/api/v1/certificates/candidates/approve',
    body: { ids: [randomUUID()] },
  })),
  'POST /api/v1/certificates/candidates/refuse': guarded({ learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: OK, super_admin: OK }, () => ({
    url: '/api/v1/certificates/candidates/refuse',
    body: { ids: [randomUUID()], reason: 'Hồ sơ chưa đầy đủ' },
  })),
  'GET /api/v1/certificates/issuers/:unitId': guarded({ learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/certificates/issuers/${c.s.province}`,
  })),
  'PUT /api/v1/certificates/issuers/:unitId': guarded({ learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/certificates/issuers/${c.s.province}`,
    body: { signerName: 'Người Ký', signerTitle: 'BÍ THƯ', issuedPlace: 'Hà Nội' },
  })),
  // Artwork of an issuing unit: its certificate admins only. The preview reads the seal seeded for each side.
  'GET /api/v1/certificates/issuers/:unitId/artwork': guarded({ learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/certificates/issuers/${c.s.province}/artwork`,
  })),
  'PUT /api/v1/certificates/issuers/:unitId/artwork/:kind': guarded({ learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/certificates/issuers/${c.s.province}/artwork/logo`,
    ...multipart('logo.png', artworkPng(++artworkShade), 'image/png'),
  })),
  'GET /api/v1/certificates/issuers/:unitId/artwork/:kind': guarded({ learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/certificates/issuers/${c.s.province}/artwork/seal`,
  })),
  'DELETE /api/v1/certificates/issuers/:unitId/artwork/:kind': guarded({ learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/certificates/issuers/${c.s.province}/artwork/signature`,
  })),
  'GET /api/v1/certificates/programs/:programId/policy': guarded({ learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/certificates/programs/${c.s.program}/policy`,
  })),
  'PUT /api/v1/certificates/programs/:programId/policy': guarded({ learner: DENIED, lecturer: DENIED, examiner: DENIED, org_admin: SCOPED, super_admin: OK }, (c) => ({
    url: `/api/v1/certificates/programs/${c.s.program}/policy`,
    body: { issuanceMode: 'on_grade' },
  })),
  // Public verification: anyone, for any certificate (the code is the secret).
  'GET /verify/:code': open((c) => ({ url: `/verify/${c.s.certificate.code}` })),
  'GET /api/v1/public/certificates/:code': open((c) => ({ url: `/api/v1/public/certificates/${c.s.certificate.code}` })),
  // Verifiable credentials: public by design (keys, issuer profiles, status lists, the credential by its code).
  'GET /api/v1/public/credentials/keys': open(() => ({ url: '/api/v1/public/credentials/keys' })),
  'GET /api/v1/public/credentials/issuers/:id': open((c) => ({ url: `/api/v1/public/credentials/issuers/${c.s.province}` })),
  'GET /api/v1/public/credentials/status/:list': open(() => ({ url: '/api/v1/public/credentials/status/0' })),
  'GET /api/v1/public/credentials/:code': open((c) => ({ url: `/api/v1/public/credentials/${c.s.certificate.code}` })),
  'POST /api/v1/public/credentials/verify': open(async (c) => ({ url: '/api/v1/public/credentials/verify', body: { credential: await fresh.credentialJwt(c.s) } })),
};

function examBody(s: Side, overrides: Record<string, unknown> = {}) {
  return {
    courseId: s.course,
    title: 'Kiểm tra',
    blueprint: [{ topic: s.topic, level: 'recognition', count: 1, points: 1 }],
    timeLimitSeconds: 1800,
    opensAt: new Date(Date.now() - 3_600_000).toISOString(),
    closesAt: new Date(Date.now() + 6 * 3_600_000).toISOString(),
    maxAttempts: 50,
    passMark: 50,
    ...overrides,
  };
}

/**
 * `METHOD /path` of every controller route, as Nest registers it (URI versions, the global prefix
 * and its exclusions, checked against Fastify's own route table).
 */
function collectRoutes(app: NestFastifyApplication): string[] {
  const fastify = app.getHttpAdapter().getInstance();
  const registered = (method: string, url: string) => fastify.hasRoute({ method: method as 'GET', url });
  const scanner = new MetadataScanner();
  const routes: string[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: unknown[]) => unknown) | null;
      if (!type) continue;
      const base = Reflect.getMetadata(PATH_METADATA, type) as string | string[];
      const controllerVersion = Reflect.getMetadata(VERSION_METADATA, type);
      for (const name of scanner.getAllMethodNames(type.prototype)) {
        const handler = (type.prototype as Record<string, object>)[name];
        const routePath = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (routePath === undefined || method === undefined) continue;
        const version = Reflect.getMetadata(VERSION_METADATA, handler) ?? controllerVersion ?? '1';
        for (const v of [version].flat()) {
          const prefix = v === VERSION_NEUTRAL ? 'api' : `api/v${String(v)}`;
          const full = `/${[prefix, ...[base].flat(), routePath].flatMap((p) => String(p).split('/')).filter(Boolean).join('/')}`;
          const verb = RequestMethod[method];
          // Paths excluded from the global prefix (public verification links) live at the root.
          const unprefixed = full.replace(/^\/api(?=\/)/, '');
          routes.push(`${verb} ${!registered(verb, full) && registered(verb, unprefixed) ? unprefixed : full}`);
        }
      }
    }
  }
  return [...new Set(routes)].sort();
}

/** Every feature module the api composes, exactly as AppModule lists them (its core is the test app's). */
function appFeatureModules(): Array<Type<unknown> | DynamicModule> {
  const imports = AppModule.register().imports ?? [];
  return imports.filter((m): m is Type<unknown> | DynamicModule => !(typeof m === 'object' && 'module' in m && m.module === CoreModule));
}

describe('authorization of every route of the api', () => {
  let t: TestApp;
  const storage = mkdtempSync(path.join(tmpdir(), 'authz-files-'));
  const tokens = new Map<Actor, string>();
  const sides = {} as Record<'inside' | 'outside', Side>;
  let rootToken: string;
  let counter = 0;
  const passwords = new Map<Actor, string>();

  const call = async <T = Record<string, unknown>>(method: string, url: string, body?: unknown, token = rootToken, headers?: Record<string, string>) => {
    const res = await t.request<T>(method, url, { token, body, headers });
    if (res.status >= 300) throw new Error(`${method} ${url} -> ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const login = async (username: string, password = PASSWORD) =>
    (await call<LoginResponse>('POST', '/api/v1/auth/login', { username, password }, undefined)).accessToken;

  beforeAll(async () => {
    t = await createTestApp(appFeatureModules(), {
      BOOTSTRAP_ADMIN_USERNAME: 'root.admin',
      BOOTSTRAP_ADMIN_PASSWORD: 'Root-admin-password-1',
      DEMO_DATA: 'true',
      STORAGE_PATH: storage,
      DATABASE_POOL_SIZE: '8',
      // Every actor signs in many times here; the limits themselves are tested with identity.
      LOGIN_RATE_PER_ACCOUNT_MAX: '10000',
      LOGIN_RATE_PER_IP_MAX: '100000',
    });
    await t.app.get(BootstrapService).run();
    rootToken = await login('root.admin', 'Root-admin-password-1');
    const units = new Map<string, string>();
    for (const r of await t.db.query(`SELECT id, code FROM org_units`)) units.set(r.code, r.id);

    // One holder of each role, granted on Thành đoàn Hà Nội; super_admin is the root admin.
    const hanoi = units.get('HNI') as string;
    const actorIds = new Map<Role, string>();
    for (const role of ROLES.filter((r) => r !== 'super_admin')) {
      const user = await call<{ id: string }>('POST', '/api/v1/users', {
        username: `authz.${role.replace('_', '.')}`,
        password: PASSWORD,
        fullName: `Người giữ vai trò ${role}`,
        orgUnitId: hanoi,
        roles: [{ role, orgUnitId: hanoi }],
      });
      actorIds.set(role, user.id);
      tokens.set(role, await login(`authz.${role.replace('_', '.')}`));
      passwords.set(role, PASSWORD);
    }
    tokens.set('super_admin', rootToken);
    passwords.set('super_admin', 'Root-admin-password-1');
    await call('POST', '/api/v1/users', { username: 'authz.login', password: PASSWORD, fullName: 'Đăng nhập', orgUnitId: hanoi, roles: [] });

    // Đà Nẵng's own people: a learner, an item author and reviewer, an admin.
    const danang = units.get('DNG') as string;
    const dnLearner = await call<{ id: string }>('POST', '/api/v1/users', {
      username: 'authz.dn.learner',
      password: PASSWORD,
      fullName: 'Học viên Đà Nẵng',
      orgUnitId: danang,
      roles: [{ role: 'learner', orgUnitId: danang }],
    });
    await call('POST', '/api/v1/users', {
      username: 'authz.dn.lecturer',
      password: PASSWORD,
      fullName: 'Giảng viên Đà Nẵng',
      orgUnitId: danang,
      roles: [{ role: 'lecturer', orgUnitId: danang }],
    });

    const build = async (code: 'HNI' | 'DNG', learner: string, learnerToken: string, authorToken: string, adminToken: string): Promise<Side> => {
      const province = units.get(code) as string;
      const topic = `Phân quyền ${code}`;
      const program = await call<{ id: string }>('POST', '/api/v1/programs', {
        code: `AZ-${code}`,
        name: 'Nghiệp vụ công tác Đoàn',
        family: 'specialty',
        ownerOrgUnitId: province,
        targetTitles: [],
        requiredHours: 8,
      });
      const mod = await call<{ id: string }>('POST', `/api/v1/programs/${program.id}/modules`, { title: 'Chuyên đề 1' });
      const lesson = await call<{ id: string }>('POST', `/api/v1/modules/${mod.id}/lessons`, { title: 'Bài 1', kind: 'text', bodyHtml: '<p>Nội dung</p>' });
      const mp = multipart('tai-lieu.pdf', '%PDF-1.4\n%authz\n', 'application/pdf');
      const file = await call<{ id: string }>('POST', `/api/v1/files?ownerOrgUnitId=${province}`, mp.body, rootToken, mp.headers);
      const course = await call<{ id: string }>('POST', '/api/v1/courses', {
        programId: program.id,
        orgUnitId: province,
        name: `Lớp phân quyền ${code}`,
        mode: 'blended',
        startsOn: isoDay(-1),
        endsOn: isoDay(30),
        capacity: null,
        status: 'open',
      });
      const session = await call<{ id: string }>('POST', `/api/v1/courses/${course.id}/sessions`, {
        title: 'Buổi 1',
        startsAt: `${isoDay(1)}T01:00:00Z`,
        endsAt: `${isoDay(1)}T03:00:00Z`,
      });
      await call('POST', `/api/v1/courses/${course.id}/enrollments`, { userIds: [learner] });
      await call('POST', `/api/v1/sessions/${session.id}/check-in/open`, { minutes: 240 });
      const side = { code, province, learner, learnerToken, authorToken, adminToken, program: program.id, module: mod.id, lesson: lesson.id, file: file.id } as Side;
      Object.assign(side, {
        commune: units.get(code === 'HNI' ? 'HNI-BADINH' : 'DNG-HAICHAU'),
        sibling:
          code === 'HNI'
            ? units.get('HNI-HOANKIEM')
            : (await call<{ id: string }>('POST', '/api/v1/org-units', { parentId: province, code: 'AZ-DNG-SONTRA', name: 'Đoàn phường Sơn Trà', type: 'commune' })).id,
        course: course.id,
        session: session.id,
        topic,
      });
      side.assignment = await fresh.assignment(side);
      const upload = multipart('bao-cao.pdf', '%PDF-1.4\n%authz\n', 'application/pdf');
      const handedIn = await call<{ id: string }>('POST', `/api/v1/assignments/${side.assignment}/files`, upload.body, learnerToken, upload.headers);
      side.submission = (
        await call<{ id: string }>('PUT', `/api/v1/assignments/${side.assignment}/submission`, { textBody: 'Báo cáo', fileId: handedIn.id }, learnerToken)
      ).id;
      side.question = await fresh.question(side, learnerToken);
      side.answer = (await call<{ id: string }>('POST', `/api/v1/discussion/questions/${side.question}/answers`, { bodyHtml: '<p>Mỗi tháng một lần.</p>' }, adminToken)).id;
      const [told] = (await call<NotificationPage>('GET', '/api/v1/me/notifications?limit=1', undefined, learnerToken)).items;
      if (!told) throw new Error(`${code}: the answer told the asker nothing`);
      side.notification = told.id;
      // Approved items are shared with every author and reviewer (the national bank); the one the
      // item rows read is still in review, so only its own subtree sees it.
      await fresh.item(side, `${code}-exam`, 'approved');
      // An essay for the grading rows (another level: the default exam never draws it).
      const essay = await call<{ id: string }>(
        'POST',
        '/api/v1/items',
        { type: 'essay', stem: `Trình bày nhiệm vụ của đoàn viên (${code})`, key: null, scoring: { rubric: [{ criterion: 'Đủ ý', points: 2 }] }, level: 'application', topic, ownerOrgUnitId: province, source: { document: 'Điều lệ Đoàn TNCS Hồ Chí Minh' } },
        authorToken,
      );
      await call('POST', `/api/v1/items/${essay.id}/submit-review`, undefined, authorToken);
      await call('POST', `/api/v1/items/${essay.id}/approve`, undefined, adminToken);
      side.item = await fresh.item(side, `${code}-fixture`, 'review');
      side.exam = await fresh.exam(side);
      const started = await call<{ attemptId: string; items: Array<{ itemId: string }> }>('POST', `/api/v1/exams/${side.exam}/attempts`, undefined, learnerToken);
      side.attempt = { id: started.attemptId, itemId: started.items[0].itemId };
      side.certificate = await fresh.certificate(side);
      const seal = multipart('con-dau.png', artworkPng(code === 'HNI' ? 200 : 201), 'image/png');
      await call('PUT', `/api/v1/certificates/issuers/${province}/artwork/seal`, seal.body, adminToken, seal.headers);
      return side;
    };

    fresh = {
      unit: async (s, n) =>
        (await call<{ id: string }>('POST', '/api/v1/org-units', { parentId: s.province, code: `AZ-U-${n}`, name: `Đơn vị ${n}`, type: 'commune' })).id,
      user: async (s, n) => {
        const [row] = await t.db.query(
          `INSERT INTO users (username, password_hash, full_name, org_unit_id)
           VALUES ($1, (SELECT password_hash FROM users WHERE username = 'authz.login'), 'Người thử', $2) RETURNING id`,
          [`authz.u.${n}`.toLowerCase(), s.commune],
        );
        await t.db.query(`INSERT INTO role_grants (user_id, role, org_unit_id) VALUES ($1, 'learner', $2)`, [row.id, s.commune]);
        return row.id as string;
      },
      course: async (s, n) =>
        (
          await call<{ id: string }>('POST', '/api/v1/courses', {
            programId: s.program,
            orgUnitId: s.province,
            name: `Lớp ${n}`,
            mode: 'online',
            startsOn: isoDay(-1),
            endsOn: isoDay(30),
            capacity: null,
            status: 'open',
            selfEnrollment: true,
          })
        ).id,
      module: async (s) => (await call<{ id: string }>('POST', `/api/v1/programs/${s.program}/modules`, { title: 'Chuyên đề thêm' })).id,
      exam: async (s, overrides) => (await call<{ id: string }>('POST', '/api/v1/exams', examBody(s, overrides))).id,
      item: async (s, n, stage) => {
        const item = await call<{ id: string }>('POST', '/api/v1/items', itemBody(`Câu hỏi ${n} về lịch sử Đoàn TNCS Hồ Chí Minh?`, s.topic, s.province), s.authorToken);
        if (stage !== 'draft') await call('POST', `/api/v1/items/${item.id}/submit-review`, undefined, s.authorToken);
        if (stage === 'approved') await call('POST', `/api/v1/items/${item.id}/approve`, undefined, s.adminToken);
        return item.id;
      },
      certificate: async (s) => {
        const cert = await call<{ id: string; code: string }>('POST', '/api/v1/certificates', certificateBody(s));
        return { id: cert.id, code: cert.code };
      },
      attempt: async (s) => (await call<{ attemptId: string }>('POST', `/api/v1/exams/${await fresh.exam(s)}/attempts`, undefined, s.learnerToken)).attemptId,
      finishedAttempt: async (s) => {
        const attempt = await fresh.attempt(s);
        await call('POST', `/api/v1/attempts/${attempt}/submit`, undefined, s.learnerToken);
        return attempt;
      },
      essayAttempt: async (s) => {
        const exam = await call<{ id: string }>('POST', '/api/v1/exams', { ...examBody(s), blueprint: [{ topic: s.topic, level: 'application', count: 1, points: 2 }] });
        const started = await call<{ attemptId: string; items: Array<{ itemId: string }> }>('POST', `/api/v1/exams/${exam.id}/attempts`, undefined, s.learnerToken);
        const itemId = started.items[0].itemId;
        await call('PUT', `/api/v1/attempts/${started.attemptId}/responses`, { responses: [{ itemId, answer: 'Gương mẫu, đóng đoàn phí.', seq: 1 }] }, s.learnerToken);
        await call('POST', `/api/v1/attempts/${started.attemptId}/submit`, undefined, s.learnerToken);
        return { id: started.attemptId, itemId };
      },
      fileLink: async (s) => `/api/v1${(await call<{ path: string }>('POST', `/api/v1/files/${s.file}/link`)).path}`,
      credentialJwt: async (s) => (await call<{ jwt: string }>('GET', `/api/v1/public/credentials/${s.certificate.code}`, undefined, undefined)).jwt,
      enrollment: async (_s, course, userId) => {
        await call('POST', `/api/v1/courses/${course}/enrollments`, { userIds: [userId] });
        return course;
      },
      checkInSession: async (s) => {
        const session = await call<{ id: string }>('POST', `/api/v1/courses/${s.course}/sessions`, {
          title: 'Buổi điểm danh',
          startsAt: `${isoDay(1)}T05:00:00Z`,
          endsAt: `${isoDay(1)}T07:00:00Z`,
        });
        await call('POST', `/api/v1/sessions/${session.id}/check-in/open`, { minutes: 30 });
        return session.id;
      },
      checkInToken: async (s) => (await call<{ token: string }>('GET', `/api/v1/sessions/${s.session}/check-in/code`)).token,
      assignment: async (s) =>
        (await call<{ id: string }>('POST', `/api/v1/courses/${s.course}/assignments`, { title: 'Thu hoạch thực tế', submissionKind: 'both', maxPoints: 10 })).id,
      submission: async (s) =>
        (await call<{ id: string }>('PUT', `/api/v1/assignments/${await fresh.assignment(s)}/submission`, { textBody: 'Bài thu hoạch' }, s.learnerToken)).id,
      question: async (s, token = s.adminToken) =>
        (
          await call<{ id: string }>(
            'POST',
            `/api/v1/courses/${s.course}/lessons/${s.lesson}/questions`,
            { title: 'Đoàn viên sinh hoạt mấy lần một tháng?', bodyHtml: '<p>Theo Điều lệ Đoàn.</p>' },
            token,
          )
        ).id,
      ownQuestion: (c) => {
        const takesPart = c.actor !== 'anonymous' && c.actor !== 'examiner' && (c.where === 'inside' || c.actor === 'super_admin');
        return fresh.question(c.s, takesPart ? tokens.get(c.actor) : c.s.adminToken);
      },
      hiddenQuestion: async (s) => {
        const id = await fresh.question(s);
        await call('POST', `/api/v1/discussion/posts/${id}/hide`, { reason: 'Không phù hợp' }, s.adminToken);
        return id;
      },
      refreshToken: async () => (await call<LoginResponse>('POST', '/api/v1/auth/login', { username: 'authz.login', password: PASSWORD }, undefined)).refreshToken,
      password: (actor) => {
        const currentPassword = passwords.get(actor) ?? PASSWORD;
        const newPassword = `Authz-changed-${++counter}`;
        passwords.set(actor, newPassword);
        return { currentPassword, newPassword };
      },
      cadreCsv: (s, n) => {
        const unitCode = s.code === 'HNI' ? 'HNI-BADINH' : 'DNG-HAICHAU';
        const csv = `${CADRE_IMPORT_HEADERS.join(',')}\r\nNguyễn Văn Nhập,01/01/1995,Nam,${unitCode},,authz.csv.${n.toLowerCase()},,\r\n`;
        return { url: '/api/v1/imports/cadres', ...multipart('can-bo.csv', csv) };
      },
    };

    sides.inside = await build('HNI', actorIds.get('learner') as string, tokens.get('learner') as string, await login('giangvien', 'BoiDuong@2025'), await login('admin.hanoi', 'BoiDuong@2025'));
    sides.outside = await build('DNG', dnLearner.id, await login('authz.dn.learner'), await login('authz.dn.lecturer'), await login('admin.danang', 'BoiDuong@2025'));
    // The lecturer actor teaches Hà Nội's course (the progress and attendance rows rely on it).
    await call('POST', `/api/v1/courses/${sides.inside.course}/lecturers`, { userIds: [actorIds.get('lecturer')] });
  }, 240_000);
  afterAll(async () => {
    await t.close();
    rmSync(storage, { recursive: true, force: true });
  });

  it('has a rule for every route of the app, and no rule for a route that does not exist', () => {
    const routes = collectRoutes(t.app);
    expect(routes.length).toBeGreaterThan(60);
    // A route listed here has no rule yet: add one to ROUTES deciding who may call it.
    expect(routes.filter((r) => !(r in ROUTES))).toEqual([]);
    expect(Object.keys(ROUTES).filter((r) => !routes.includes(r))).toEqual([]);
  });

  it.each(Object.entries(ROUTES))('%s answers every role inside and outside the subtree as its rule says', async (route, rule) => {
    const [method] = route.split(' ');
    const actual = {} as Record<Actor, [Outcome | number, Outcome | number]>;
    for (const actor of ACTORS) {
      const pair: Array<Outcome | number> = [];
      for (const where of ['inside', 'outside'] as const) {
        const sample = await rule.sample({ actor, where, s: sides[where], n: `${actor}-${where}-${++counter}`.replace('_', '') });
        const res = await t.request(method, sample.url, { token: tokens.get(actor), body: sample.body, headers: sample.headers });
        pair.push(res.status >= 200 && res.status < 300 ? 'ok' : res.status);
      }
      actual[actor] = pair as [Outcome, Outcome];
    }
    expect(actual).toEqual(rule.expect);
  });
});
