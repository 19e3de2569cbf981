import type { Employment, Gender, Role, TheoryLevel } from '@boiduong/shared-contracts';

// The profile codes are the API's, from the shared contracts.
export { ASSIGNABLE_TITLES, EMPLOYMENTS, GENDERS, THEORY_LEVELS } from '@boiduong/shared-contracts';
export type { Employment, Gender, TheoryLevel };

export interface RoleGrant {
  role: Role;
  orgUnitId: string;
}

export interface CadreProfile {
  title: string;
  plannedTitles: string[];
  employment: Employment;
  theoryLevel?: TheoryLevel | null;
  education?: string | null;
}

/** One row of `GET /users`. */
export interface UserSummary {
  id: string;
  username: string;
  fullName: string;
  email: string | null;
  orgUnitId: string;
  roles: RoleGrant[];
  createdAt: string;
}

/** `GET /users/:id`: the list fields plus the profile fields the API has (newer fields may be absent). */
export interface UserDetail extends UserSummary {
  phone?: string | null;
  dateOfBirth?: string | null;
  gender?: Gender | null;
  cadre?: CadreProfile | null;
}

export interface CreateUserRequest {
  username: string;
  password: string;
  fullName: string;
  email?: string;
  orgUnitId: string;
  roles: RoleGrant[];
  dateOfBirth?: string;
  gender?: Gender;
  phone?: string;
  cadre?: CadreProfile;
}

export interface CadreImportResult {
  created: number;
  /** Rows already in the tree or the people list, left as they are (a repeated file). */
  unchanged: number;
  skipped: number;
  errors: ImportRowError[];
}

export interface ImportRowError {
  row: number;
  message: string | { vi: string; en: string };
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}
