import babelJest from 'babel-jest';

/**
 * The jest `transform` of generated seams: Babel strips the TypeScript types and makes the
 * modules CommonJS, through babel-jest (which also hoists `jest.mock` calls). It reads no
 * Babel config of the workspace and needs no TypeScript: ts-jest, used before, needs
 * TypeScript's JavaScript API, which TypeScript 7 no longer ships, and its peer range
 * (typescript <7) made npm refuse to install it beside TypeScript 7 at all. Like ts-jest
 * with isolatedModules, it does not type-check.
 *
 *   transform: { '^.+\\.ts$': require.resolve('@seamline/nx/src/testing/jest-transform') }
 */
export = babelJest.createTransformer({
  babelrc: false,
  configFile: false,
  // Resolved from this plugin's own dependencies: the workspace need not have them.
  presets: [require.resolve('@babel/preset-typescript')],
  plugins: [require.resolve('@babel/plugin-transform-modules-commonjs')],
});
