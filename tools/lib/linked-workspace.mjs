// A throwaway integration workspace whose node_modules links to this
// repository's, with @seamline/nx pointing at the built plugin: no install,
// no network. Used by the benchmarks (the demo installs the packed plugin instead).
import { randomBytes } from 'node:crypto';
import { chmod, cp, mkdir, readdir, readFile, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';

/**
 * `nxDir`: another Nx release's `node_modules/nx` (tools/lib/nx-release.mjs) to link in place of
 * this repository's. The plugin is then copied, not linked, so that its own `require('nx/...')`
 * finds that release too (a link would resolve from the repository's node_modules).
 */
export async function linkNodeModules(ws, repoRoot, { nxDir } = {}) {
  const source = join(repoRoot, 'node_modules');
  const target = join(ws, 'node_modules');
  await mkdir(join(target, '@seamline'), { recursive: true });
  const built = join(repoRoot, 'dist/packages/seamline');
  const plugin = join(target, '@seamline', 'nx');
  if (nxDir) await cp(built, plugin, { recursive: true });
  else await symlink(built, plugin, 'dir');
  for (const entry of await readdir(source)) {
    if (entry === '@seamline' || entry === '.bin' || entry.startsWith('.')) continue;
    await symlink(entry === 'nx' && nxDir ? nxDir : join(source, entry), join(target, entry), 'dir');
  }
  // The plugin's bins (seamline-seam runs every seam), linked as a package manager links them.
  await mkdir(join(target, '.bin'));
  const { bin = {} } = JSON.parse(await readFile(join(built, 'package.json'), 'utf8'));
  for (const [name, file] of Object.entries(bin)) {
    await chmod(join(plugin, file), 0o755);
    await symlink(join(plugin, file), join(target, '.bin', name));
  }
}

// A user's shell: no NX_* variables of an Nx task this script may run in.
const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('NX_')));
// BENCH_ISOLATE_PLUGINS=0: Nx loads plugins in its own process instead of a worker each (NX_ISOLATE_PLUGINS=false),
// to see how much of a figure is the plugin workers' start; Nx's default, and the benches', is a worker per plugin.
const isolatePlugins = process.env.BENCH_ISOLATE_PLUGINS !== '0';
export const nxEnv = {
  ...inherited,
  FORCE_COLOR: '0',
  NO_COLOR: '1',
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  NX_TUI: 'false',
  ...(isolatePlugins ? {} : { NX_ISOLATE_PLUGINS: 'false' }),
};
/** How the benches' nx commands load plugins, for their result lines. */
export const pluginsNote = isolatePlugins ? '' : "; plugins in Nx's process (BENCH_ISOLATE_PLUGINS=0)";

/** Run a script of the workspace's node_modules with Node, in the workspace (argument list, no shell). */
function runInWorkspace(ws, script, args, options) {
  return execa('node', [join(ws, 'node_modules', script), ...args], {
    cwd: ws,
    env: { ...nxEnv, ...options.env },
    extendEnv: false,
    reject: false,
    all: true,
  });
}

/** Run the workspace's own nx CLI. */
export const runNx = (ws, args, options = {}) => runInWorkspace(ws, 'nx/dist/bin/nx.js', args, options);

/** Run the plugin's own `seamline` command in the workspace. */
export const runSeamline = (ws, args, options = {}) => runInWorkspace(ws, '@seamline/nx/src/bin/seamline.js', args, options);

const gitEnv = {
  GIT_AUTHOR_NAME: 'Seamline',
  GIT_AUTHOR_EMAIL: 'seamline@example.com',
  GIT_COMMITTER_NAME: 'Seamline',
  GIT_COMMITTER_EMAIL: 'seamline@example.com',
};
export const git = (cwd, args) => execa('git', args, { cwd, env: gitEnv });

/**
 * Make the workspace a git repository as a user's is: a remote of its own and a first commit.
 * Nx names a workspace by its remote, read from .git/config; outside git, or without a remote,
 * every Nx process (the CLI, each plugin worker, an executor's) runs git to try, which no user
 * pays. Its own remote because Nx 23 shares its cache among the checkouts of one remote, in
 * ~/.nx/<key>, which tools/lib/nx-shared-data.mjs removes with the workspace.
 */
export async function commitAsUserWorkspace(ws, name) {
  await git(ws, ['init', '-q', '-b', 'main']);
  await git(ws, ['remote', 'add', 'origin', `https://github.com/seamline-bench/${name}-${randomBytes(6).toString('hex')}.git`]);
  await git(ws, ['add', '-A']);
  await git(ws, ['commit', '-qm', 'workspace']);
}
