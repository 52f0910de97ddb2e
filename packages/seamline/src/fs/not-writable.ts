import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative } from 'node:path';
import { SEAMLINE_DIR } from '../workspace/layout';
import { exists } from './atomic-write';

const NOT_WRITABLE = new Set(['EACCES', 'EPERM', 'EROFS']);

/**
 * A file-system error only the machine can fix, as one line with what to do: a folder
 * this user may not write (a workspace checked out by root in a container, then run
 * as another user) or a read-only file system. Undefined for any other error.
 */
export async function notWritableProblem(error: unknown, root: string): Promise<string | undefined> {
  const e = error as NodeJS.ErrnoException;
  if (!(e instanceof Error) || !e.code || !e.path) return undefined;
  // Node's recursive mkdir says ENOENT where the folder above refused it (a read-only file system).
  if (e.code === 'ENOENT' && e.syscall === 'mkdir') {
    const above = await nearestExisting(dirname(e.path));
    const refusal =
      above &&
      (await access(above, constants.W_OK).then(
        () => undefined,
        (x: NodeJS.ErrnoException) => x.code,
      ));
    return refusal === 'EROFS' ? `${e.message}; ${above} is on a read-only file system: ${WRITABLE_ELSEWHERE}` : undefined;
  }
  if (!NOT_WRITABLE.has(e.code)) return undefined;
  if (e.code === 'EROFS') return `${e.message}; that file system is read-only: ${WRITABLE_ELSEWHERE}`;
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

const WRITABLE_ELSEWHERE = `run where the workspace can be written (${SEAMLINE_DIR} holds the checkouts and runs)`;

/** The owner of `path`, or of its nearest ancestor that exists. */
async function ownerOf(path: string): Promise<number | undefined> {
  const at = await nearestExisting(path);
  return at === undefined ? undefined : (await stat(at)).uid;
}

/** `path`, or its nearest ancestor that exists. */
async function nearestExisting(path: string): Promise<string | undefined> {
  for (let at = path; ; at = dirname(at)) {
    if (await exists(at)) return at;
    if (dirname(at) === at) return undefined;
  }
}
