import { AppConfig } from './app-config';
import { ConfigurationError, validateEnvironment } from './environment';

describe('validateEnvironment', () => {
  it('gives safe local defaults for an empty environment', () => {
    const env = validateEnvironment({});
    expect(env).toMatchObject({ NODE_ENV: 'development', PORT: 3000, DEMO_DATA: false, QUEUE_PREFIX: 'boiduong' });
    expect(env.DATABASE_URL).toMatch(/^postgres:\/\//);
  });

  it('converts numbers and booleans and treats empty strings as unset', () => {
    const env = validateEnvironment({ PORT: '8080', DEMO_DATA: 'true', LOG_REQUESTS: '0', REDIS_URL: '' });
    expect(env.PORT).toBe(8080);
    expect(env.DEMO_DATA).toBe(true);
    expect(env.LOG_REQUESTS).toBe(false);
    expect(env.REDIS_URL).toBe('redis://127.0.0.1:6379');
  });

  it('reports one line per wrong variable, hiding secrets', () => {
    let error: ConfigurationError | undefined;
    try {
      validateEnvironment({ PORT: 'eighty', DATABASE_URL: 'mysql://x', JWT_SECRET: 'short', NODE_ENV: 'staging' });
    } catch (e) {
      error = e as ConfigurationError;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error?.lines.map((l) => l.split(':')[0])).toEqual(['DATABASE_URL', 'JWT_SECRET', 'NODE_ENV', 'PORT']);
    expect(error?.lines.join('\n')).not.toContain('short');
  });

  it('requires a real signing key and refuses demo data in production', () => {
    expect(() => validateEnvironment({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(() => validateEnvironment({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), DEMO_DATA: 'true' })).toThrow(/DEMO_DATA/);
    expect(() => validateEnvironment({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) })).toThrow(/CERT_SIGNING_KEY/);
    const certKey = '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n';
    expect(validateEnvironment({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), CERT_SIGNING_KEY: certKey }).NODE_ENV).toBe('production');
  });

  it('requires the bootstrap password with the bootstrap username', () => {
    expect(() => validateEnvironment({ BOOTSTRAP_ADMIN_USERNAME: 'admin' })).toThrow(/BOOTSTRAP_ADMIN_PASSWORD/);
    expect(() => validateEnvironment({ BOOTSTRAP_ADMIN_USERNAME: 'admin', BOOTSTRAP_ADMIN_PASSWORD: 'long-enough-pw' })).not.toThrow();
  });

  it('keeps files on local disk without scanning unless told otherwise', () => {
    const env = validateEnvironment({});
    expect(env).toMatchObject({ STORAGE_DRIVER: 'local', SCAN_DRIVER: 'none', SCAN_FAIL_MODE: 'closed', CLAMAV_PORT: 3310, S3_FORCE_PATH_STYLE: false });
    // S3 settings are not needed (nor checked) for the local driver.
    expect(validateEnvironment({ S3_BUCKET: 'Not A Bucket' }).STORAGE_DRIVER).toBe('local');
  });

  it('requires every S3 setting with STORAGE_DRIVER=s3, one line each, hiding the keys', () => {
    const lines = (raw: Record<string, string>) => {
      try {
        validateEnvironment(raw);
        return [];
      } catch (e) {
        return (e as ConfigurationError).lines;
      }
    };
    const missing = lines({ STORAGE_DRIVER: 's3' });
    expect(missing.map((l) => l.split(':')[0])).toEqual(['S3_ACCESS_KEY_ID', 'S3_BUCKET', 'S3_ENDPOINT', 'S3_REGION', 'S3_SECRET_ACCESS_KEY']);
    expect(missing[1]).toBe('S3_BUCKET: S3_BUCKET is required when STORAGE_DRIVER=s3 (got null)');
    const good = { STORAGE_DRIVER: 's3', S3_ENDPOINT: 'http://minio:9000', S3_REGION: 'us-east-1', S3_BUCKET: 'boiduong-files', S3_ACCESS_KEY_ID: 'AKIAEXAMPLEKEY', S3_SECRET_ACCESS_KEY: 'very-secret-value' };
    expect(validateEnvironment({ ...good, S3_FORCE_PATH_STYLE: 'true' })).toMatchObject({ S3_BUCKET: 'boiduong-files', S3_FORCE_PATH_STYLE: true });
    const wrong = lines({ ...good, S3_ENDPOINT: 'minio:9000', S3_BUCKET: 'Files_2025', STORAGE_DRIVER: 's3' });
    expect(wrong.map((l) => l.split(':')[0])).toEqual(['S3_BUCKET', 'S3_ENDPOINT']);
    expect(lines({ ...good, S3_ACCESS_KEY_ID: '', S3_SECRET_ACCESS_KEY: '' }).join('\n')).toMatch(/S3_ACCESS_KEY_ID.*\(got \(hidden\)\)/);
    expect(lines({ STORAGE_DRIVER: 'ftp' }).map((l) => l.split(':')[0])).toEqual(['STORAGE_DRIVER']);
  });

  it('checks the scanner settings', () => {
    expect(validateEnvironment({ SCAN_DRIVER: 'clamd', CLAMAV_HOST: 'clamav', CLAMAV_PORT: '3310', SCAN_FAIL_MODE: 'open' })).toMatchObject({
      SCAN_DRIVER: 'clamd',
      CLAMAV_HOST: 'clamav',
      SCAN_FAIL_MODE: 'open',
    });
    expect(() => validateEnvironment({ SCAN_DRIVER: 'sophos' })).toThrow(/SCAN_DRIVER/);
    expect(() => validateEnvironment({ SCAN_FAIL_MODE: 'maybe' })).toThrow(/SCAN_FAIL_MODE/);
    expect(() => validateEnvironment({ CLAMAV_PORT: '70000' })).toThrow(/CLAMAV_PORT/);
    expect(() => validateEnvironment({ CLAMAV_TIMEOUT_MS: '5' })).toThrow(/CLAMAV_TIMEOUT_MS/);
  });

  it('keeps unused uploads a day unless told otherwise, never less than an hour', () => {
    expect(validateEnvironment({}).UNUSED_FILE_GRACE_HOURS).toBe(24);
    expect(validateEnvironment({ UNUSED_FILE_GRACE_HOURS: '72' }).UNUSED_FILE_GRACE_HOURS).toBe(72);
    for (const bad of ['0', '1.5', 'a day', '8761'])
      expect(() => validateEnvironment({ UNUSED_FILE_GRACE_HOURS: bad })).toThrow(/UNUSED_FILE_GRACE_HOURS/);
  });
});

describe('AppConfig.derivedKey', () => {
  it('gives each purpose its own key, the same on every call, and another one under another secret', () => {
    const config = new AppConfig(validateEnvironment({ JWT_SECRET: 'a-deployment-secret-of-at-least-32-chars' }));
    const other = new AppConfig(validateEnvironment({ JWT_SECRET: 'another-deployment-secret-of-32-chars!!' }));
    expect(config.derivedKey('catalog-file-link').equals(config.derivedKey('catalog-file-link'))).toBe(true);
    expect(config.derivedKey('catalog-file-link').equals(config.derivedKey('catalog-check-in'))).toBe(false);
    expect(config.derivedKey('catalog-check-in').equals(other.derivedKey('catalog-check-in'))).toBe(false);
    expect(config.derivedKey('catalog-check-in')).toHaveLength(32);
  });
});
