// Shared jest settings. Tests run under --experimental-vm-modules so that the
// ESM-only dependencies (execa, octokit) load through a real `await import()`.
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testMatch: ['**/?(*.)+(spec|test).ts'],
  clearMocks: true,
};
