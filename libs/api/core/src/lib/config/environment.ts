import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
} from 'class-validator';

const toBool = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? ['1', 'true', 'yes', 'on'].includes(value.toLowerCase()) : value;
const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value);
const isProduction = (env: Environment) => env.NODE_ENV === 'production';

/**
 * Every setting the api and worker read, validated once at boot.
 * Everything has a safe local default except secrets in production.
 */
export class Environment {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/boiduong';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Lets several deployments (or test files) share one Redis without seeing each other's queues. */
  @Matches(/^[a-zA-Z0-9:_-]{1,64}$/, { message: 'QUEUE_PREFIX may hold letters, digits, ":", "_" and "-" only' })
  QUEUE_PREFIX = 'boiduong';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(256)
  WORKER_CONCURRENCY = 8;

  /** Signs access tokens. Required (32+ characters) in production; a fixed development key otherwise. */
  @ValidateIf((env: Environment) => isProduction(env) || env.JWT_SECRET !== undefined)
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(3600)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  REFRESH_TOKEN_TTL_DAYS = 30;

  /**
   * Login attempts allowed per client address in one window. Generous: a whole exam room or
   * commune office signs in from one NAT address within minutes.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  LOGIN_RATE_PER_IP_MAX = 600;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86_400)
  LOGIN_RATE_PER_IP_WINDOW_SECONDS = 60;

  /**
   * Login attempts allowed per account (username or email) in one window. Tight: one person never
   * needs more, and it stops password spraying from many addresses before the lockout counts.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000)
  LOGIN_RATE_PER_ACCOUNT_MAX = 20;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86_400)
  LOGIN_RATE_PER_ACCOUNT_WINDOW_SECONDS = 900;

  /**
   * Public certificate verifications allowed per client address in one window. A person scanning
   * QR codes or an office checking a pile of certificates stays far below it; a script walking
   * through codes (they are 128-bit random, so it cannot find any) is slowed down and shows up
   * in the logs as 429s.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  VERIFY_RATE_PER_IP_MAX = 300;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86_400)
  VERIFY_RATE_PER_IP_WINDOW_SECONDS = 60;

  @IsOptional()
  @Matches(/^[a-zA-Z0-9._@-]{3,64}$/, { message: 'BOOTSTRAP_ADMIN_USERNAME must be 3-64 letters, digits or ._@-' })
  BOOTSTRAP_ADMIN_USERNAME?: string;

  @ValidateIf((env: Environment) => env.BOOTSTRAP_ADMIN_USERNAME !== undefined)
  @IsString({ message: 'BOOTSTRAP_ADMIN_PASSWORD is required when BOOTSTRAP_ADMIN_USERNAME is set' })
  @MinLength(10, { message: 'BOOTSTRAP_ADMIN_PASSWORD must be at least 10 characters' })
  BOOTSTRAP_ADMIN_PASSWORD?: string;

  /** Demo accounts and units for a quick look; refused in production (checked in validateEnvironment). */
  @Transform(toBool)
  @IsBoolean()
  DEMO_DATA = false;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' = 'info';

  /** Log one line per HTTP request. */
  @Transform(toBool)
  @IsBoolean()
  LOG_REQUESTS = true;

  /** The built web app the api serves at `/` (when SERVE_WEB is on and the folder holds an index.html). */
  @IsString()
  WEB_DIST_PATH = 'dist/apps/web/browser';

  @Transform(toBool)
  @IsBoolean()
  SERVE_WEB = true;

  @Transform(toBool)
  @IsBoolean()
  TRUST_PROXY = false;

  /** Maximum size of one uploaded file (multipart), in bytes. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  UPLOAD_LIMIT_BYTES = 20 * 1_048_576;

  /** Maximum JSON body, in bytes. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES = 1_048_576;

  /** Folder of the local-disk file storage (lesson documents, videos, images). */
  @IsString()
  STORAGE_PATH = '.data/files';

  /** Public address of the platform; printed (as the verify link and QR code) on certificates. */
  @Matches(/^https?:\/\/[^\s]+[^/\s]$/, { message: 'PUBLIC_BASE_URL must be an http(s) URL without a trailing slash' })
  PUBLIC_BASE_URL = 'http://localhost:3000';

  /**
   * Ed25519 private key (PKCS8 PEM) that signs certificates. Required in production; in
   * development and tests a key is generated once and kept in the database.
   */
  @ValidateIf((env: Environment) => isProduction(env) || env.CERT_SIGNING_KEY !== undefined)
  @IsString({ message: 'CERT_SIGNING_KEY (an Ed25519 PKCS8 PEM) is required when NODE_ENV=production' })
  @Matches(/-----BEGIN PRIVATE KEY-----/, { message: 'CERT_SIGNING_KEY must be a PKCS8 PEM (-----BEGIN PRIVATE KEY-----)' })
  CERT_SIGNING_KEY?: string;
}

/** Raised when the environment is invalid; `lines` holds one line per wrong variable. */
export class ConfigurationError extends Error {
  constructor(readonly lines: string[]) {
    super(`Invalid configuration:\n${lines.join('\n')}`);
    this.name = 'ConfigurationError';
  }
}

const KNOWN_KEYS = new Set(Object.keys(new Environment()).concat(['JWT_SECRET', 'BOOTSTRAP_ADMIN_USERNAME', 'BOOTSTRAP_ADMIN_PASSWORD', 'CERT_SIGNING_KEY']));

/**
 * Validates a raw environment (usually `process.env`). Empty strings count as unset so
 * that `FOO=` in a .env file falls back to the default instead of failing.
 */
export function validateEnvironment(raw: Record<string, string | undefined>): Environment {
  const relevant: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (KNOWN_KEYS.has(key) && value !== undefined && value !== '') relevant[key] = value;
  }
  const env = plainToInstance(Environment, relevant, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false, forbidUnknownValues: false });
  const lines = errors.map((e) => {
    const constraint = Object.values(e.constraints ?? {})[0] ?? 'is invalid';
    const value = e.property.match(/SECRET|PASSWORD|SIGNING_KEY/) ? '(hidden)' : JSON.stringify(relevant[e.property] ?? null);
    return `${e.property}: ${constraint} (got ${value})`;
  });
  // Demo accounts share a published password: never in production.
  if (isProduction(env) && env.DEMO_DATA === true) lines.push('DEMO_DATA: cannot be true when NODE_ENV=production (got "true")');
  if (lines.length > 0) throw new ConfigurationError(lines.sort());
  return env;
}

/** The development signing key; never accepted in production (validation requires JWT_SECRET there). */
export const DEVELOPMENT_JWT_SECRET = 'development-only-signing-key-change-me-0123456789';
