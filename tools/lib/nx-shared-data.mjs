// Nx 23 keeps the task cache and its database of a workspace git can name (by its remote, or
// else its first commit) in ~/.nx/<key>, shared by every checkout of that repository and outside
// the workspace's folder. A throwaway workspace that is a git repository takes that folder with
// it when it is removed; older Nx and workspaces outside git keep both in <workspace>/.nx.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { execa } from 'execa';

// Nx's own answer, from the workspace's Nx in a process started there, as every nx command resolves it.
const ASK_NX = "process.stdout.write(require(require.resolve('nx/src/utils/cache-directory', { paths: [process.cwd()] })).cacheDir)";

/** The folder under ~/.nx that holds this workspace's Nx cache, or undefined when it is inside the workspace. */
export async function nxSharedDataDir(ws, env = process.env) {
  if (!existsSync(join(ws, '.git'))) return undefined;
  // Under Yarn Plug'n'Play there is no node_modules: Nx resolves through the workspace's .pnp.cjs.
  const pnp = join(ws, '.pnp.cjs');
  const r = await execa('node', [...(existsSync(pnp) ? ['-r', pnp] : []), '-e', ASK_NX], { cwd: ws, env, reject: false });
  if (r.exitCode !== 0 || !r.stdout) return undefined;
  const shared = dirname(r.stdout);
  const path = relative(join(homedir(), '.nx'), shared);
  // Exactly one level under ~/.nx: never ~/.nx itself, never anything outside it.
  return path && !path.startsWith('..') && !path.includes(sep) ? shared : undefined;
}

/** Remove the workspace, and the folder Nx keeps for it under ~/.nx if there is one. */
export async function removeWorkspaceAndNxData(ws, env) {
  const shared = await nxSharedDataDir(ws, env);
  if (shared) await rm(shared, { recursive: true, force: true });
  await rm(ws, { recursive: true, force: true });
}
