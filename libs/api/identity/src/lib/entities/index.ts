import { AuditLogEntry } from './audit-log-entry.entity';
import { CadreProfile } from './cadre-profile.entity';
import { LecturerProfile } from './lecturer-profile.entity';
import { UserNotification } from './notification.entity';
import { OrgUnit } from './org-unit.entity';
import { OrgUnitSuccession } from './org-unit-succession.entity';
import { RefreshToken } from './refresh-token.entity';
import { RoleGrant } from './role-grant.entity';
import { User } from './user.entity';

export { AuditLogEntry } from './audit-log-entry.entity';
export { CadreProfile } from './cadre-profile.entity';
export { LecturerProfile } from './lecturer-profile.entity';
export { UserNotification } from './notification.entity';
export { OrgUnit, pathLabel } from './org-unit.entity';
export { OrgUnitSuccession } from './org-unit-succession.entity';
export { RefreshToken } from './refresh-token.entity';
export { RoleGrant } from './role-grant.entity';
export { User } from './user.entity';

export const IDENTITY_ENTITIES = [OrgUnit, User, RoleGrant, RefreshToken, CadreProfile, LecturerProfile, OrgUnitSuccession, AuditLogEntry, UserNotification];
