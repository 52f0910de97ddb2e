import { lstat, readdir, realpath } from 'node:fs/promises';
import { join } from 'node:path';

export interface DiskUsage {
  /** Blocks of files only this tree links: what removing it frees. */
  own: number;
  /** Blocks of files hard-linked from elsewhere too (e.g. pnpm's store): removing the tree does not free them. */
  shared: number;
}

/**
 * Disk blocks under `dir`, as `du` counts them (each inode once, symlinks not
 * followed below `dir`, which may itself be one, as `.seamline/pnpm-store` is),
 * split into what only this tree holds and what is hard-linked elsewhere too.
 * A file that vanishes mid-walk is skipped.
 */
export async function diskUsage(dir: string): Promise<DiskUsage> {
  const usage: DiskUsage = { own: 0, shared: 0 };
  const seen = new Set<string>();
  const visit = async (path: string): Promise<void> => {
    const stat = await lstat(path).catch(() => undefined);
    if (!stat) return;
    const key = `${stat.dev}:${stat.ino}`;
    if (seen.has(key)) return;
    seen.add(key);
    const bytes = stat.blocks * 512;
    if (stat.isFile() && stat.nlink > 1) usage.shared += bytes;
    else usage.own += bytes;
    if (stat.isDirectory()) for (const name of await readdir(path).catch(() => [] as string[])) await visit(join(path, name));
  };
  await visit(await realpath(dir).catch(() => dir));
  return usage;
}
