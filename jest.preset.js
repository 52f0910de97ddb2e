// Shared jest settings. Tests run under --experimental-vm-modules so that the
// ESM-only dependencies (execa, octokit) load through a real `await import()`.
// Test-support projects are imported by name; these mirror the `paths` of
// tsconfig.base.json for jest, which does not read them.
const { join } = require('node:path');

module.exports = {
  testEnvironment: 'node',
  // Jest 30 soft-deletes globals between test files by wrapping them in accessors; a later
  // assignment to such a global recursed until the stack overflowed (a whole suite failed to run).
  testEnvironmentOptions: { globalsCleanup: 'off' },
  moduleNameMapper: {
    '^@seamline/fake-github$': join(__dirname, 'tools/fake-github/src/index.ts'),
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testMatch: ['**/?(*.)+(spec|test).ts'],
  clearMocks: true,
  globalSetup: join(__dirname, 'tools/jest/global-setup.cjs'),
  globalTeardown: join(__dirname, 'tools/jest/global-teardown.cjs'),
};
