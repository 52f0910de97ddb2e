import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SEAMLINE_DIR } from './layout';

/** Never searched for stray seam.yaml files: installs, Seamline's checkouts, caches, build output. */
const SKIPPED = new Set(['node_modules', SEAMLINE_DIR, '.nx', 'dist', '.git']);

/** Every seam.yaml under the workspace, as posix paths relative to it; symlinks are not followed. */
export async function findSeamFiles(root: string, dir = ''): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(join(root, dir), { withFileTypes: true })) {
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory() && !SKIPPED.has(entry.name)) found.push(...(await findSeamFiles(root, path)));
    else if (entry.isFile() && entry.name === 'seam.yaml') found.push(path);
  }
  return found;
}
