import { closeSync, constants, fstatSync, lstatSync, openSync, readSync } from 'node:fs';

/** What a package.json in somebody else's repository may reasonably weigh. */
export const MAX_MANIFEST_BYTES = 1024 * 1024;

/**
 * The text of a small regular file, or undefined for anything else: a missing
 * file, a symlink (to /dev/zero, to a file outside the checkout), a device, a
 * FIFO, a directory, or a file larger than `maxBytes`. For files from
 * repositories Seamline does not control (checkouts), read where a hostile file
 * must not hang, exhaust memory or crash the process: the file is opened
 * without following symlinks and without blocking, checked again on the open
 * descriptor, and never read past `maxBytes`.
 */
export function readBoundedFile(path: string, maxBytes = MAX_MANIFEST_BYTES): string | undefined {
  try {
    const before = lstatSync(path);
    if (!before.isFile() || before.size > maxBytes) return undefined;
    const fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
    try {
      const stat = fstatSync(fd);
      // Replaced between lstat and open: judge what was opened.
      if (!stat.isFile() || stat.size > maxBytes || stat.ino !== before.ino) return undefined;
      const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
      let length = 0;
      for (let n: number; length < buffer.length && (n = readSync(fd, buffer, length, buffer.length - length, null)) > 0;) length += n;
      // Grew past the limit while being read.
      if (length > maxBytes) return undefined;
      return buffer.subarray(0, length).toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

/** A small regular file parsed as JSON, or undefined when it is not one (see readBoundedFile) or not JSON. */
export function readBoundedJson(path: string, maxBytes = MAX_MANIFEST_BYTES): unknown {
  return parsedJson(readBoundedFile(path, maxBytes));
}

/** `text` parsed as JSON, or undefined when there is no text or it is not JSON. */
export function parsedJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
