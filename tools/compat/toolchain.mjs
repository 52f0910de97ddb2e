// What each cell runs with, installed from the npm registry into a cache folder per
// release and reused until a newer one is published: Node 22, 24 and 26 (the registry's
// `node` package), npm, pnpm, yarn Berry (@yarnpkg/cli-dist), yarn 1 and bun. Nothing is
// downloaded from anywhere else.
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
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

/** The exact release each range resolves to, asked once per process (e2e makes many workspaces). */
const resolved = new Map();
const exactSpec = (spec, env, log) => {
  const at = spec.lastIndexOf('@');
  const [name, range] = [spec.slice(0, at), spec.slice(at + 1)];
  if (!resolved.has(spec))
    resolved.set(
      spec,
      newestRelease(name, range, env, log).then((version) => `${name}@${version}`),
    );
  return resolved.get(spec);
};

/**
 * Installs `specs` (name@range) into a folder of `cacheDir` named after the exact releases
 * the registry has today, and returns it. A folder made on an earlier day is reused only
 * while its releases are still the newest, so a cell labelled "latest" runs the latest.
 * The install goes into a folder of its own and is renamed into place, so runs side by
 * side (the e2e suite's workers) never see a half-made one.
 */
async function installInto(cacheDir, specs, env, log, manifest = {}) {
  const exact = await Promise.all(specs.map((spec) => exactSpec(spec, env, log)));
  const dir = join(cacheDir, exact.join('+').replaceAll('/', '__'));
  if (existsSync(join(dir, '.ready'))) return dir;
  const work = `${dir}.installing-${process.pid}-${Date.now()}`;
  await mkdir(work, { recursive: true });
  try {
    await writeFile(join(work, 'package.json'), `${JSON.stringify({ private: true, ...manifest })}\n`);
    const r = await exec('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error', ...exact], {
      cwd: work,
      env,
      log,
      timeoutMs: 10 * 60_000,
    });
    if (r.code !== 0) throw new Error(`installing ${exact.join(' ')} into ${work} failed (exit ${r.code}); see ${log}`);
    await writeFile(join(work, '.ready'), `${exact.join(' ')}\n`);
    // Another run may have finished the same folder first; its copy is as good as ours.
    await rename(work, dir).catch((error) => {
      if (!existsSync(join(dir, '.ready'))) throw error;
    });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return dir;
}

/**
 * The bin folders a cell puts first on PATH: `node` of the cell's major, then `npm`
 * (and `npx`), then `pnpm` and `yarn`, for the Node majors asked (default: every line
 * of the matrix). Resolves to { nodeBin: { 22, 24, 26 }, npmBin, pmBin, yarnClassicBin, bunBin }.
 */
export async function prepareToolchain(cacheDir, env, log, majors = NODE) {
  const nodeBin = {};
  for (const major of majors) {
    nodeBin[major] = join(await installInto(cacheDir, [`node@${major}`], env, log), 'node_modules/.bin');
  }
  const npmDir = await installInto(cacheDir, [`npm@${NPM_VERSION}`], env, log);
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

/** The bin folder with `pnpm` and `yarn` (installed into cacheDir, reused while it is the newest). */
export async function preparePackageManagers(cacheDir, env, log) {
  const pmDir = await installInto(cacheDir, [`pnpm@${PNPM_VERSION}`, `@yarnpkg/cli-dist@${YARN_VERSION}`], env, log);
  return join(pmDir, 'node_modules/.bin');
}

/** The bin folder with yarn 1 (installed into cacheDir, reused while it is the newest): first on PATH for `yarn-classic`. */
export async function prepareYarnClassic(cacheDir, env, log) {
  const dir = await installInto(cacheDir, [`yarn@${YARN_CLASSIC_VERSION}`], env, log);
  return join(dir, 'node_modules/.bin');
}

/**
 * The bin folder with bun (installed into cacheDir, reused while it is the newest): on PATH for `bun`.
 * Its postinstall puts the binary in place; npm 12 runs it only when allowed, in a
 * project by its package.json's allowScripts (npm refuses --allow-scripts there).
 */
export async function prepareBun(cacheDir, env, log) {
  const dir = await installInto(cacheDir, [`bun@${BUN_VERSION}`], env, log, { allowScripts: { bun: true } });
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
