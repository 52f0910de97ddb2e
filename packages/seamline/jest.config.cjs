module.exports = {
  displayName: 'seamline',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  // Many specs run real git and node processes. On a 2-core machine with the e2e suite
  // beside them, one such spec took over Jest's default 5 s in CI (a checkout plus two
  // `node` starts). This bounds a hang; it is not a speed target (those live in bench/).
  testTimeout: 30_000,
};
