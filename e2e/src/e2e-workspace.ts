import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * A fresh Nx workspace in a temp dir with the packed plugin installed from
 * its tarball, as a user gets it from the registry; commands run the real
 * `nx` CLI in it, never a shell.
 */
const repoRoot = resolve(__dirname, '../..');
const dist = join(repoRoot, 'dist/packages/seamline');
const NX_VERSION = '23.2.1';

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
    remove: () => rm(root, { recursive: true, force: true }),
  };
  await ws.write({
    'package.json': JSON.stringify(
      { name: 'integration-e2e', private: true, devDependencies: { nx: NX_VERSION, '@seamline/nx': `file:.pack/${tarball}` } },
      null,
      2,
    ),
    'nx.json': JSON.stringify({ $schema: './node_modules/nx/schemas/nx-schema.json' }, null, 2),
    '.gitignore': 'node_modules\n.seamline\n',
  });
  await execa('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: root, env, extendEnv: false });
  return ws;
}
