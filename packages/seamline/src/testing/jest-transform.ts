import { readFileSync } from 'node:fs';
import { type BabelFileResult, transformSync } from '@babel/core';
import { sha256 } from '../core/hash';

/**
 * The jest `transform` of generated seams: Babel strips the TypeScript types, hoists
 * `jest.mock` calls above the imports (jest's own hoist plugin, as babel-jest applies it) and
 * makes the modules CommonJS. It reads no Babel config of the workspace and needs no
 * TypeScript: ts-jest, used before, needs TypeScript's JavaScript API, which TypeScript 7 no
 * longer ships, and its peer range (typescript <7) made npm refuse to install it beside
 * TypeScript 7. Like ts-jest with isolatedModules, it does not type-check. Not babel-jest
 * itself: it depends on jest-haste-map and so on @parcel/watcher, whose install script pnpm 11
 * and later refuse while undecided, and the plugin is installed before `init` decides it.
 *
 *   transform: { '^.+\\.ts$': require.resolve('@seamline/nx/src/testing/jest-transform') }
 */

const PRESETS = ['@babel/preset-typescript'];
const PLUGINS = ['babel-plugin-jest-hoist', '@babel/plugin-transform-modules-commonjs'];

// Resolved from this plugin's own dependencies: the workspace need not have them.
const BABEL_OPTIONS = {
  babelrc: false,
  configFile: false,
  presets: PRESETS.map((name) => require.resolve(name)),
  plugins: PLUGINS.map((name) => require.resolve(name)),
  sourceMaps: 'both' as const,
};

/** What a cached result depends on besides the file: the transform and the Babel packages doing it. */
const TRANSFORM_VERSION = ['@babel/core', ...PRESETS, ...PLUGINS]
  .map((name) => `${name}@${(JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version}`)
  .concat('seamline-jest-transform@1')
  .join(',');

/** The part of jest's transform options this reads. */
interface TransformOptions {
  configString: string;
}

function process(source: string, filename: string): { code: string; map: BabelFileResult['map'] } {
  const result = transformSync(source, { ...BABEL_OPTIONS, filename });
  if (!result?.code) throw new Error(`${filename}: Babel gave back no code`);
  return { code: result.code, map: result.map };
}

function getCacheKey(source: string, filename: string, options: TransformOptions): string {
  return sha256([TRANSFORM_VERSION, options.configString, filename, source].join('\0'));
}

// A plain CommonJS object, as jest loads a transformer: it takes the `default` of a module
// marked __esModule, which named ES exports would leave undefined.
export = { process, getCacheKey };
