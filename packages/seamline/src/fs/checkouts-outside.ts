import { createHash } from 'node:crypto';
import { existsSync, lstatSync, realpathSync, statSync } from 'node:fs';
import { lstat, mkdir, readFile, rename, rm, rmdir, stat, symlink, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { SeamlineError } from '../core/errors';
import { checkoutsRoot, packageStoreDir, placementLock } from '../workspace/layout';
import { withFileLock } from './file-lock';

/** The variable that names where the checkouts of every workspace on this machine live. */
export const CHECKOUTS_DIR_VARIABLE = 'SEAMLINE_CHECKOUTS_DIR';

/**
 * The folder holding every workspace's checkouts on this machine: $SEAMLINE_CHECKOUTS_DIR, or
 * the user's cache folder (`$XDG_CACHE_HOME` or `~/.cache`, `~/Library/Caches` on macOS,
 * `%LOCALAPPDATA%` on Windows) plus `seamline`.
 */
export function checkoutsHome(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const chosen = env[CHECKOUTS_DIR_VARIABLE];
  if (chosen) return resolve(chosen);
  if (platform === 'win32') return join(env.LOCALAPPDATA || join(homedir(), 'AppData', 'Local'), 'seamline');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'seamline');
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'seamline');
}

/** This workspace's folder in `home`: its name, for whoever looks there, and a hash of its real path, so two workspaces never share one. */
export function workspaceCheckoutsDir(root: string, home: string = checkoutsHome()): string {
  const real = realPath(root);
  const name =
    basename(real)
      .replace(/[^A-Za-z0-9._-]/g, '_')
      .slice(0, 40) || 'workspace';
  return join(home, `${name}-${createHash('sha256').update(real).digest('hex').slice(0, 12)}`);
}

/**
 * Put the checkouts and the package store their installs link from outside the workspace's
 * tree, behind `.seamline/checkouts` and `.seamline/pnpm-store` as links. A checkout under the
 * workspace sees the workspace's own packages: Node and TypeScript look for `node_modules` and
 * `node_modules/@types` in every folder above a file, and npm puts every `node_modules/.bin`
 * above a script on its PATH. So a commit that uses a package it never declared passes, and a
 * commit of an older TypeScript fails to build on the workspace's newer `@types`, where both
 * behave otherwise in their own clone. Node, TypeScript and every process started in a checkout
 * see its real path, outside. The store goes along because pnpm hard-links from it, which works
 * only within one file system.
 *
 * A workspace's folder is named after its real path, and its owner file names it. A workspace
 * moved takes its folder along, renamed after its new path, and `relocated('moved')` lets git find
 * its checkouts again; a copy (`cp -a` copies the links) gets a folder of its own, and
 * `relocated('copied')` lets its pin caches forget the original's checkouts.
 *
 * Safe to call from concurrent processes; cheap once this process placed them (an lstat and a stat). A
 * folder an older Seamline made inside the workspace is moved out (its checkouts stay valid:
 * git finds them through the link), or removed when it cannot be moved, and made again on use.
 */
export async function placeCheckoutsOutside(root: string, relocated?: (how: Relocation) => Promise<void>): Promise<void> {
  // Once this process placed them, the checkouts' link alone is looked at (a run materializes every pin through here).
  if (placed.has(root) && leadsToFolder(checkoutsRoot(root))) return;
  // The pins of a run arrive together: one of them places, the others wait for it.
  let placing = inFlight.get(root);
  if (!placing) {
    placing = place(root, relocated).finally(() => inFlight.delete(root));
    inFlight.set(root, placing);
  }
  await placing;
}

/** How a workspace's links came to lead to a folder not named after it. */
export type Relocation = 'moved' | 'copied';

const placed = new Set<string>();
const inFlight = new Map<string, Promise<void>>();

async function place(root: string, relocated?: (how: Relocation) => Promise<void>): Promise<void> {
  const outside = workspaceCheckoutsDir(root);
  refusePackagesAbove(root, homeInUse(root, outside));
  await linkBoth(root, outside);
  // Settled already, the common case: the folder the links lead to names this workspace.
  if ((await ownerOf(dirname(realPath(checkoutsRoot(root))))) !== realPath(root)) {
    // A new folder, or one this workspace was moved or copied with: one process settles it while the
    // others wait, so none reuses a checkout whose repository git cannot find yet.
    await withFileLock(
      placementLock(root),
      async () => {
        // Again, under the lock: the process before may have settled it.
        await linkBoth(root, outside);
        const how = await claimFolder(root, outside);
        if (!how) return;
        await linkBoth(root, outside, { replace: true });
        await relocated?.(how);
        // Last: a folder that names this workspace is one whose checkouts git finds.
        await writeOwner(outside, root);
      },
      // Held for milliseconds, refreshed every second: a killed holder's lock is taken over 5 s on.
      { staleMs: 5_000, waitMs: 10 * 60_000, displayPath: relative(root, placementLock(root)) },
    );
  }
  placed.add(root);
}

/** Both links, to `outside`'s `checkouts` and `pnpm-store`; with `replace`, ones that lead elsewhere are made again. */
async function linkBoth(root: string, outside: string, options: { replace?: boolean } = {}): Promise<void> {
  for (const [link, name] of [
    [checkoutsRoot(root), 'checkouts'],
    [packageStoreDir(root), 'pnpm-store'],
  ] as const) {
    if (options.replace) await rm(link, { force: true });
    await linkOutside(root, link, join(outside, name));
  }
}

/** Where the checkouts are: where the links lead while that folder exists (a link is kept), else where the variable names now. */
function homeInUse(root: string, outside: string): string {
  const link = checkoutsRoot(root);
  return leadsToFolder(link) ? dirname(dirname(realPath(link))) : dirname(outside);
}

/** The file in a workspace's folder outside that names the workspace: `gc --orphans` tells by it whose a folder is. */
export const OWNER_FILE = 'workspace';

/**
 * Whose the folder the links lead to is, by its owner file: new (it names no one yet); another
 * workspace's that still links to it, of which this workspace is a copy; or nobody's any more,
 * when this workspace was moved: the folder is renamed after the new path. Called under the
 * placement lock.
 */
async function claimFolder(root: string, outside: string): Promise<Relocation | undefined> {
  const folder = dirname(realPath(checkoutsRoot(root)));
  const named = await ownerOf(folder);
  if (named === realPath(root)) return undefined;
  if (!named) {
    await writeOwner(folder, root);
    return undefined;
  }
  // Moved or copied, the checkouts go where the variable names now: that place is checked, not the one they leave.
  refusePackagesAbove(root, dirname(outside));
  // Already under this path's name, still naming the old one: a move that a killed process began.
  if (folder === realPath(outside)) return 'moved';
  if (linksTo(named, folder)) return 'copied';
  // What is under this path's name is what a workspace here before left: a cache, and this workspace's folder replaces it.
  await rm(outside, { recursive: true, force: true });
  try {
    await rename(folder, outside);
  } catch (error) {
    // SEAMLINE_CHECKOUTS_DIR now names another file system: start afresh there, and gc lists the old folder.
    if ((error as NodeJS.ErrnoException).code === 'EXDEV') return 'copied';
    throw error;
  }
  return 'moved';
}

/** The workspace a folder's owner file names; undefined when it has none. */
export async function ownerOf(folder: string): Promise<string | undefined> {
  const text = await readFile(join(folder, OWNER_FILE), 'utf8').catch(() => '');
  return text.trim() || undefined;
}

const writeOwner = (folder: string, root: string) => writeFile(join(folder, OWNER_FILE), `${realPath(root)}\n`);

/** Whether `workspace`'s checkouts link leads into `folder`: false for a workspace that is gone, or links elsewhere. */
export function linksTo(workspace: string, folder: string): boolean {
  try {
    return realpathSync(checkoutsRoot(workspace)) === join(realpathSync(folder), 'checkouts');
  } catch {
    return false;
  }
}

// Synchronous: this runs for every pin of every run, and two asynchronous calls cost several times a warm pin's whole reuse.
const leadsToFolder = (link: string): boolean => {
  try {
    return lstatSync(link).isSymbolicLink() && statSync(link).isDirectory();
  } catch {
    return false;
  }
};

async function linkOutside(root: string, link: string, target: string): Promise<void> {
  // Bounded: each turn either finds the link, or undoes what a concurrent process did differently.
  for (let turn = 0; turn < 5; turn++) {
    const found = await lstat(link).catch(() => undefined);
    if (found?.isSymbolicLink()) {
      // Kept where it points while that is there: a running process may be using it.
      if (await stat(link).catch(() => undefined)) return;
      await rm(link, { force: true });
      continue;
    }
    await makeTarget(root, target);
    if (found?.isDirectory()) {
      await moveOut(link, target);
      continue;
    }
    if (found) await rm(link, { force: true });
    await mkdir(dirname(link), { recursive: true });
    // 'junction' is Windows' folder link that needs no privilege; other systems ignore the type.
    await symlink(target, link, 'junction').catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
  throw new SeamlineError(`${relative(root, link)} keeps being replaced by another process; stop the other Seamline runs in this workspace and run again`);
}

/**
 * One line when a `node_modules` is above the cache folder (a stray `~/node_modules`, or a
 * SEAMLINE_CHECKOUTS_DIR inside another project): every checkout would see its packages, as it
 * saw the workspace's under it. A cache folder inside the workspace is makeTarget's to refuse.
 */
function refusePackagesAbove(root: string, home: string): void {
  const real = realPath(home);
  if (isWithin(realPath(root), real)) return;
  for (let dir = real; ; dir = dirname(dir)) {
    const modules = join(dir, 'node_modules');
    if (existsSync(modules)) {
      throw new SeamlineError(
        `${modules} is at or above ${home}, where this workspace's checkouts live: Node, TypeScript and npm in every checkout would find its packages; remove it, or set ${CHECKOUTS_DIR_VARIABLE} to a folder with no node_modules above it`,
      );
    }
    if (dirname(dir) === dir) return;
  }
}

const isWithin = (parent: string, path: string): boolean => {
  const where = relative(parent, path);
  return where === '' || (!where.startsWith('..') && !isAbsolute(where));
};

/** The folder outside the workspace, made when missing; one line when it cannot be. */
async function makeTarget(root: string, target: string): Promise<void> {
  const home = dirname(dirname(target));
  if (isWithin(realPath(root), realPath(home))) {
    throw new SeamlineError(
      `${CHECKOUTS_DIR_VARIABLE} or the cache folder (${home}) is inside the workspace, where checkouts would see its node_modules; set ${CHECKOUTS_DIR_VARIABLE} to a folder outside ${root}`,
    );
  }
  try {
    await mkdir(target, { recursive: true });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw new SeamlineError(
      `cannot make ${dirname(target)}, where this workspace's checkouts live (${e.code ?? e.message}); set ${CHECKOUTS_DIR_VARIABLE} to a writable folder outside the workspace`,
    );
  }
}

/** What an older Seamline kept under the workspace goes outside; across file systems it is removed instead (a cache, made again on use). */
async function moveOut(inside: string, target: string): Promise<void> {
  // rename replaces an empty folder only; makeTarget made this one empty.
  await rmdir(target).catch(() => undefined);
  try {
    await rename(inside, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Another process moved it first (it is gone, or the link now), and the caller looks again.
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return;
    if (code !== 'EXDEV' && code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
    // On another file system, or the folder outside holds checkouts already: the ones inside go.
    await rm(inside, { recursive: true, force: true });
  }
}

function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}
