import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative } from 'node:path';
import { SEAMLINE_DIR } from '../workspace/layout';

const NOT_WRITABLE = new Set(['EACCES', 'EPERM', 'EROFS']);

/**
 * A file-system error only the machine can fix, as one line with what to do: a folder
 * this user may not write (a workspace checked out by root in a container, then run
 * as another user) or a read-only file system. Undefined for any other error.
 */
export async function notWritableProblem(error: unknown, root: string): Promise<string | undefined> {
  const e = error as NodeJS.ErrnoException;
  if (!(e instanceof Error) || !e.code || !NOT_WRITABLE.has(e.code) || !e.path) return undefined;
  if (e.code === 'EROFS')
    return `${e.message}; that file system is read-only: run where the workspace can be written (${SEAMLINE_DIR} holds the checkouts and runs)`;
  const uid = process.getuid?.();
  const owner = await ownerOf(e.path);
  const inside = relative(root, e.path);
  // Everything under .seamline is Seamline's to write: give the whole folder, not one file.
  const folder =
    inside === SEAMLINE_DIR || inside.startsWith(`${SEAMLINE_DIR}/`) ? SEAMLINE_DIR : inside.startsWith('..') || isAbsolute(inside) ? e.path : inside;
  const who = uid === undefined ? 'this user' : `this user (uid ${uid})`;
  const whose = owner !== undefined && owner !== uid ? `; uid ${owner} owns it` : '';
  const chown = uid === undefined ? 'give this user' : `sudo chown -R ${uid}`;
  return `${e.message}; ${who} may not write there${whose}: run as the workspace's owner, or ${chown} ${folder}`;
}

/** The owner of `path`, or of its nearest ancestor that exists. */
async function ownerOf(path: string): Promise<number | undefined> {
  for (let at = path; ; at = dirname(at)) {
    const found = await stat(at).catch(() => undefined);
    if (found) return found.uid;
    if (dirname(at) === at) return undefined;
  }
}
