// What each cell runs with, installed once from the npm registry into a cache
// folder and reused: Node 22, 24 and 26 (the registry's `node` package), npm, pnpm
// yarn Berry (@yarnpkg/cli-dist), yarn 1 and bun. Nothing is downloaded from anywhere else.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import semver from 'semver';
import { exec } from './exec.mjs';
import { LOWEST_NX, NODE, NX } from './cells.mjs';

/**
 * npm's current major, as `npm i -g npm` gives it (needs Node ^22.22.2, ^24.15.0 or 26+):
 * it no longer reads npm-shrinkwrap.json, blocks dependencies' install scripts by default
 * and refuses unknown flags. The npm each Node line bundles is what the e2e suite and
 * CI's own install run.
 */
export const NPM_VERSION = '12';
export const PNPM_VERSION = '12';
export const YARN_VERSION = '4';
/** Yarn classic, frozen at 1.22 since 2024 and still what many older monorepos run. */
export const YARN_CLASSIC_VERSION = '1';
/** bun, whose package (on the npm registry) brings its binary as an optional dependency. */
export const BUN_VERSION = '1';

async function installInto(dir, specs, env, log, manifest = {}) {
  if (existsSync(join(dir, '.ready'))) return;
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), `${JSON.stringify({ private: true, ...manifest })}\n`);
  const r = await exec('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error', ...specs], {
    cwd: dir,
    env,
    log,
    timeoutMs: 10 * 60_000,
  });
  if (r.code !== 0) throw new Error(`installing ${specs.join(' ')} into ${dir} failed (exit ${r.code}); see ${log}`);
  await writeFile(join(dir, '.ready'), `${specs.join(' ')}\n`);
}

/**
 * The bin folders a cell puts first on PATH: `node` of the cell's major, then `npm`
 * (and `npx`), then `pnpm` and `yarn`, for the Node majors asked (default: every line
 * of the matrix). Resolves to { nodeBin: { 22, 24, 26 }, npmBin, pmBin, yarnClassicBin, bunBin }.
 */
export async function prepareToolchain(cacheDir, env, log, majors = NODE) {
  const nodeBin = {};
  for (const major of majors) {
    const dir = join(cacheDir, `node${major}`);
    await installInto(dir, [`node@${major}`], env, log);
    nodeBin[major] = join(dir, 'node_modules/.bin');
  }
  const npmDir = join(cacheDir, `npm${NPM_VERSION}`);
  await installInto(npmDir, [`npm@${NPM_VERSION}`], env, log);
  return {
    nodeBin,
    npmBin: join(npmDir, 'node_modules/.bin'),
    pmBin: await preparePackageManagers(cacheDir, env, log),
    yarnClassicBin: await prepareYarnClassic(cacheDir, env, log),
    bunBin: await prepareBun(cacheDir, env, log),
  };
}

/** The package-manager bin folders for `pm`, in PATH order: yarn 1 for `yarn-classic`, bun for `bun`, then pnpm and yarn Berry. */
export const packageManagerBins = (tools, pm) => [
  ...(pm === 'yarn-classic' ? [tools.yarnClassicBin] : []),
  ...(pm === 'bun' ? [tools.bunBin] : []),
  tools.pmBin,
];

/** PATH for a cell on Node `major`: that node, then npm, then the package managers of `pm`, then `basePath`. */
export const toolchainPath = (tools, major, basePath, pm) => [tools.nodeBin[major], tools.npmBin, ...packageManagerBins(tools, pm), basePath].join(delimiter);

/** The bin folder with `pnpm` and `yarn` (installed once into cacheDir, then reused). */
export async function preparePackageManagers(cacheDir, env, log) {
  const pmDir = join(cacheDir, `pm-pnpm${PNPM_VERSION}-yarn${YARN_VERSION}`);
  await installInto(pmDir, [`pnpm@${PNPM_VERSION}`, `@yarnpkg/cli-dist@${YARN_VERSION}`], env, log);
  return join(pmDir, 'node_modules/.bin');
}

/** The bin folder with yarn 1 (installed once into cacheDir, then reused): first on PATH for `yarn-classic`. */
export async function prepareYarnClassic(cacheDir, env, log) {
  const dir = join(cacheDir, `yarn${YARN_CLASSIC_VERSION}`);
  await installInto(dir, [`yarn@${YARN_CLASSIC_VERSION}`], env, log);
  return join(dir, 'node_modules/.bin');
}

/**
 * The bin folder with bun (installed once into cacheDir, then reused): on PATH for `bun`.
 * Its postinstall puts the binary in place; npm 12 runs it only when allowed, in a
 * project by its package.json's allowScripts (npm refuses --allow-scripts there).
 */
export async function prepareBun(cacheDir, env, log) {
  const dir = join(cacheDir, `bun${BUN_VERSION}`);
  await installInto(dir, [`bun@${BUN_VERSION}`], env, log, { allowScripts: { bun: true } });
  return join(dir, 'node_modules/.bin');
}

/** The newest release of `name` that `range` allows, from the registry. */
async function newestRelease(name, range, env, log) {
  const r = await exec('npm', ['view', `${name}@${range}`, 'version', '--json'], { cwd: process.cwd(), env, log, timeoutMs: 60_000 });
  if (r.code !== 0) throw new Error(`npm view ${name}@${range} failed; see ${log}`);
  const parsed = JSON.parse(r.stdout.trim());
  const versions = (Array.isArray(parsed) ? parsed : [parsed]).filter((v) => /^\d+\.\d+\.\d+$/.test(v));
  if (!versions.length) throw new Error(`npm view ${name}@${range}: no release`);
  return versions.sort(semver.compare).at(-1);
}

/** The Nx release of each matrix row: lowest is fixed, the others are the newest of their major. */
export async function resolveNxVersions(env, log) {
  const versions = { lowest: LOWEST_NX };
  for (const major of NX.filter((row) => row !== 'lowest')) versions[major] = await newestRelease('nx', `^${major}.0.0`, env, log);
  return versions;
}

/**
 * The plugin declares what the matrix proves, and what it declares installs cleanly:
 * peerDependencies.nx starts at the lowest row and takes every row, and the @nx/devkit
 * its dependency range installs (npm takes the newest and never steps down for a peer)
 * peers every row too, or users on that Nx get ERESOLVE. Throws one line naming the gap.
 */
export async function checkDeclaredRange(manifest, nxVersions, env, log) {
  const peer = manifest.peerDependencies?.nx;
  const devkitRange = manifest.dependencies?.['@nx/devkit'];
  if (!peer || !devkitRange) throw new Error('the packed package.json declares no peerDependencies.nx or dependencies["@nx/devkit"]');
  const lowest = semver.minVersion(peer)?.version;
  if (lowest !== LOWEST_NX)
    throw new Error(`peerDependencies.nx "${peer}" starts at ${lowest}, the matrix at ${LOWEST_NX} (tools/compat/cells.mjs LOWEST_NX): make them one`);
  const rows = Object.values(nxVersions);
  const outside = rows.find((v) => !semver.satisfies(v, peer));
  if (outside) throw new Error(`peerDependencies.nx "${peer}" leaves out Nx ${outside}, a row of the matrix`);
  const devkit = await newestRelease('@nx/devkit', devkitRange, env, log);
  const r = await exec('npm', ['view', `@nx/devkit@${devkit}`, 'peerDependencies', '--json'], { cwd: process.cwd(), env, log, timeoutMs: 60_000 });
  if (r.code !== 0) throw new Error(`npm view @nx/devkit@${devkit} peerDependencies failed; see ${log}`);
  const devkitPeer = JSON.parse(r.stdout.trim()).nx;
  const unmet = rows.find((v) => !semver.satisfies(v, devkitPeer));
  if (unmet)
    throw new Error(
      `dependencies["@nx/devkit"] "${devkitRange}" installs @nx/devkit ${devkit}, whose peer nx "${devkitPeer}" leaves out Nx ${unmet}: pick the devkit line whose peer covers "${peer}"`,
    );
  return { devkit, devkitPeer };
}
