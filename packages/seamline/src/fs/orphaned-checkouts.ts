import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { checkoutsHome, linksTo, ownerOf } from './checkouts-outside';
import { diskUsage } from './disk-usage';

/** A folder of checkouts outside whose workspace no longer uses it. */
export interface OrphanedFolder {
  dir: string;
  /** The workspace its owner file names. */
  workspace: string;
  /** `gone`: that path does not exist (deleted, or on a disk not mounted now); `elsewhere`: it is there and its links lead elsewhere, or nowhere. */
  why: 'gone' | 'elsewhere';
  /** Everything in it, the package store included: what removing it frees. */
  bytes: number;
}

// As workspaceCheckoutsDir names them; anything else in the folder is not Seamline's to judge.
const FOLDER_NAME = /^[A-Za-z0-9._-]+-[0-9a-f]{12}$/;

/**
 * The folders of checkouts on this machine (in `home`) that no workspace's links lead to: a
 * workspace deleted or moved without `gc` leaves its checkouts, their installs and its package
 * store behind. A workspace moved takes its folder along on its next run; until then, its folder
 * is listed here too. A folder without an owner file is left alone.
 */
export async function findOrphanedFolders(home: string = checkoutsHome()): Promise<OrphanedFolder[]> {
  const names = await readdir(home).catch(() => [] as string[]);
  const found: OrphanedFolder[] = [];
  for (const name of names.filter((n) => FOLDER_NAME.test(n)).sort()) {
    const dir = join(home, name);
    const workspace = await ownerOf(dir);
    if (!workspace || linksTo(workspace, dir)) continue;
    const usage = await diskUsage(dir);
    found.push({ dir, workspace, why: existsSync(workspace) ? 'elsewhere' : 'gone', bytes: usage.own + usage.shared });
  }
  return found;
}

/** Remove an orphaned folder, after looking once more that its workspace still does not use it (it may have been moved back meanwhile). */
export async function removeOrphanedFolder(folder: OrphanedFolder): Promise<boolean> {
  const workspace = await ownerOf(folder.dir);
  if (!workspace || workspace !== folder.workspace || linksTo(workspace, folder.dir)) return false;
  await rm(folder.dir, { recursive: true, force: true });
  return true;
}
