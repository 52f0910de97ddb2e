import { open, statfs } from 'node:fs/promises';
import { join } from 'node:path';
import { formatSize } from '../core/size';
import { checkoutsRoot, SEAMLINE_DIR } from '../workspace/layout';

// The words a full disk or quota is reported in: every tool that hits ENOSPC or EDQUOT prints them
// after the code (Node, git, npm, pnpm, the shell, Python, Go, the JVM). A seam's or a prepare's log
// is read for these alone: a bare code there is as likely a suite's own assertion about handling a
// full disk (`Expected: "ENOSPC"`), which says nothing of this disk.
const NO_SPACE_WORDS = /no space left on device|disk quota exceeded/i;
// An error of Seamline's own process, or a line of git's: Node's codes too.
const NO_SPACE = new RegExp(`\\b(ENOSPC|EDQUOT)\\b|${NO_SPACE_WORDS.source}`, 'i');

const DISK_IS_FULL = '; a disk is full';

/** Whether `text` (an error message, the tail of a log) says the disk or the quota is full. */
export const saysNoSpace = (text: string): boolean => NO_SPACE.test(text);

/**
 * `message` as it is, or, when it says a disk is full, with how much is free
 * where Seamline writes and what to do, on the same line: a run that failed for
 * want of space must say so rather than look like a failing seam or a bug.
 */
export async function withNoSpaceNamed(message: string, root: string): Promise<string> {
  // Said once: a run's reason may come back in the error of the command that ran it (bisect).
  if (!saysNoSpace(message) || message.includes(DISK_IS_FULL)) return message;
  // The checkouts may be on another disk than .seamline (they live outside the workspace): the fuller counts.
  const frees = (await Promise.all([join(root, SEAMLINE_DIR), checkoutsRoot(root)].map(freeAt))).filter((f): f is number => f !== undefined);
  const free = frees.length ? Math.min(...frees) : await freeAt(root);
  // Room where .seamline is: the disk that filled up is another one (a temp folder of its own), which gc cannot help.
  if (free !== undefined && free >= ROOMY) {
    return `${message}${DISK_IS_FULL}, not the one ${SEAMLINE_DIR} is on (${formatSize(free)} free there): free space where the failing step writes (a temp folder: TMPDIR, /tmp) and run again`;
  }
  const where = free === undefined ? '' : ` (${formatSize(free)} free where ${SEAMLINE_DIR} is)`;
  return `${message}${DISK_IS_FULL}${where}: free space (nx run integration:gc --max-size=<limit> removes the least recently used checkouts; old runs are in ${SEAMLINE_DIR}/runs) and run again`;
}

/** Bytes free to this user on the file system of `dir`; undefined when it cannot be told. */
const freeAt = (dir: string): Promise<number | undefined> =>
  statfs(dir).then(
    (s) => s.bavail * s.bsize,
    () => undefined,
  );

/** Free space above which the disk of .seamline is not the one that filled up. */
const ROOMY = 1024 ** 3;

/**
 * What the end of the log `file` (its last 64 KB) says of a full disk or quota, in its words
 * ("no space left on device", "disk quota exceeded"); undefined when it says neither or cannot be read.
 */
export async function logNoSpaceWords(file: string): Promise<string | undefined> {
  const text = await readTail(file, 64 * 1024).catch(() => '');
  return NO_SPACE_WORDS.exec(text)?.[0].toLowerCase();
}

async function readTail(file: string, bytes: number): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, bytes);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    return buffer.toString('utf8');
  } finally {
    await handle.close();
  }
}
