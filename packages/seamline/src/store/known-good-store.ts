import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SeamlineError } from '../core/errors';
import {
  type ChainEnd,
  type ChainResult,
  chainEnd,
  checkLine,
  EMPTY_CHAIN,
  verifyChainAfter,
  expectedPrev,
  lineHash,
  parseLine,
  splitLines,
  verifyChain,
} from '../core/known-good/chain';
import { pruneLines } from '../core/known-good/prune';
import { isCheckpoint, type KnownGoodRecord, serializeRecord } from '../core/known-good/record';
import { removeStaleTempFiles, replaceFileIfUnchanged, syncDir, writeFileAtomic } from '../fs/atomic-write';
import { LockLostError, withFileLock, type LockOptions } from '../fs/file-lock';
import { appendLineIfUnchanged, type LineCount, readStoreTail, type StoreTail } from './store-tail';

export type NewRecord = Omit<KnownGoodRecord, 'prev'>;

/** Files a store keeps beside it only to save time; deleting them costs only time. */
export interface StoreNotes {
  /** How many lines the store had after the last append, so the next one counts only the lines added since. */
  lineCount?: string;
  /** What the last check of the chain verified (see `verifyEnd`), so reads check only the lines added since. */
  verified?: string;
}

export interface AppendResult {
  line: number;
  hash: string;
  record: KnownGoodRecord;
  /** Bytes of an incomplete last line (left by a writer killed mid-write) cut off before appending; 0 mostly. */
  repaired: number;
}

/** How many times a writer that lost its lock (paused past the stale time) starts over. */
const LOCK_LOST_ATTEMPTS = 5;

/**
 * The append-only, hash-chained known-good file. Writers serialize on a lock and
 * append one line (one write, then fsync) after checking the end of the file: its
 * last line is a complete record chained to the line before it, and the new line
 * chains onto it. An append parses no line but the last two, so its cost does not
 * grow with the store (the line number comes from a note of the last append's count,
 * or without one from a byte scan). A writer killed mid-write can
 * leave an incomplete last line, never acknowledged: the next writer cuts it off
 * under the lock before appending. A writer paused past the lock's stale time
 * (another writer took the lock over) finds the file changed right before its
 * write, writes nothing, and starts over. `prune` rewrites the file (atomic rename).
 */
export class KnownGoodStore {
  constructor(
    readonly path: string,
    /** How the store is named in messages (workspace-relative). */
    readonly displayPath: string = path,
    private readonly lockOptions: LockOptions = {},
    /** Where the store keeps notes that save time (a workspace keeps them under .seamline/); see StoreNotes. */
    private readonly notes: StoreNotes = {},
  ) {}

  async readText(): Promise<string> {
    try {
      return await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
      throw error;
    }
  }

  async verify(): Promise<ChainResult> {
    return verifyChain(await this.readText());
  }

  /**
   * What `verify` says of the chain (intact or where it breaks) and its head, checking
   * only the lines added since the last check that used the same memo (`memo`, or the
   * store's `verified` note): the memo keeps the size and sha256 of the bytes that
   * verified then, and where their chain ended. When the store still starts with exactly
   * those bytes (one streaming hash, no parsing), only the lines after them are checked;
   * otherwise (edited, pruned, another store) the whole chain is. So the verdict is
   * always `verify`'s.
   */
  async verifyEnd(memo?: string): Promise<{ ok: true; head: string | null } | { ok: false; line: number; problem: string }> {
    const { result } = await this.verifiedBytes(memo ?? this.notes.verified);
    return result.ok ? { ok: true, head: result.head } : result;
  }

  /**
   * The newest record of `suite` (of any suite when none is named), as
   * `latest(await records(), suite)` finds it: the chain is checked as by `verifyEnd`
   * (refused when broken), then lines are parsed from the end only until one matches.
   */
  async latest(suite?: string): Promise<KnownGoodRecord | undefined> {
    const { result, bytes } = await this.verifiedBytes(this.notes.verified);
    if (!result.ok) this.refuse(result.line, result.problem);
    for (let end = bytes.length; end > 0;) {
      const start = end >= 2 ? bytes.lastIndexOf(0x0a, end - 2) + 1 : 0;
      // The chain is intact, so every line parses; line 1 is the only place a checkpoint can be.
      const parsed = parseLine(bytes.toString('utf8', start, end - 1), 1);
      if (parsed.ok && !isCheckpoint(parsed.line) && (suite === undefined || parsed.line.suite === suite)) return parsed.line;
      end = start;
    }
    return undefined;
  }

  /** The store's bytes and `verify`'s verdict on them, using and renewing `memo` when there is one. */
  private async verifiedBytes(memo: string | undefined): Promise<{ result: ChainResult; bytes: Buffer }> {
    const bytes = await readFile(this.path).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return Buffer.alloc(0);
      throw error;
    });
    const known = memo ? await readMemo(memo, this.path) : undefined;
    let hash = createHash('sha256');
    let from: { size: number; end: ChainEnd } = { size: 0, end: EMPTY_CHAIN };
    if (known && known.size <= bytes.length) {
      hash.update(bytes.subarray(0, known.size));
      if (hash.copy().digest('hex') === known.sha256) from = known;
      else hash = createHash('sha256');
    }
    const rest = bytes.subarray(from.size);
    const result = verifyChainAfter(from.end, rest.toString('utf8'));
    // Nothing new to remember (or nothing at all): write nothing.
    if (!result.ok || !memo || !bytes.length || (from === known && !rest.length)) return { result, bytes };
    hash.update(rest);
    const next: Memo = { store: this.path, size: bytes.length, sha256: hash.digest('hex'), end: chainEnd(from.end, result) };
    // Only speed depends on the memo: one that cannot be written is not an error.
    await mkdir(dirname(memo), { recursive: true })
      .then(() => writeFileAtomic(memo, `${JSON.stringify(next)}\n`))
      .catch(() => undefined);
    return { result, bytes };
  }

  /** Every record, oldest first. Refuses a store whose chain is broken. */
  async records(): Promise<KnownGoodRecord[]> {
    return this.verified(await this.readText()).records;
  }

  async append(entry: NewRecord): Promise<AppendResult> {
    return this.locked(async (assertHeld) => {
      await removeStaleTempFiles(this.path);
      const tail = await readStoreTail(this.path, await this.knownLineCount());
      const record: KnownGoodRecord = { ...entry, prev: this.checkedHead(tail) };
      const line = serializeRecord(record);
      assertHeld();
      if (!appendLineIfUnchanged(this.path, tail, line)) {
        throw new LockLostError(`${this.displayPath} changed while this writer held its lock (it was paused past the stale time and another writer took over)`);
      }
      if (tail.size === tail.torn) await syncDir(dirname(this.path));
      const hash = lineHash(line);
      await this.noteLineCount({ size: tail.size - tail.torn + Buffer.byteLength(line) + 1, lines: tail.lines + 1, last: hash });
      return { line: tail.lines + 1, hash, record, repaired: tail.torn };
    });
  }

  /**
   * What the next line's `prev` is, after checking the end of the store: its last line
   * is a complete record (or the first line's checkpoint) whose `prev` is the hash of
   * the line before it. The rest of the chain is checked by every read of the records
   * (`records`, `verify`), not by an append.
   */
  private checkedHead(tail: StoreTail): string | null {
    if (tail.last === undefined) return null;
    const n = tail.lines;
    let expected: string | null = null;
    if (tail.beforeLast !== undefined) {
      const before = parseLine(tail.beforeLast, n - 1);
      if (!before.ok) this.refuse(before.line, before.problem);
      expected = expectedPrev(before.line, lineHash(tail.beforeLast));
    }
    const last = checkLine(tail.last, n, expected, []);
    if (!last.ok) this.refuse(last.line, last.problem);
    return expectedPrev(last.line, lineHash(tail.last));
  }

  private async knownLineCount(): Promise<LineCount | undefined> {
    if (!this.notes.lineCount) return undefined;
    try {
      const known = JSON.parse(await readFile(this.notes.lineCount, 'utf8')) as LineCount & { store: string };
      const valid = known.store === this.path && Number.isInteger(known.size) && Number.isInteger(known.lines) && typeof known.last === 'string';
      return valid ? known : undefined;
    } catch {
      return undefined;
    }
  }

  /** A note that cannot be written, or is torn by a kill, only costs the next append a full count. */
  private async noteLineCount(count: LineCount): Promise<void> {
    if (!this.notes.lineCount) return;
    const file = this.notes.lineCount;
    await mkdir(dirname(file), { recursive: true })
      .then(() => writeFile(file, `${JSON.stringify({ store: this.path, ...count })}\n`))
      .catch(() => undefined);
  }

  /** Keep the newest `keep` records behind a checkpoint; returns how many were removed. */
  async prune(keep: number, timestamp: string): Promise<number> {
    return this.locked(async (assertHeld) => {
      await removeStaleTempFiles(this.path);
      const read = await this.readText();
      // An incomplete last line was left by a killed writer and never acknowledged: not part of the store.
      const text = read.slice(0, read.lastIndexOf('\n') + 1);
      const chain = this.verified(text);
      const kept = pruneLines(splitLines(text), chain.lines, keep, timestamp);
      if (!kept) return 0;
      assertHeld();
      await this.replace(`${kept.join('\n')}\n`, read);
      return chain.records.length - keep;
    });
  }

  private verified(text: string): Extract<ChainResult, { ok: true }> {
    const chain = verifyChain(text);
    if (!chain.ok) this.refuse(chain.line, chain.problem);
    return chain;
  }

  private refuse(line: number, problem: string): never {
    throw new SeamlineError(
      `${this.displayPath}:${line}: ${problem}; restore the store from git (git checkout -- ${this.displayPath}) before using it`,
      this.displayPath,
    );
  }

  /** Replace the store with `content` if it still holds `read`; otherwise the lock was lost while paused. */
  private async replace(content: string, read: string): Promise<void> {
    if (!(await replaceFileIfUnchanged(this.path, content, read))) {
      throw new LockLostError(`${this.displayPath} changed while this writer held its lock (it was paused past the stale time and another writer took over)`);
    }
  }

  /** Run `task` under the store's lock; start over (a fresh lock, a fresh read) when the lock was lost. */
  private async locked<T>(task: (assertHeld: () => void) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await withFileLock(this.path, task, { displayPath: this.displayPath, ...this.lockOptions });
      } catch (error) {
        if (!(error instanceof LockLostError)) throw error;
        if (attempt >= LOCK_LOST_ATTEMPTS) {
          throw new SeamlineError(
            `${error.message.replace(/; nothing was written, retry$/, '')}, ${attempt} times; nothing was written, retry`,
            this.displayPath,
          );
        }
      }
    }
  }
}

/** What `verifyEnd` remembers of the bytes it verified. */
interface Memo {
  store: string;
  size: number;
  sha256: string;
  end: ChainEnd;
}

async function readMemo(file: string, store: string): Promise<Memo | undefined> {
  try {
    const memo = JSON.parse(await readFile(file, 'utf8')) as Memo;
    const valid =
      memo.store === store &&
      Number.isInteger(memo.size) &&
      typeof memo.sha256 === 'string' &&
      Number.isInteger(memo.end?.lines) &&
      (memo.end.next === null || typeof memo.end.next === 'string') &&
      (memo.end.head === null || typeof memo.end.head === 'string');
    return valid ? memo : undefined;
  } catch {
    return undefined;
  }
}
