import { execFileSync } from 'node:child_process';
import { symlink } from 'node:fs/promises';

/**
 * What a repository nobody here controls can leave where a regular file is expected (git checks
 * a committed link out as it is; a script can make a FIFO), and what a plain read of it does:
 * never returns. Each entry makes one at `path`.
 */
export const HOSTILE_FILES: [string, (path: string) => Promise<void>][] = [
  ['a link to /dev/zero', (path) => symlink('/dev/zero', path)],
  ['a FIFO nobody writes to', async (path) => void execFileSync('mkfifo', [path])],
];
