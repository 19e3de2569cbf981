import { AppConfig } from '@boiduong/api-core';
import { Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a signed file address works: long enough to watch a recorded lecture with pauses. */
export const FILE_LINK_TTL_SECONDS = 6 * 3600;

/**
 * Signed, expiring file addresses. A `<video>` or `<img>` element cannot send the bearer token, so
 * the web asks for a link once (with the token, after the visibility check) and the element then
 * fetches ranges from it. The signature binds the file id and the expiry, under a key derived from
 * the JWT secret so no new secret has to be configured.
 */
@Injectable()
export class FileLinks {
  private readonly key: Buffer;

  constructor(config: AppConfig) {
    this.key = config.derivedKey('catalog-file-link');
  }

  sign(fileId: string, now = Date.now()): { expires: number; signature: string } {
    const expires = Math.floor(now / 1000) + FILE_LINK_TTL_SECONDS;
    return { expires, signature: this.mac(fileId, expires) };
  }

  verify(fileId: string, expires: number, signature: string, now = Date.now()): boolean {
    if (!Number.isSafeInteger(expires) || expires * 1000 <= now) return false;
    const expected = Buffer.from(this.mac(fileId, expires), 'base64url');
    const given = Buffer.from(signature, 'base64url');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private mac(fileId: string, expires: number): string {
    return createHmac('sha256', this.key).update(`${fileId}.${expires}`).digest('base64url');
  }
}
