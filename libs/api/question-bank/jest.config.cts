/// <reference types="node" />
module.exports = {
  displayName: 'api-question-bank',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  // sanitize-html pulls an ESM-only htmlparser2 that jest cannot load; the workspace's CommonJS
  // build of the same parser (same API) is used under test. Production (Node 20) loads either.
  moduleNameMapper: {
    '^htmlparser2$': '<rootDir>/../../../node_modules/htmlparser2/dist/commonjs/index.js',
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../../coverage/libs/api/question-bank',
};
