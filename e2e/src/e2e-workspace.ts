import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { registryFailureLine } from '../../packages/seamline/src/core/prepare/registry-failure';

/**
 * A fresh Nx workspace in a temp dir with the packed plugin installed from
 * its tarball, as a user gets it from the registry; commands run the real
 * `nx` CLI in it, never a shell.
 *
 * SEAMLINE_E2E_NX=<version> picks the workspace's Nx (default 23.2.1, the one this
 * repository develops on) and SEAMLINE_E2E_PM=npm|pnpm|yarn|yarn-classic|bun its package manager
 * (default npm; yarn is Berry with `nodeLinker: node-modules`, yarn-classic is yarn 1). pnpm, yarn and bun are the
 * ones the compatibility matrix uses (tools/compat/toolchain.mjs), installed once
 * from the registry into <tmp>/seamline-compat/tools and put first on PATH.
 */
const repoRoot = resolve(__dirname, '../..');
const dist = join(repoRoot, 'dist/packages/seamline');
const NX_VERSION = process.env.SEAMLINE_E2E_NX || '23.2.1';
const PM = process.env.SEAMLINE_E2E_PM || 'npm';
const PACKAGE_MANAGERS = ['npm', 'pnpm', 'yarn', 'yarn-classic', 'bun'];

export interface E2eWorkspace {
  root: string;
  /** The packed plugin, relative to root: `nx add @seamline/nx@file:<tarball>`. */
  tarball: string;
  nx(args: string[], extraEnv?: Record<string, string>): Promise<{ exitCode: number; stdout: string; stderr: string; all: string }>;
  /** The plugin's own `seamline` command, from node_modules/.bin as the package manager linked it. */
  seamline(args: string[], extraEnv?: Record<string, string>): Promise<{ exitCode: number; stdout: string; stderr: string; all: string }>;
  /** The environment commands run with: the user's, minus NX_* variables, daemon off. */
  env: NodeJS.ProcessEnv;
  write(files: Record<string, string>): Promise<void>;
  remove(): Promise<void>;
}

/** The environment e2e commands run with: a user's shell, none of the NX_* variables of the Nx task these tests may run in. */
function userEnv(): NodeJS.ProcessEnv {
  // NX_SKIP_NX_CACHE would turn caching off; NX_INVOCATION_ROOT_PID would make two runs
  // started side by side look like one recursive task chain. No daemon, no colour.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('NX_')));
  return { ...inherited, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', CI: 'true', FORCE_COLOR: '0' };
}

/** `npm pack` of the built plugin into <root>/.pack; its file name. */
async function packPlugin(root: string): Promise<string> {
  const { execa } = await import('execa');
  const packDir = join(root, '.pack');
  await mkdir(packDir, { recursive: true });
  await execa('npm', ['pack', dist, '--pack-destination', packDir, '--silent'], { cwd: repoRoot });
  const [tarball] = (await readdir(packDir)).filter((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack produced no tarball from ${dist}; run \`npx nx build seamline\``);
  return tarball;
}

/** A user's npm workspace in root: nx and the packed plugin as devDependencies, installed. */
async function installWithNpm(root: string, tarball: string, env: NodeJS.ProcessEnv): Promise<void> {
  const { execa } = await import('execa');
  await writeFiles(root, {
    ...WORKSPACE_FILES,
    'package.json': JSON.stringify(
      { name: 'integration-e2e', private: true, devDependencies: { nx: NX_VERSION, '@seamline/nx': `file:.pack/${tarball}` } },
      null,
      2,
    ),
  });
  const install = (cache: string) => execa('npm', ['install', cache, '--no-audit', '--no-fund', '--loglevel=error'], { cwd: root, env, extendEnv: false });
  // --prefer-offline trusts cached package metadata, which misses a release published since
  // (seen 2026-12-01: @babel/traverse 7.29.16 needs @babel/generator ^7.29.16, not in the cached list): ask the registry then.
  // A reset connection or a 503 says nothing about the plugin: once more after a pause.
  const { onceMoreIfRegistryFailed } = await import('../../tools/lib/registry-retry.mjs');
  await onceMoreIfRegistryFailed(() => install('--prefer-offline'), { registryFailureLine, what: 'e2e: the workspace install' }).catch(
    (error: { stderr?: string }) => (String(error.stderr).includes('ETARGET') ? install('--prefer-online') : Promise.reject(error)),
  );
}

// An Nx workspace's own files, there before anything is installed (nx's postinstall looks for nx.json).
const WORKSPACE_FILES = {
  'nx.json': JSON.stringify({ $schema: './node_modules/nx/schemas/nx-schema.json' }, null, 2),
  '.gitignore': 'node_modules\n.seamline\n',
};

async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
}

const TEMPLATE = 'SEAMLINE_E2E_TEMPLATE';

/**
 * With npm, one workspace is packed and installed per jest run (e2e/global-setup.ts) and each
 * spec's workspace is a copy of it: the same files npm wrote, in a second instead of an
 * install's ten (ten specs install the same two packages). Other package managers install
 * per workspace, as the compatibility matrix runs them.
 */
export async function installTemplate(): Promise<string | undefined> {
  if (PM !== 'npm') return undefined;
  const root = await mkdtemp(join(tmpdir(), 'seamline-e2e-template-'));
  await installWithNpm(root, await packPlugin(root), userEnv());
  process.env[TEMPLATE] = root;
  return root;
}

export async function removeTemplate(): Promise<void> {
  const root = process.env[TEMPLATE];
  if (root) await rm(root, { recursive: true, force: true });
}

export async function createE2eWorkspace(): Promise<E2eWorkspace> {
  if (!PACKAGE_MANAGERS.includes(PM)) throw new Error(`SEAMLINE_E2E_PM=${PM}: expected one of ${PACKAGE_MANAGERS.join(', ')}`);
  const { execa } = await import('execa');
  const root = await mkdtemp(join(tmpdir(), 'seamline-e2e-'));
  const template = PM === 'npm' ? process.env[TEMPLATE] : undefined;
  // cp -a keeps node_modules/.bin's symlinks as they are (relative), as npm wrote them.
  if (template) await execa('cp', ['-a', `${template}/.`, root]);
  const tarball = template ? (await readdir(join(root, '.pack'))).find((f) => f.endsWith('.tgz'))! : await packPlugin(root);
  const packDir = join(root, '.pack');
  const env = userEnv();
  if (PM !== 'npm') {
    const { packageManagerBins, prepareBun, preparePackageManagers, prepareYarnClassic } = await import('../../tools/compat/toolchain.mjs');
    const [tools, log] = [join(tmpdir(), 'seamline-compat/tools'), join(packDir, 'toolchain.log')];
    const bins = packageManagerBins(
      {
        pmBin: await preparePackageManagers(tools, env, log),
        yarnClassicBin: PM === 'yarn-classic' ? await prepareYarnClassic(tools, env, log) : undefined,
        bunBin: PM === 'bun' ? await prepareBun(tools, env, log) : undefined,
      },
      PM,
    );
    env.PATH = [...bins, env.PATH].join(delimiter);
    // yarn 1 would install an earlier workspace's cached plugin tarball of the same version; the
    // cache sits beside the workspace, where Nx does not look for projects in its package.json files.
    if (PM === 'yarn-classic') env.YARN_CACHE_FOLDER = `${root}-yarn-cache`;
    // Yarn Berry installs with --immutable under CI=true, which would refuse the install
    // nx add runs after init adds the seam devDependencies (docs/compatibility.md).
    if (PM === 'yarn') env.YARN_ENABLE_IMMUTABLE_INSTALLS = 'false';
  }
  const runBin = async (bin: string, args: string[], extraEnv: Record<string, string>) => {
    const r = await execa(join(root, 'node_modules/.bin', bin), args, { cwd: root, env: { ...env, ...extraEnv }, extendEnv: false, reject: false, all: true });
    return { exitCode: r.exitCode ?? -1, stdout: r.stdout, stderr: r.stderr, all: r.all ?? '' };
  };
  const ws: E2eWorkspace = {
    root,
    tarball: `.pack/${tarball}`,
    write: (files) => writeFiles(root, files),
    env,
    nx: (args, extraEnv = {}) => runBin('nx', args, extraEnv),
    seamline: (args, extraEnv = {}) => runBin('seamline', args, extraEnv),
    remove: async () => {
      // A workspace a spec made a git repository has Nx's cache in ~/.nx/<key> (Nx 23).
      const { removeWorkspaceAndNxData } = await import('../../tools/lib/nx-shared-data.mjs');
      await removeWorkspaceAndNxData(root, env);
      await rm(`${root}-yarn-cache`, { recursive: true, force: true });
    },
  };
  if (PM === 'npm') {
    // A copy of the template has these files already; without one, npm installs here.
    if (!template) await installWithNpm(root, tarball, env);
    return ws;
  }
  await ws.write({ ...WORKSPACE_FILES, 'package.json': JSON.stringify({ name: 'integration-e2e', private: true, devDependencies: {} }, null, 2) });
  // pnpm, yarn and bun: nx, then the packed plugin, added as a user adds them (the matrix's
  // commands). The package.json is the same for every package manager (not what
  // `pnpm init` writes, which has "type": "module"), so the specs' CommonJS seams run.
  const { afterInit, packageManager } = await import('../../tools/compat/package-managers.mjs');
  const pm = packageManager(PM);
  const run = async ([command, args]: [string, string[]]) => {
    const r = await execa(command, args, { cwd: root, env, extendEnv: false, reject: false, all: true });
    if (r.exitCode !== 0) throw new Error(`e2e workspace (${PM}, nx ${NX_VERSION}): ${command} ${args.join(' ')} exited ${r.exitCode}\n${r.all}`);
  };
  await afterInit(PM, root);
  await run(pm.addDev(`nx@${NX_VERSION}`));
  await run(pm.addDev(`@seamline/nx@file:.pack/${tarball}`));
  return ws;
}
