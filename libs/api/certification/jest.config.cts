/// <reference types="node" />
module.exports = {
  displayName: 'api-certification',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  // Through the catalog, sanitize-html pulls an ESM-only htmlparser2 that jest cannot load: use the workspace's CommonJS build (same API).
  moduleNameMapper: { '^htmlparser2$': '<rootDir>/../../../node_modules/htmlparser2/dist/commonjs/index.js' },
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../../coverage/libs/api/certification',
};
