/**
 * Integration tier: `*.integration-spec.ts` anywhere in apps/ and libs/, against a real
 * PostgreSQL and Redis. Run through `npm test`, which provides the migrated template
 * database each test file clones (see libs/api/testing).
 */
module.exports = {
  displayName: 'integration',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/{apps,libs}/**/*.integration-spec.ts'],
  resolver: '@nx/jest/plugins/resolver',
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  // sanitize-html pulls an ESM-only htmlparser2 that jest cannot load: use the workspace's CommonJS build (same API).
  moduleNameMapper: { '^htmlparser2$': '<rootDir>/node_modules/htmlparser2/dist/commonjs/index.js' },
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] },
  testTimeout: 60000,
};
