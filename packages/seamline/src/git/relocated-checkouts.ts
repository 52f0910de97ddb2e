import { existsSync, realpathSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Relocation } from '../fs/checkouts-outside';
import { cacheRoot, checkoutsRoot } from '../workspace/layout';
import { runGit } from './run-git';

// Paths per `git worktree repair`: far below any system's limit on a command line.
const PATHS_PER_CALL = 100;

/**
 * After placeCheckoutsOutside found this workspace moved or copied: a moved workspace's
 * checkouts name their pin caches by the old path, and `git worktree repair` points them (and
 * the caches' entries) at the new ones; a copy's pin caches hold the original's checkouts as
 * entries, which the copy forgets, so its own are checked out afresh (no fetch: the commits are
 * in its caches). A git too old to repair (before 2.29) forgets too.
 */
export async function reconnectCheckouts(root: string, how: Relocation): Promise<void> {
  const checkouts = realpathSync(checkoutsRoot(root));
  for (const cacheName of await readdir(cacheRoot(root)).catch(() => [] as string[])) {
    if (!cacheName.endsWith('.git')) continue;
    const cache = join(cacheRoot(root), cacheName);
    const entries = await readdir(join(cache, 'worktrees')).catch(() => [] as string[]);
    if (entries.length === 0) continue;
    if (how === 'moved') {
      const dirs = entries.map((entry) => join(checkouts, entry)).filter((dir) => existsSync(dir));
      if (await repaired(cache, dirs)) continue;
    }
    // A checkout whose entry is gone is never reused: materializePin checks it out again.
    await rm(join(cache, 'worktrees'), { recursive: true, force: true });
  }
}

async function repaired(cache: string, dirs: string[]): Promise<boolean> {
  for (let i = 0; i < dirs.length; i += PATHS_PER_CALL) {
    const result = await runGit(['worktree', 'repair', ...dirs.slice(i, i + PATHS_PER_CALL)], { cwd: cache, withoutToken: true });
    if (result.exitCode !== 0) return false;
  }
  return true;
}
