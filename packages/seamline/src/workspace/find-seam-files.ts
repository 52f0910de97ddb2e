import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SEAMLINE_DIR } from './layout';

/** Never searched for stray seam.yaml files: installs, Seamline's checkouts, caches, build output. */
const SKIPPED = new Set(['node_modules', SEAMLINE_DIR, '.nx', 'dist', '.git']);

/**
 * Every seam.yaml under the workspace, as posix paths relative to it; symlinks are not followed.
 * Synchronous, as loadWorkspace: one awaited listing per folder cost more than the listing.
 */
export async function findSeamFiles(root: string): Promise<string[]> {
  return seamFilesUnder(root, '');
}

function seamFilesUnder(root: string, dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory() && !SKIPPED.has(entry.name)) found.push(...seamFilesUnder(root, path));
    else if (entry.isFile() && entry.name === 'seam.yaml') found.push(path);
  }
  return found;
}
