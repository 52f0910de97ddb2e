import { closeSync, fstatSync, ftruncateSync, fsyncSync, openSync, readSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { sha256 } from '../core/hash';
import { namingFile } from '../fs/file-error';

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

/** Where the store stood after an append: so the next one counts only the lines added since. */
export interface LineCount {
  /** The file's size then, just past a newline. */
  size: number;
  lines: number;
  /** sha256 of the line that ended at `size`: the count is used only if it still does. */
  last: string;
}

type Handle = Awaited<ReturnType<typeof open>>;

/**
 * The end of the store: its last two complete lines, what follows them (a torn line),
 * and how many lines there are. The lines are counted from `known` on when the line
 * that ended there is still there (a byte scan of what was added since); otherwise,
 * as on a fresh clone, from the start. Nothing before the last two lines is parsed.
 */
export async function readStoreTail(path: string, known?: LineCount): Promise<StoreTail> {
  let handle: Handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { size: 0, lines: 0, torn: 0, end: Buffer.alloc(0) };
    throw error;
  }
  try {
    const { size } = await handle.stat();
    const complete = await lastNewlineEnd(handle, size);
    let from = 0;
    let lines = 0;
    if (known && known.size <= complete && known.size > 0) {
      const [line] = await linesEndingAt(handle, known.size, 1);
      if (line !== undefined && sha256(line) === known.last) [from, lines] = [known.size, known.lines];
    }
    lines += await countNewlines(handle, from, complete);
    const [beforeLast, last] = lines >= 2 ? await linesEndingAt(handle, complete, 2) : [undefined, ...(await linesEndingAt(handle, complete, 1))];
    const end = Buffer.alloc(Math.min(size, TAIL_BYTES));
    if (end.length) await handle.read(end, 0, end.length, size - end.length);
    return { size, lines, last, beforeLast, torn: size - complete, end };
  } finally {
    await handle.close();
  }
}

async function readRange(handle: Handle, from: number, to: number): Promise<Buffer> {
  const out = Buffer.alloc(to - from);
  for (let at = 0; at < out.length;) {
    const { bytesRead } = await handle.read(out, at, out.length - at, from + at);
    if (!bytesRead) break;
    at += bytesRead;
  }
  return out;
}

/** The offset just past the last newline before `size` (0 if there is none). */
async function lastNewlineEnd(handle: Handle, size: number): Promise<number> {
  for (let end = size; end > 0;) {
    const from = Math.max(0, end - (1 << 16));
    const at = (await readRange(handle, from, end)).lastIndexOf(0x0a);
    if (at >= 0) return from + at + 1;
    end = from;
  }
  return 0;
}

/** The last `count` complete lines (fewer at the start of the file) that end at `end`, just past a newline. */
async function linesEndingAt(handle: Handle, end: number, count: number): Promise<string[]> {
  if (end === 0) return [];
  for (let window = 1 << 16; ; window *= 2) {
    const from = Math.max(0, end - window);
    const parts = (await readRange(handle, from, end - 1)).toString('utf8').split('\n');
    // The first part may start mid-line (and mid-character) unless the window reaches the start.
    if (from > 0) parts.shift();
    if (parts.length >= count || from === 0) return parts.slice(-count);
  }
}

/** Newlines in [from, to): a byte scan. */
async function countNewlines(handle: Handle, from: number, to: number): Promise<number> {
  const buffer = Buffer.allocUnsafe(Math.min(CHUNK, Math.max(to - from, 1)));
  let lines = 0;
  for (let at = from; at < to;) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, to - at), at);
    if (!bytesRead) break;
    const chunk = bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
    for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) lines++;
    at += bytesRead;
  }
  return lines;
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
      throw namingFile(error, path);
    }
    return true;
  } finally {
    closeSync(fd);
  }
}
