import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';

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
  /** The environment commands run with: the user's, minus NX_* variables, daemon off. */
  env: NodeJS.ProcessEnv;
  write(files: Record<string, string>): Promise<void>;
  remove(): Promise<void>;
}

export async function createE2eWorkspace(): Promise<E2eWorkspace> {
  if (!PACKAGE_MANAGERS.includes(PM)) throw new Error(`SEAMLINE_E2E_PM=${PM}: expected one of ${PACKAGE_MANAGERS.join(', ')}`);
  const { execa } = await import('execa');
  const root = await mkdtemp(join(tmpdir(), 'seamline-e2e-'));
  const packDir = join(root, '.pack');
  await mkdir(packDir);
  await execa('npm', ['pack', dist, '--pack-destination', packDir, '--silent'], { cwd: repoRoot });
  const [tarball] = (await readdir(packDir)).filter((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack produced no tarball from ${dist}; run \`npx nx build seamline\``);

  // Like a user's shell: none of the NX_* variables of the Nx task these tests may run in
  // (NX_SKIP_NX_CACHE would turn caching off; NX_INVOCATION_ROOT_PID would make two runs
  // started side by side look like one recursive task chain), no daemon, no colour.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('NX_')));
  const env: NodeJS.ProcessEnv = { ...inherited, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', CI: 'true', FORCE_COLOR: '0' };
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
  const ws: E2eWorkspace = {
    root,
    tarball: `.pack/${tarball}`,
    async write(files) {
      for (const [path, text] of Object.entries(files)) {
        await mkdir(dirname(join(root, path)), { recursive: true });
        await writeFile(join(root, path), text);
      }
    },
    env,
    async nx(args, extraEnv = {}) {
      const r = await execa(join(root, 'node_modules/.bin/nx'), args, { cwd: root, env: { ...env, ...extraEnv }, extendEnv: false, reject: false, all: true });
      return { exitCode: r.exitCode ?? -1, stdout: r.stdout, stderr: r.stderr, all: r.all ?? '' };
    },
    remove: async () => {
      await rm(root, { recursive: true, force: true });
      await rm(`${root}-yarn-cache`, { recursive: true, force: true });
    },
  };
  await ws.write({
    'package.json': JSON.stringify(
      { name: 'integration-e2e', private: true, devDependencies: PM === 'npm' ? { nx: NX_VERSION, '@seamline/nx': `file:.pack/${tarball}` } : {} },
      null,
      2,
    ),
    'nx.json': JSON.stringify({ $schema: './node_modules/nx/schemas/nx-schema.json' }, null, 2),
    '.gitignore': 'node_modules\n.seamline\n',
  });
  if (PM === 'npm') {
    const install = (cache: string) => execa('npm', ['install', cache, '--no-audit', '--no-fund', '--loglevel=error'], { cwd: root, env, extendEnv: false });
    // --prefer-offline trusts cached package metadata, which misses a release published since
    // (seen 2026-12-01: @babel/traverse 7.29.16 needs @babel/generator ^7.29.16, not in the cached list): ask the registry then.
    await install('--prefer-offline').catch((error: { stderr?: string }) =>
      String(error.stderr).includes('ETARGET') ? install('--prefer-online') : Promise.reject(error),
    );
    return ws;
  }
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
