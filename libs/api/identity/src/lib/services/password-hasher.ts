import { Injectable } from '@nestjs/common';
import { Algorithm, hash, verify } from '@node-rs/argon2';

/**
 * argon2id with OWASP's second recommended profile (19 MiB, 2 passes, 1 lane).
 * Measured cost and the reasoning for exam-day login bursts are in docs/PERFORMANCE.md.
 * Hashing runs on libuv's thread pool, so the event loop keeps serving saves meanwhile.
 */
export const ARGON2_PARAMS = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class PasswordHasher {
  /** A hash of a random secret, verified against when the user does not exist, to equalise timing. */
  private readonly decoy = hash('decoy-password-that-matches-nothing', ARGON2_PARAMS);

  hash(password: string): Promise<string> {
    return hash(password.normalize('NFC'), ARGON2_PARAMS);
  }

  async verify(passwordHash: string | undefined, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash ?? (await this.decoy), password.normalize('NFC'));
    } catch {
      return false;
    }
  }
}
