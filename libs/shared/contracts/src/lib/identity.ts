/** Cadre and lecturer profile codes (see docs: "Codes used in the API"). */
export const GENDERS = ['male', 'female', 'other'] as const;
export type Gender = (typeof GENDERS)[number];

export const EMPLOYMENTS = ['full_time', 'part_time', 'concurrent'] as const;
export type Employment = (typeof EMPLOYMENTS)[number];

/** Political-theory level: sơ cấp, trung cấp, cao cấp, cử nhân (bachelor of political theory). */
export const THEORY_LEVELS = ['elementary', 'intermediate', 'advanced', 'bachelor'] as const;
export type TheoryLevel = (typeof THEORY_LEVELS)[number];

/** The default title list; the historical ones remain readable in old records but are never assigned anew. */
export const ASSIGNABLE_TITLES = [
  'secretary.province',
  'deputy_secretary.province',
  'secretary.commune',
  'deputy_secretary.commune',
  'secretary.grassroots',
  'deputy_secretary.grassroots',
  'secretary.branch',
  'youth_federation_chair.province',
  'youth_federation_chair.commune',
  'pioneer_council_chair.province',
  'pioneer_council_chair.commune',
] as const;
export const HISTORICAL_TITLES = ['secretary.district', 'deputy_secretary.district'] as const;
export type CadreTitle = (typeof ASSIGNABLE_TITLES)[number] | (typeof HISTORICAL_TITLES)[number];

export interface CadreProfileView {
  title: CadreTitle;
  plannedTitles: CadreTitle[];
  employment: Employment;
  theoryLevel: TheoryLevel | null;
  education: string | null;
}

export interface LecturerProfileView {
  specialties: string[];
  programsTaught: string[];
}

export interface UserDetail {
  id: string;
  username: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  dateOfBirth: string | null;
  gender: Gender | null;
  orgUnitId: string;
  roles: Array<{ role: string; orgUnitId: string }>;
  cadre: CadreProfileView | null;
  lecturer: LecturerProfileView | null;
  mustChangePassword: boolean;
  createdAt: string;
}

export interface OrgUnitSuccession {
  predecessorId: string;
  successorId: string;
  effectiveOn: string;
  kind: 'merge' | 'split';
}

export const AUDIT_ACTIONS = [
  'org_unit.create',
  'org_unit.merge',
  'org_unit.split',
  'org_unit.move',
  'user.create',
  'user.reset_password',
  'user.move',
  'user.import',
  'org_unit.import',
  'attempt.extra_time',
  'attempt.reopen',
  'exam.extra_time',
  'exam.regrade',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  id: string;
  actorId: string | null;
  actorUsername: string | null;
  action: AuditAction;
  entity: string;
  entityId: string;
  orgUnitId: string;
  before: unknown;
  after: unknown;
  at: string;
}

/** Column headers of the cadre import template, in order (Vietnamese, as users see them). */
export const CADRE_IMPORT_HEADERS = [
  'Họ và tên',
  'Ngày sinh',
  'Giới tính',
  'Mã đơn vị',
  'Chức danh',
  'Tên đăng nhập',
  'Email',
  'Điện thoại',
] as const;

/**
 * Columns of the org-unit import template, in order. The parent is named by its code: a unit
 * already in the tree or another row of the same file (above or below).
 */
export const ORG_UNIT_IMPORT_HEADERS = ['Mã đơn vị', 'Tên đơn vị', 'Loại đơn vị', 'Mã đơn vị cấp trên', 'Ngày thành lập'] as const;

export interface ImportRowError {
  /** Spreadsheet row number (the header is row 1). */
  row: number;
  field?: string;
  /** A stable reason code, e.g. `required`, `unit_not_found`, `username_taken`. */
  reason: string;
  message: { vi: string; en: string };
}

export interface ImportResult {
  total: number;
  created: number;
  /** Rows whose username already exists in the importer's scope: re-imports change nothing. */
  unchanged: number;
  /** Bad rows left out (only with `mode=valid-only`). */
  skipped: number;
  errors: ImportRowError[];
}
