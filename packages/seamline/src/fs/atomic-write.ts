import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const tmpPrefix = (file: string) => `.${basename(file)}.`;
const TMP_SUFFIX = '.tmp';

/**
 * Replace `file` with `content` so that a reader, or a crash at any instant,
 * sees either the old bytes or the new ones: write a sibling temp file, fsync
 * it, rename it over the target, fsync the directory.
 */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  const tmp = join(dirname(file), `${tmpPrefix(file)}${process.pid}.${randomBytes(4).toString('hex')}${TMP_SUFFIX}`);
  const handle = await open(tmp, 'wx', 0o644);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
  await syncDir(dirname(file));
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch {
    // Some filesystems refuse fsync on a directory; the rename is still atomic.
  } finally {
    await handle.close();
  }
}

/**
 * Temp files left by writers that were killed before their rename. Only call
 * while holding the file's lock: then no live writer owns one.
 */
export async function removeStaleTempFiles(file: string): Promise<number> {
  const dir = dirname(file);
  const prefix = tmpPrefix(file);
  let removed = 0;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (name.startsWith(prefix) && name.endsWith(TMP_SUFFIX)) {
      await rm(join(dir, name), { force: true });
      removed++;
    }
  }
  return removed;
}

export async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
