import { readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installTemplate } from './e2e-workspace';

// Once per jest run, before any spec: the npm workspace every spec's workspace copies.
export default async function globalSetup(): Promise<void> {
  // The preset's own setup (this file replaces it): every run's checkouts in a folder of its own.
  const { default: useOwnCheckoutsDir } = await import('../../tools/jest/global-setup.cjs');
  await useOwnCheckoutsDir();
  const removed = await removeStaleFolders();
  if (removed.length) console.log(`\ne2e: removed what killed runs left in the temp folder: ${removed.join(', ')}`);
  const started = Date.now();
  const template = await installTemplate();
  if (template) console.log(`\ne2e: nx and the packed plugin installed once with npm in ${((Date.now() - started) / 1000).toFixed(1)} s (${template})`);
}

// Longer than any run: a folder this old belongs to no run still going (another checkout's included).
const STALE_MS = 24 * 60 * 60 * 1000;

/** The e2e folders in the temp folder that a killed run left behind (its install alone is about 140 MB). */
async function removeStaleFolders(): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(tmpdir())) {
    if (!name.startsWith('seamline-e2e-')) continue;
    const dir = join(tmpdir(), name);
    const info = await stat(dir).catch(() => undefined);
    if (!info?.isDirectory() || Date.now() - info.mtimeMs < STALE_MS) continue;
    await rm(dir, { recursive: true, force: true }).then(
      () => removed.push(name),
      () => undefined,
    );
  }
  return removed;
}
