import { AppConfig } from '@boiduong/api-core';
import { Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Length of one time step of the rotating check-in code. */
export const CHECK_IN_STEP_SECONDS = 30;

const VERSION = 1;
/** version (1) + session uuid (16) + step (4) + window (4). */
const CLAIMS_BYTES = 25;
/** A 128-bit tag: forging one online is out of reach, and the code stays short. */
const TAG_BYTES = 16;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a check-in code says: this session, this time step, in the window opened at `window` (Unix seconds). */
export interface CheckInClaims {
  sessionId: string;
  step: number;
  window: number;
}

export type CheckInVerification = { ok: true; claims: CheckInClaims } | { ok: false; reason: 'invalid' | 'expired' };

export function stepOf(now: Date): number {
  return Math.floor(now.getTime() / (CHECK_IN_STEP_SECONDS * 1000));
}

/** The window id a code carries for a window opened at `openedAt`. */
export function windowOf(openedAt: Date): number {
  return Math.floor(openedAt.getTime() / 1000);
}

/**
 * The rotating code behind the QR a lecturer shows: a session id, a time step and the check-in
 * window, under an HMAC. It is accepted in its own step and the next one, so a photo of the screen
 * forwarded to a chat group stops working within a minute. A compact binary layout rather than a
 * JWT keeps the URL near 90 characters: a low-density QR that a phone reads from the back of a hall.
 * The key is derived from the JWT secret (required in production), so nothing new has to be configured.
 */
@Injectable()
export class CheckInTokens {
  private readonly key: Buffer;

  constructor(config: AppConfig) {
    this.key = config.derivedKey('catalog-check-in');
  }

  /** The code for the step `now` falls in, when it stops being accepted, and when the next step starts. */
  issue(sessionId: string, openedAt: Date, now: Date): { token: string; step: number; expiresAt: Date; nextStepAt: Date } {
    if (!UUID.test(sessionId)) throw new Error(`not a uuid: ${sessionId}`);
    const step = stepOf(now);
    const claims = Buffer.alloc(CLAIMS_BYTES);
    claims.writeUInt8(VERSION, 0);
    Buffer.from(sessionId.replace(/-/g, ''), 'hex').copy(claims, 1);
    claims.writeUInt32BE(step, 17);
    claims.writeUInt32BE(windowOf(openedAt), 21);
    const stepMs = CHECK_IN_STEP_SECONDS * 1000;
    return {
      token: Buffer.concat([claims, this.tag(claims)]).toString('base64url'),
      step,
      expiresAt: new Date((step + 2) * stepMs),
      nextStepAt: new Date((step + 1) * stepMs),
    };
  }

  verify(token: string, now: Date): CheckInVerification {
    if (typeof token !== 'string' || !/^[A-Za-z0-9_-]+$/.test(token)) return { ok: false, reason: 'invalid' };
    const raw = Buffer.from(token, 'base64url');
    if (raw.length !== CLAIMS_BYTES + TAG_BYTES || raw.readUInt8(0) !== VERSION) return { ok: false, reason: 'invalid' };
    const claims = raw.subarray(0, CLAIMS_BYTES);
    if (!timingSafeEqual(raw.subarray(CLAIMS_BYTES), this.tag(claims))) return { ok: false, reason: 'invalid' };
    const step = claims.readUInt32BE(17);
    const current = stepOf(now);
    // One step ahead is tolerated: another api replica whose clock runs a little fast may have issued it.
    if (step > current + 1) return { ok: false, reason: 'invalid' };
    if (step < current - 1) return { ok: false, reason: 'expired' };
    const hex = claims.subarray(1, 17).toString('hex');
    const sessionId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    return { ok: true, claims: { sessionId, step, window: claims.readUInt32BE(21) } };
  }

  private tag(claims: Buffer): Buffer {
    return createHmac('sha256', this.key).update(claims).digest().subarray(0, TAG_BYTES);
  }
}
