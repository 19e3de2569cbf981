import { createHmac } from 'node:crypto';
import { Environment, DEVELOPMENT_JWT_SECRET } from './environment';

/** The validated configuration, injectable everywhere. Nothing else reads process.env. */
export class AppConfig {
  constructor(readonly env: Readonly<Environment>) {}

  get isProduction(): boolean {
    return this.env.NODE_ENV === 'production';
  }

  get jwtSecret(): string {
    return this.env.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET;
  }

  /**
   * A key of its own for one purpose (signed file links, check-in codes…), derived from the JWT
   * secret: nothing new to configure, and a code made for one purpose never passes for another.
   */
  derivedKey(purpose: string): Buffer {
    return createHmac('sha256', this.jwtSecret).update(purpose).digest();
  }

  /** Connection options for ioredis and BullMQ, parsed once from REDIS_URL. */
  get redisConnection(): { host: string; port: number; username?: string; password?: string; db: number; tls?: object } {
    const url = new URL(this.env.REDIS_URL);
    return {
      host: url.hostname,
      port: Number(url.port || 6379),
      username: url.username ? decodeURIComponent(url.username) : undefined,
      password: url.password ? decodeURIComponent(url.password) : undefined,
      db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
      tls: url.protocol === 'rediss:' ? {} : undefined,
    };
  }
}

/** Masks the password in a connection URL for messages and logs. */
export function maskUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(unparseable URL)';
  }
}
