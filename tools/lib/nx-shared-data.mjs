// Nx 23 keeps the task cache and its database of a workspace git can name (by its remote, or
// else its first commit) in ~/.nx/<key>, shared by every checkout of that repository and outside
// the workspace's folder. A throwaway workspace that is a git repository takes that folder with
// it when it is removed; older Nx and workspaces outside git keep both in <workspace>/.nx.
// Seamline, too, keeps a workspace's checkouts outside it (behind the link .seamline/checkouts).
import { existsSync } from 'node:fs';
import { readFile, readlink, realpath, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
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

/**
 * The folder outside the workspace where Seamline keeps its checkouts and package store, when
 * .seamline/checkouts links to one that names this workspace as its own (its `workspace` file).
 */
export async function seamlineCheckoutsDir(ws) {
  const target = await readlink(join(ws, '.seamline', 'checkouts')).catch(() => undefined);
  if (!target || !isAbsolute(target)) return undefined;
  const dir = dirname(target);
  const owner = await readFile(join(dir, 'workspace'), 'utf8').catch(() => '');
  return owner.trim() === (await realpath(ws).catch(() => ws)) ? dir : undefined;
}

/** Remove the workspace, the folder Nx keeps for it under ~/.nx and Seamline's checkouts outside it, if there are. */
export async function removeWorkspaceAndNxData(ws, env) {
  const shared = await nxSharedDataDir(ws, env);
  if (shared) await rm(shared, { recursive: true, force: true });
  const checkouts = await seamlineCheckoutsDir(ws);
  if (checkouts) await rm(checkouts, { recursive: true, force: true });
  await rm(ws, { recursive: true, force: true });
}
