import { existsSync } from 'node:fs';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isFullSha } from '../core/sha';
import { withFileLock } from '../fs/file-lock';
import { isLeased } from '../fs/checkout-leases';
import {
  checkoutDir,
  checkoutMarker,
  checkoutName,
  checkoutsRoot,
  checkoutUsedMarker,
  parseCheckoutName,
  pinCacheDir,
  preparedRoot,
  shownPath,
} from '../workspace/layout';
import { runGit } from './run-git';

export interface CheckoutOnDisk {
  component: string;
  sha: string;
  /** `<component>@<sha>` */
  name: string;
  dir: string;
  /** Last use (ms): the `.used` marker, else when the checkout was completed. */
  lastUsed: number;
}

/** Every checkout directory under `.seamline/checkouts`, complete or left by a killed run. */
export async function listCheckouts(root: string): Promise<CheckoutOnDisk[]> {
  const found: CheckoutOnDisk[] = [];
  for (const entry of await readdir(checkoutsRoot(root), { withFileTypes: true }).catch(() => [])) {
    const parsed = parseCheckoutName(entry.name);
    if (!entry.isDirectory() || !parsed || !isFullSha(parsed.sha)) continue;
    const { component, sha } = parsed;
    const dir = join(checkoutsRoot(root), entry.name);
    const times = await Promise.all(
      [checkoutUsedMarker(root, component, sha), checkoutMarker(root, component, sha), dir].map((f) =>
        stat(f).then(
          (s) => s.mtimeMs,
          () => 0,
        ),
      ),
    );
    found.push({ component, sha, name: entry.name, dir, lastUsed: Math.max(...times) });
  }
  return found;
}

/**
 * Remove one checkout and its worktree, unless a process leases it. Under the
 * component's pin-cache lock (no checkout of the component is being made or
 * removed meanwhile), the completion marker is first moved aside, so a run
 * starting now cannot take the checkout as done; only then are the leases
 * checked. A run leases before it looks at the marker, so either gc sees its
 * lease (and puts the marker back, unchanged) or the run finds no marker and
 * waits on the lock to make the checkout again. Returns false when leased.
 */
export async function removeCheckout(root: string, checkout: Pick<CheckoutOnDisk, 'component' | 'sha'>): Promise<boolean> {
  const { component, sha } = checkout;
  const cache = pinCacheDir(root, component);
  return withFileLock(
    cache,
    async () => {
      const marker = checkoutMarker(root, component, sha);
      const aside = `${marker}.gc-${process.pid}`;
      const hadMarker = existsSync(marker);
      if (hadMarker) await rename(marker, aside);
      if (await isLeased(root, checkoutName(component, sha))) {
        // Renamed back: same inode and time, so prepared markers still match the checkout.
        if (hadMarker) await rename(aside, marker);
        return false;
      }
      const dir = checkoutDir(root, component, sha);
      if (existsSync(join(cache, 'HEAD'))) {
        const removed = await runGit(['worktree', 'remove', '--force', '--force', dir], { cwd: cache });
        if (removed.exitCode !== 0) await rm(dir, { recursive: true, force: true });
        await runGit(['worktree', 'prune'], { cwd: cache });
      }
      await rm(dir, { recursive: true, force: true });
      await rm(aside, { force: true });
      await rm(checkoutUsedMarker(root, component, sha), { force: true });
      // What was prepared in it went with it.
      const prefix = `${checkoutName(component, sha)}-`;
      for (const file of await readdir(preparedRoot(root)).catch(() => [] as string[])) {
        if (file.startsWith(prefix) && !file.endsWith('.lock')) await rm(join(preparedRoot(root), file), { recursive: true, force: true });
      }
      return true;
    },
    { staleMs: 10_000, waitMs: 600_000, displayPath: shownPath(root, cache) },
  );
}

/** `.used` markers whose checkout is gone and which no process leases (a run that failed before materializing). */
export async function removeOrphanMarkers(root: string): Promise<void> {
  for (const name of await readdir(checkoutsRoot(root)).catch(() => [] as string[])) {
    if (!name.startsWith('.') || !name.endsWith('.used')) continue;
    const checkout = name.slice(1, -'.used'.length);
    if (existsSync(join(checkoutsRoot(root), checkout)) || (await isLeased(root, checkout))) continue;
    await rm(join(checkoutsRoot(root), name), { force: true });
  }
}
