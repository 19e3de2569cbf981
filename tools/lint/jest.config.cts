module.exports = {
  displayName: 'workspace-rules',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/../../tsconfig.jest.json' }] },
  moduleFileExtensions: ['ts', 'js', 'mjs'],
};
