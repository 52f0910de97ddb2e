import { closeSync, fstatSync, ftruncateSync, fsyncSync, openSync, readSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';

/** How many bytes are read at a time, forwards when counting lines and backwards when looking for them. */
const CHUNK = 1 << 20;

/** The end of the store as a writer needs it: what the next line chains onto, without parsing the rest. */
export interface StoreTail {
  /** The file's size in bytes (0 when it does not exist). */
  size: number;
  /** Complete lines (each ended by a newline). */
  lines: number;
  /** The last complete line and the one before it, when there are such lines. */
  last?: string;
  beforeLast?: string;
  /** Bytes after the last newline: a line a killed writer left incomplete. */
  torn: number;
  /** The file's last bytes (up to TAIL_BYTES), to see before writing that nobody else has written since. */
  end: Buffer;
}

const TAIL_BYTES = 4096;

/**
 * Count the lines of the store and read its last two lines. Counting is a byte scan
 * (no parsing, no hashing): the store's only cost that grows with it on an append.
 */
export async function readStoreTail(path: string): Promise<StoreTail> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { size: 0, lines: 0, torn: 0, end: Buffer.alloc(0) };
    throw error;
  }
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.allocUnsafe(Math.min(CHUNK, Math.max(size, 1)));
    // The offsets just past the last three newlines: the last two complete lines lie between them.
    const ends: number[] = [0, 0, 0];
    let lines = 0;
    for (let at = 0; at < size;) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, size - at), at);
      if (!bytesRead) break;
      const chunk = bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
      for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) {
        lines++;
        ends.shift();
        ends.push(at + i + 1);
      }
      at += bytesRead;
    }
    const [a, b, c] = ends;
    const complete = lines ? c : 0;
    const slice = async (from: number, to: number) => {
      const out = Buffer.alloc(to - from);
      if (out.length) await handle.read(out, 0, out.length, from);
      return out;
    };
    const lineAt = async (from: number, to: number) => (await slice(from, to - 1)).toString('utf8');
    return {
      size,
      lines,
      last: lines >= 1 ? await lineAt(lines >= 2 ? b : 0, c) : undefined,
      beforeLast: lines >= 2 ? await lineAt(lines >= 3 ? a : 0, b) : undefined,
      torn: size - complete,
      end: await slice(Math.max(0, size - TAIL_BYTES), size),
    };
  } finally {
    await handle.close();
  }
}

/**
 * Append `line` and a newline to the store, if it still ends as `tail` says (same size,
 * same last bytes: nobody took the lock over and wrote meanwhile); first cut off a torn
 * last line (`tail.torn` bytes), which no writer ever acknowledged. Synchronous from the
 * check to the fsync, so no other callback of this process runs in between. One
 * write(2) in append mode; if it fails partway, the file is cut back to where it was.
 * Returns false, writing nothing, when the store changed.
 */
export function appendLineIfUnchanged(path: string, tail: StoreTail, line: string): boolean {
  const fd = openSync(path, 'a+', 0o644);
  try {
    const size = fstatSync(fd).size;
    if (size !== tail.size) return false;
    if (tail.end.length) {
      const now = Buffer.alloc(tail.end.length);
      if (readSync(fd, now, 0, now.length, size - now.length) !== now.length || !now.equals(tail.end)) return false;
    }
    const start = size - tail.torn;
    if (tail.torn) ftruncateSync(fd, start);
    const bytes = Buffer.from(`${line}\n`, 'utf8');
    try {
      for (let written = 0; written < bytes.length;) written += writeSync(fd, bytes, written, bytes.length - written);
      fsyncSync(fd);
    } catch (error) {
      try {
        ftruncateSync(fd, start);
      } catch {
        // The next writer cuts off what is left: the line has no final newline.
      }
      throw error;
    }
    return true;
  } finally {
    closeSync(fd);
  }
}
