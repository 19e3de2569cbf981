import { AccessTokenService, type TokenGrant } from '@boiduong/api-core';
import { permissionsOf, type CurrentUser, type LoginResponse, type TokenPair } from '@boiduong/shared-contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OrgUnit, RoleGrant, User } from '../entities';
import { IdentityErrors } from '../identity.errors';
import { LoginRateLimiter } from './login-rate-limiter';
import { PasswordHasher } from './password-hasher';
import { SessionsService } from './sessions.service';

/** Failures before the first lock, and the cap of the doubling lock time. */
export const LOCKOUT_THRESHOLD = 5;
const LOCKOUT_BASE_SECONDS = 30;
const LOCKOUT_MAX_SECONDS = 3600;

export function lockoutSeconds(failedCount: number): number {
  if (failedCount < LOCKOUT_THRESHOLD) return 0;
  return Math.min(LOCKOUT_BASE_SECONDS * 2 ** (failedCount - LOCKOUT_THRESHOLD), LOCKOUT_MAX_SECONDS);
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionsService,
    private readonly tokens: AccessTokenService,
    private readonly limiter: LoginRateLimiter,
  ) {}

  async login(identifier: string, password: string, ip = 'unknown'): Promise<LoginResponse> {
    await this.limiter.hit(ip, identifier);
    const user = await this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .where('lower(u.username) = lower(:id) OR lower(u.email) = lower(:id)', { id: identifier.trim() })
      .getOne();
    if (user?.lockedUntil && user.lockedUntil.getTime() > Date.now()) {
      throw IdentityErrors.AUTH_ACCOUNT_LOCKED({
        retryAfterSeconds: Math.ceil((user.lockedUntil.getTime() - Date.now()) / 1000),
      });
    }
    // Verify even for unknown users so that timing does not reveal which usernames exist.
    const valid = await this.hasher.verify(user?.passwordHash, password);
    if (!user || !valid) {
      if (user) await this.recordFailure(user.id);
      throw IdentityErrors.AUTH_INVALID_CREDENTIALS();
    }
    if (user.disabledAt) throw IdentityErrors.AUTH_ACCOUNT_DISABLED();
    if (user.failedLoginCount > 0 || user.lockedUntil) {
      await this.db.getRepository(User).update({ id: user.id }, { failedLoginCount: 0, lockedUntil: null });
    }
    const refreshToken = await this.sessions.start(user.id);
    const { current, grants } = await this.load(user.id);
    return { ...(await this.accessFor(current, grants)), refreshToken, user: current };
  }

  async refresh(presented: string): Promise<TokenPair> {
    const { userId, refreshToken } = await this.sessions.rotate(presented);
    const { current, grants, disabled } = await this.load(userId);
    if (disabled) throw IdentityErrors.AUTH_REFRESH_INVALID();
    return { ...(await this.accessFor(current, grants)), refreshToken };
  }

  /**
   * Changes the caller's password after checking the current one, revokes every session and
   * answers a fresh one for this device: other devices must sign in again.
   */
  async changePassword(userId: string, currentPassword: string, newPassword: string): Promise<TokenPair> {
    const user = await this.db.getRepository(User).findOneBy({ id: userId });
    if (!user || user.disabledAt) throw IdentityErrors.AUTH_REFRESH_INVALID();
    if (!(await this.hasher.verify(user.passwordHash, currentPassword))) {
      // A stolen access token must not become a free password oracle.
      await this.recordFailure(user.id);
      throw IdentityErrors.AUTH_CURRENT_PASSWORD_WRONG();
    }
    if (currentPassword.normalize('NFC') === newPassword.normalize('NFC')) throw IdentityErrors.PASSWORD_UNCHANGED();
    const passwordHash = await this.hasher.hash(newPassword);
    const refreshToken = await this.db.transaction(async (manager) => {
      await manager.update(User, { id: user.id }, { passwordHash, mustChangePassword: false, failedLoginCount: 0, lockedUntil: null });
      await this.sessions.endAllFor(user.id, manager);
      return this.sessions.start(user.id, manager);
    });
    const { current, grants } = await this.load(user.id);
    return { ...(await this.accessFor(current, grants)), refreshToken };
  }

  logout(presented: string): Promise<void> {
    return this.sessions.end(presented);
  }

  /** The user with roles, units and permissions, as the web app shows it. */
  async currentUser(userId: string): Promise<CurrentUser> {
    return (await this.load(userId)).current;
  }

  /** The user as shown, plus the grants (with unit paths) the access token carries. */
  private async load(userId: string): Promise<{ current: CurrentUser; grants: TokenGrant[]; disabled: boolean }> {
    const user = await this.db.getRepository(User).findOneBy({ id: userId });
    if (!user) throw IdentityErrors.USER_NOT_FOUND();
    const unit = await this.db.getRepository(OrgUnit).findOneByOrFail({ id: user.orgUnitId });
    const rows: Array<{ role: RoleGrant['role']; unit_id: string; code: string; name: string; path: string }> =
      await this.db.query(
        `SELECT g.role, u.id AS unit_id, u.code, u.name, u.path::text AS path
           FROM role_grants g JOIN org_units u ON u.id = g.org_unit_id
          WHERE g.user_id = $1 ORDER BY u.path, g.role`,
        [userId],
      );
    const current: CurrentUser = {
      id: user.id,
      username: user.username,
      fullName: user.fullName,
      email: user.email,
      orgUnit: { id: unit.id, code: unit.code, name: unit.name, type: unit.type },
      roles: rows.map((r) => ({ role: r.role, orgUnitId: r.unit_id, orgUnitCode: r.code, orgUnitName: r.name })),
      permissions: permissionsOf(rows.map((r) => r.role)),
      mustChangePassword: user.mustChangePassword,
    };
    const grants = rows.map((r) => ({ role: r.role, unitId: r.unit_id, path: r.path }));
    return { current, grants, disabled: user.disabledAt !== null };
  }

  private async accessFor(user: CurrentUser, grants: TokenGrant[]) {
    const accessToken = await this.tokens.sign({ sub: user.id, username: user.username, grants });
    return { accessToken, expiresIn: this.tokens.ttlSeconds };
  }

  /** Counts a failure atomically and locks with a doubling delay once past the threshold. */
  private async recordFailure(userId: string): Promise<void> {
    await this.db.query(
      `UPDATE users SET failed_login_count = failed_login_count + 1,
              locked_until = CASE WHEN failed_login_count + 1 >= $2
                THEN now() + make_interval(secs => LEAST($3 * power(2, failed_login_count + 1 - $2), $4))
                ELSE locked_until END
        WHERE id = $1`,
      [userId, LOCKOUT_THRESHOLD, LOCKOUT_BASE_SECONDS, LOCKOUT_MAX_SECONDS],
    );
  }
}
