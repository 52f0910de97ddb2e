/**
 * `error`, naming `file` as Node names the file of a failed open: a write(2) that
 * fails (ENOSPC, EIO) carries no path, and "no space left on device, write"
 * alone does not say where.
 */
export function namingFile(error: unknown, file: string): unknown {
  const e = error as NodeJS.ErrnoException;
  if (e instanceof Error && e.code && !e.path) {
    e.path = file;
    e.message = `${e.message} '${file}'`;
  }
  return error;
}
