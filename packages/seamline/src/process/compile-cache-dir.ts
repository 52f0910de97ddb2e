import { lstatSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the executor process keeps V8's bytecode cache: a folder of this user's
 * alone, or none. Node's default, `<tmp>/node-compile-cache`, is shared by every
 * user of the machine, and Node runs what it finds there without asking who wrote
 * it: whoever creates that folder first, world-writable, could plant code in the
 * next run (Nx moved its own cache to an owner-only folder for the same reason).
 * `undefined`: the folder is not safely ours (a link, another owner, writable by
 * others), so the cache stays off.
 */
export function ownCompileCacheDir(tmp: string = tmpdir(), uid: number | undefined = process.getuid?.()): string | undefined {
  const dir = join(tmp, `seamline-compile-cache-${uid ?? 'user'}`);
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return undefined;
  }
  try {
    const stat = lstatSync(dir);
    if (!stat.isDirectory()) return undefined;
    // No owners or modes to check on Windows, where the folder is under the user's own profile.
    if (uid !== undefined && (stat.uid !== uid || (stat.mode & 0o077) !== 0)) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}
