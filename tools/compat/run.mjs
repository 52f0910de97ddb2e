#!/usr/bin/env node
// `npm run test:compat`: the packed @seamline/nx in fresh integration workspaces
// across Nx x Node x package manager, each running the smoke story (see
// story.mjs), and a table of the verdicts. Exits 1 if any cell FAILs.
//
//   node tools/compat/run.mjs [--cells=<nx>/<node>/<pm>,...|ci|all] [--jobs=N] [--keep] [--prebuilt | --tarball=<path>]
//
// --prebuilt packs dist/packages/seamline as it is (the `compat:test` Nx target
// builds it first); --tarball uses a packed plugin; otherwise it builds and packs.
//
// SEAMLINE_COMPAT_CELLS selects cells too (--cells wins). Each cell works in its
// own temp folder; a FAILed cell's folder and log are kept and their paths printed.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { removeWorkspaceAndNxData } from '../lib/nx-shared-data.mjs';
import { userEnv } from '../lib/spawn.mjs';
import { NODE, NX, selectCells } from './cells.mjs';
import { exec } from './exec.mjs';
import { loadRegistryFailureLine, npmLogsEnv } from './npm-logs.mjs';
import { smokeStory, StepFailed } from './story.mjs';
import { WORKSPACE_SHAPES } from './workspaces.mjs';
import {
  BUN_VERSION,
  checkDeclaredRange,
  NPM_VERSION,
  PNPM_VERSION,
  prepareToolchain,
  resolveNxVersions,
  toolchainPath,
  YARN_CLASSIC_VERSION,
  YARN_VERSION,
} from './toolchain.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const options = Object.fromEntries(
  process.argv.slice(2).map((arg) => {
    const m = /^--([\w-]+)(?:=(.*))?$/.exec(arg);
    if (!m) {
      console.error(`test:compat: unknown argument ${arg} (expected --cells=, --jobs=, --keep, --prebuilt, --tarball=)`);
      process.exit(2);
    }
    return [m[1], m[2] ?? true];
  }),
);
const unknown = Object.keys(options).filter((k) => !['cells', 'jobs', 'keep', 'prebuilt', 'tarball'].includes(k));
if (unknown.length) {
  console.error(`test:compat: unknown option --${unknown[0]} (expected --cells=, --jobs=, --keep, --prebuilt, --tarball=)`);
  process.exit(2);
}

let cells;
try {
  cells = selectCells(options.cells ?? process.env.SEAMLINE_COMPAT_CELLS ?? 'all');
} catch (error) {
  console.error(`test:compat: ${error.message}`);
  process.exit(2);
}
const jobs = Math.max(1, Number(options.jobs ?? process.env.SEAMLINE_COMPAT_JOBS ?? 1));
const seconds = (ms) => `${(ms / 1000).toFixed(0)}s`;
const started = Date.now();

const root = join(tmpdir(), 'seamline-compat');
await mkdir(root, { recursive: true });
const runDir = await mkdtemp(join(root, 'run-'));
const setupLog = join(runDir, 'setup.log');
// A user's terminal, not CI: yarn Berry turns --immutable on under CI=true, which
// would refuse the install nx add runs after the plugin adds its devDependencies.
const {
  CI: _ci,
  GITHUB_ACTIONS: _gha,
  ...outsideCi
} = userEnv({ npm_config_update_notifier: 'false', COREPACK_ENABLE_STRICT: '0', COREPACK_ENABLE_AUTO_PIN: '0' });
const baseEnv = outsideCi;

async function setup(what, fn) {
  process.stdout.write(`${what} ... `);
  const t0 = Date.now();
  try {
    const value = await fn();
    console.log(`done (${seconds(Date.now() - t0)})`);
    return value;
  } catch (error) {
    console.log('FAILED');
    console.error(`test:compat: ${error.message}\n  log: ${setupLog}`);
    process.exit(1);
  }
}

// --- the packed plugin, the toolchain, the Nx versions --------------------------
const tarball = await setup(options.tarball ? 'the packed @seamline/nx' : options.prebuilt ? 'pack @seamline/nx' : 'build and pack @seamline/nx', async () => {
  if (typeof options.tarball === 'string') {
    if (!existsSync(options.tarball)) throw new Error(`--tarball=${options.tarball}: no such file`);
    return resolve(options.tarball);
  }
  if (!options.prebuilt) {
    const nxBin = join(repoRoot, 'node_modules/.bin/nx');
    const build = await exec(nxBin, ['build', 'seamline', '--outputStyle=static'], { cwd: repoRoot, env: userEnv(), log: setupLog, timeoutMs: 10 * 60_000 });
    if (build.code !== 0) throw new Error('nx build seamline failed');
  } else if (!existsSync(join(repoRoot, 'dist/packages/seamline/package.json'))) {
    throw new Error('--prebuilt: dist/packages/seamline is not built; run npx nx build seamline');
  }
  const packDir = join(runDir, 'pack');
  await mkdir(packDir);
  const pack = await exec('npm', ['pack', join(repoRoot, 'dist/packages/seamline'), '--pack-destination', packDir, '--loglevel=error'], {
    cwd: repoRoot,
    env: baseEnv,
    log: setupLog,
  });
  const [file] = (await readdir(packDir)).filter((f) => f.endsWith('.tgz'));
  if (pack.code !== 0 || !file) throw new Error('npm pack dist/packages/seamline produced no tarball');
  return join(packDir, file);
});
// Only the Node lines the chosen cells run: CI's two cells need 22 and 26, not 24.
const nodeLines = NODE.filter((major) => cells.some((c) => c.node === major));
const tools = await setup(
  `node ${nodeLines.join(', ')}, npm ${NPM_VERSION}, pnpm ${PNPM_VERSION}, yarn ${YARN_VERSION} and ${YARN_CLASSIC_VERSION}, bun ${BUN_VERSION} (cached in ${join(root, 'tools')})`,
  () => prepareToolchain(join(root, 'tools'), baseEnv, setupLog, nodeLines),
);
const nxVersions = await setup('resolve the Nx versions of the matrix', () => resolveNxVersions(baseEnv, setupLog));
const declared = await setup('the declared Nx range against the matrix and its @nx/devkit', async () => {
  const manifest = await exec('tar', ['-xzOf', tarball, 'package/package.json'], { cwd: root, env: baseEnv, log: setupLog });
  if (manifest.code !== 0) throw new Error(`${tarball} has no package/package.json`);
  return checkDeclaredRange(JSON.parse(manifest.stdout), nxVersions, baseEnv, setupLog);
});
/** The release each package manager of the toolchain is, as the cells run it (for the table). */
const pmVersions = await setup('package manager releases', async () => {
  const versions = {};
  for (const pm of ['npm', 'pnpm', 'yarn', 'yarn-classic', 'bun']) {
    const env = { ...baseEnv, PATH: toolchainPath(tools, nodeLines.at(-1), baseEnv.PATH, pm) };
    const r = await exec(pm === 'yarn-classic' ? 'yarn' : pm, ['--version'], { cwd: root, env, log: setupLog, timeoutMs: 60_000 });
    versions[pm] = r.code === 0 ? r.stdout.trim() : '?';
  }
  return versions;
});
console.log(
  `Nx: ${NX.map((row) => (row === 'lowest' ? `lowest ${nxVersions[row]}` : `latest ${row}.x ${nxVersions[row]}`)).join(', ')} (the plugin's @nx/devkit ${declared.devkit} peers nx ${declared.devkitPeer}); ${cells.length} cell(s), ${jobs} at a time; work in ${runDir}\n`,
);

const registryFailureLine = loadRegistryFailureLine(repoRoot);

// --- the cells -----------------------------------------------------------------------
/** Yarn's PnP linker: what the plugin says there, and it is the whole verdict of the cell. */
const PNP_UNSUPPORTED = /@seamline\/nx does not support Yarn Plug'n'Play/;

/** Nx's own bun.lock parser refusing the lockfile's format. */
const BUN_LOCKFILE_UNREAD = /Failed to parse bun lockfile[\s\S]*Unsupported lockfile version/;

async function runCell(cell) {
  const cellDir = join(runDir, cell.id.replaceAll('/', '-'));
  await mkdir(cellDir, { recursive: true });
  const log = join(cellDir, 'cell.log');
  const nxVersion = nxVersions[cell.nx];
  const env = { ...baseEnv, PATH: toolchainPath(tools, cell.node, baseEnv.PATH, cell.pm) };
  // yarn 1 installed an earlier run's cached tarball of the same name and version (its hash in yarn.lock)
  // instead of the rebuilt plugin: each cell gets a cache of its own (no concurrent writers either).
  if (cell.pm === 'yarn-classic') env.YARN_CACHE_FOLDER = join(cellDir, 'yarn-cache');
  if ((WORKSPACE_SHAPES[cell.pm]?.pm ?? cell.pm) === 'npm') Object.assign(env, npmLogsEnv(cellDir));
  const t0 = Date.now();
  let result;
  try {
    const story = await smokeStory({ cell, nxVersion, tarball, cellDir, env, log, registryFailureLine });
    result = { status: 'pass', steps: story.steps, nxVersion: story.nxVersion, typescript: story.typescript };
    if (story.triedAgain.length) result.line = `passed on a second try of ${story.triedAgain.join('; ')}`;
  } catch (error) {
    const failed = error instanceof StepFailed ? error : new StepFailed('runner', error.message);
    const said = (failed.output ?? '').split('\n').find((l) => PNP_UNSUPPORTED.test(l));
    // Plug'n'Play is declared unsupported: the cell's verdict is what the user sees
    // when nx add stops there, the plugin's own line or, where Nx itself cannot run
    // under PnP, Nx's. Only a PnP cell that gets past nx add would be a surprise.
    if (cell.pm === 'yarn-pnp' && said) result = { status: 'unsupported', line: said.replace(/^\s*NX\s+/, '').trim() };
    else if (cell.pm === 'yarn-pnp' && failed.step === 'nx add @seamline/nx') result = { status: 'unsupported', line: `(Nx itself) ${failed.line}` };
    // Nx before 23.1.2 cannot read the lockfile bun 1.4 writes (lockfileVersion 2): every nx command stops in
    // its own lockfile parser, before any plugin. Its bun users are on bun 1.3 (docs/compatibility.md).
    else if (cell.pm === 'bun' && BUN_LOCKFILE_UNREAD.test(failed.output ?? '')) result = { status: 'unsupported', line: `(Nx itself) ${failed.line}` };
    else result = { status: 'FAIL', line: `${failed.step}: ${failed.line}` };
  }
  result.ms = Date.now() - t0;
  result.log = log;
  result.nxVersion ??= nxVersion;
  if (result.status !== 'FAIL' && !options.keep) {
    // The cell's workspace is a git repository: Nx 23 and later keep its cache in ~/.nx/<key>, which goes with it.
    for (const entry of await readdir(cellDir, { withFileTypes: true }))
      if (entry.isDirectory()) await removeWorkspaceAndNxData(join(cellDir, entry.name), env);
    await rm(cellDir, { recursive: true, force: true });
  }
  const mark = result.status === 'pass' ? 'pass' : result.status;
  console.log(
    `${cell.id.padEnd(18)} ${mark.padEnd(11)} ${seconds(result.ms).padStart(5)}${result.line ? `  ${result.line}` : ''}${result.status === 'FAIL' ? `\n${' '.repeat(19)}log: ${log}` : ''}`,
  );
  return { cell, ...result };
}

const queue = [...cells];
const results = [];
await Promise.all(
  Array.from({ length: Math.min(jobs, queue.length) }, async () => {
    while (queue.length) results.push(await runCell(queue.shift()));
  }),
);

const PM_LABEL = {
  yarn: 'yarn (node-modules)',
  'yarn-pnp': 'yarn (PnP)',
  'yarn-classic': 'yarn (classic)',
  bun: 'bun',
  'create-nx': 'npm (create-nx-workspace --preset=apps)',
  'pnpm-workspace': 'pnpm workspace (packages/*)',
  'yarn-workspace': 'yarn workspace (node-modules)',
};
const pmLabel = (pm) => {
  const label = PM_LABEL[pm] ?? pm;
  const tool = label.split(/[ -]/)[0];
  return `${label.replace(tool, `${tool} ${pmVersions[pm === 'yarn-classic' ? pm : tool] ?? '?'}`)}`;
};
// --- the table -------------------------------------------------------------------------
results.sort((a, b) => cells.indexOf(a.cell) - cells.indexOf(b.cell));
const table = [
  '| cell (nx/node/pm) | Nx | TypeScript | Node | package manager | result | time | first error line / what a user sees |',
  '|---|---|---|---|---|---|---|---|',
  ...results.map(
    (r) =>
      `| ${r.cell.id} | ${r.nxVersion} | ${r.typescript ?? '-'} | ${r.cell.node} | ${pmLabel(r.cell.pm)} | ${r.status} | ${seconds(r.ms)} | ${(r.line ?? '').replaceAll('|', '\\|')} |`,
  ),
];
console.log(`\n${table.join('\n')}\n`);
await writeFile(join(runDir, 'results.md'), `${table.join('\n')}\n`);
const failed = results.filter((r) => r.status === 'FAIL');
console.log(
  `${results.length - failed.length}/${results.length} cells pass or are unsupported as expected, in ${seconds(Date.now() - started)}. Table: ${join(runDir, 'results.md')}`,
);
if (failed.length) {
  console.log(`FAILED: ${failed.map((r) => r.cell.id).join(', ')} (logs kept under ${runDir})`);
  process.exit(1);
}
if (!options.keep) await rm(join(runDir, 'pack'), { recursive: true, force: true });
