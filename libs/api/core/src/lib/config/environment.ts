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
const usesS3 = (env: Environment) => env.STORAGE_DRIVER === 's3';

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

  /** Where uploaded files are kept: a local folder (`STORAGE_PATH`) or an S3-compatible bucket (`S3_*`). */
  @IsIn(['local', 's3'])
  STORAGE_DRIVER: 'local' | 's3' = 'local';

  /** Folder of the local-disk file storage (lesson documents, videos, images). */
  @IsString()
  STORAGE_PATH = '.data/files';

  // With STORAGE_DRIVER=s3 every S3_* setting below is required. The presence check sits next to the
  // property so that a missing value reports "is required" rather than a format complaint.

  /** The S3 API address, e.g. `https://s3.ap-southeast-1.amazonaws.com` or `http://minio:9000`. */
  @ValidateIf(usesS3)
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'S3_ENDPOINT must be an http(s) URL' })
  @IsString({ message: 'S3_ENDPOINT is required when STORAGE_DRIVER=s3' })
  S3_ENDPOINT?: string;

  /** Signing region; servers that ignore it (MinIO) still need one, Garage expects its own (`garage`). */
  @ValidateIf(usesS3)
  @Matches(/^[a-z0-9-]{1,64}$/, { message: 'S3_REGION must be a region name such as us-east-1' })
  @IsString({ message: 'S3_REGION is required when STORAGE_DRIVER=s3' })
  S3_REGION?: string;

  @ValidateIf(usesS3)
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'S3_BUCKET must be a bucket name (3-63 lowercase letters, digits, "." or "-")' })
  @IsString({ message: 'S3_BUCKET is required when STORAGE_DRIVER=s3' })
  S3_BUCKET?: string;

  @ValidateIf(usesS3)
  @IsString({ message: 'S3_ACCESS_KEY_ID is required when STORAGE_DRIVER=s3' })
  S3_ACCESS_KEY_ID?: string;

  @ValidateIf(usesS3)
  @IsString({ message: 'S3_SECRET_ACCESS_KEY is required when STORAGE_DRIVER=s3' })
  S3_SECRET_ACCESS_KEY?: string;

  /** Bucket in the path (`endpoint/bucket/key`) instead of the host name: MinIO, Ceph and Garage usually need it. */
  @Transform(toBool)
  @IsBoolean()
  S3_FORCE_PATH_STYLE = false;

  /**
   * How long an uploaded file may stay unused (handed in nowhere, in no lesson) before the
   * worker's hourly clean-up deletes it: the time between uploading and submitting the form. At
   * least an hour, so a file is never removed from under someone still filling in that form.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(8760)
  UNUSED_FILE_GRACE_HOURS = 24;

  /**
   * Virus scanning of every upload before it is stored: `none` accepts everything (the default,
   * for development and for deployments scanning elsewhere), `clamd` asks a ClamAV daemon.
   */
  @IsIn(['none', 'clamd'])
  SCAN_DRIVER: 'none' | 'clamd' = 'none';

  /** When the scanner cannot answer: `closed` refuses the upload (503), `open` accepts it with a warning in the log. */
  @IsIn(['closed', 'open'])
  SCAN_FAIL_MODE: 'closed' | 'open' = 'closed';

  @IsString()
  @MinLength(1)
  CLAMAV_HOST = '127.0.0.1';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  CLAMAV_PORT = 3310;

  /** How long clamd may stay silent (connecting, receiving, scanning) before the scan counts as failed. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  CLAMAV_TIMEOUT_MS = 30_000;

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

const KNOWN_KEYS = new Set(
  Object.keys(new Environment()).concat([
    'JWT_SECRET',
    'BOOTSTRAP_ADMIN_USERNAME',
    'BOOTSTRAP_ADMIN_PASSWORD',
    'CERT_SIGNING_KEY',
    'S3_ENDPOINT',
    'S3_REGION',
    'S3_BUCKET',
    'S3_ACCESS_KEY_ID',
    'S3_SECRET_ACCESS_KEY',
  ]),
);

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
    const value = e.property.match(/SECRET|PASSWORD|SIGNING_KEY|ACCESS_KEY/) ? '(hidden)' : JSON.stringify(relevant[e.property] ?? null);
    return `${e.property}: ${constraint} (got ${value})`;
  });
  // Demo accounts share a published password: never in production.
  if (isProduction(env) && env.DEMO_DATA === true) lines.push('DEMO_DATA: cannot be true when NODE_ENV=production (got "true")');
  if (lines.length > 0) throw new ConfigurationError(lines.sort());
  return env;
}

/** The development signing key; never accepted in production (validation requires JWT_SECRET there). */
export const DEVELOPMENT_JWT_SECRET = 'development-only-signing-key-change-me-0123456789';
