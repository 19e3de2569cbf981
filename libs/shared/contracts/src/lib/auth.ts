import type { Permission, Role } from './roles';
import type { OrgUnitType } from './org';

export interface LoginRequest {
  username: string;
  password: string;
}

export interface RefreshRequest {
  refreshToken: string;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
}

export interface RoleGrantView {
  role: Role;
  orgUnitId: string;
  orgUnitCode: string;
  orgUnitName: string;
}

export interface CurrentUser {
  id: string;
  username: string;
  fullName: string;
  email: string | null;
  orgUnit: { id: string; code: string; name: string; type: OrgUnitType };
  roles: RoleGrantView[];
  permissions: Permission[];
  mustChangePassword: boolean;
}

export interface LoginResponse extends TokenPair {
  user: CurrentUser;
}
