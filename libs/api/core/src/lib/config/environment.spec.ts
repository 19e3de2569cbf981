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
});
