/**
 * End-to-end tier: the built api and worker, started by `npm test` against a fresh database
 * (E2E_BASE_URL), exercised over real HTTP and in Debian's Chromium through playwright-core.
 */
module.exports = {
  displayName: 'e2e',
  rootDir: __dirname + '/..',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/e2e/**/*.e2e-spec.ts'],
  resolver: '@nx/jest/plugins/resolver',
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] },
  testTimeout: 60000,
};
