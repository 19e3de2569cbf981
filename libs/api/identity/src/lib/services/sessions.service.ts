import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { AppConfig } from '@boiduong/api-core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, LessThan } from 'typeorm';
import { RefreshToken } from '../entities';
import { IdentityErrors } from '../identity.errors';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Refresh tokens kept in Postgres, so sessions survive restarts and work across api
 * processes. Each refresh spends the presented token and issues the next one of the family;
 * a spent token presented again revokes the family (the token was copied).
 */
@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** Starts a new family. The token is `<id>.<secret>`; only sha256(secret) is stored. */
  async start(userId: string, manager: EntityManager = this.db.manager): Promise<string> {
    return this.issue(manager, userId, randomUUID());
  }

  /** Spends a refresh token and returns the user and the next token of its family. */
  async rotate(presented: string): Promise<{ userId: string; refreshToken: string }> {
    const [id, secret] = presented.split('.');
    if (!id || !secret || !/^[0-9a-f-]{36}$/.test(id)) throw IdentityErrors.AUTH_REFRESH_INVALID();
    const outcome = await this.db.transaction(async (manager) => {
      // Row lock: two concurrent refreshes with one token cannot both succeed.
      const token = await manager.findOne(RefreshToken, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!token || token.tokenHash !== sha256(secret)) return { error: 'invalid' as const };
      if (token.revokedAt || token.expiresAt.getTime() <= Date.now()) return { error: 'invalid' as const };
      if (token.usedAt) {
        await manager.update(RefreshToken, { familyId: token.familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
        return { error: 'reused' as const };
      }
      await manager.update(RefreshToken, { id }, { usedAt: new Date() });
      return { userId: token.userId, refreshToken: await this.issue(manager, token.userId, token.familyId) };
    });
    if ('error' in outcome) {
      throw outcome.error === 'reused' ? IdentityErrors.AUTH_REFRESH_REUSED() : IdentityErrors.AUTH_REFRESH_INVALID();
    }
    return outcome;
  }

  /** Ends the family of the presented token (logout). Unknown tokens are ignored: logout is idempotent. */
  async end(presented: string): Promise<void> {
    const [id] = presented.split('.');
    if (!id || !/^[0-9a-f-]{36}$/.test(id)) return;
    const token = await this.db.manager.findOne(RefreshToken, { where: { id } });
    if (token) await this.db.manager.update(RefreshToken, { familyId: token.familyId }, { revokedAt: new Date() });
  }

  /** Revokes every session of a user (password change or reset). */
  async endAllFor(userId: string, manager: EntityManager = this.db.manager): Promise<void> {
    await manager.update(RefreshToken, { userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** Deletes tokens expired for more than a day; run by the worker on a schedule. */
  async purgeExpired(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - 86_400_000);
    const result = await this.db.manager.delete(RefreshToken, { expiresAt: LessThan(cutoff) });
    return result.affected ?? 0;
  }

  private async issue(manager: EntityManager, userId: string, familyId: string): Promise<string> {
    const secret = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.env.REFRESH_TOKEN_TTL_DAYS * 86_400_000);
    const row = manager.create(RefreshToken, { id: randomUUID(), familyId, userId, tokenHash: sha256(secret), expiresAt });
    await manager.insert(RefreshToken, row);
    return `${row.id}.${secret}`;
  }
}
