import { readFile } from 'node:fs/promises';
import { SeamlineError } from '../core/errors';
import { type ChainResult, lineHash, splitLines, verifyChain } from '../core/known-good/chain';
import { pruneLines } from '../core/known-good/prune';
import { type KnownGoodRecord, serializeRecord } from '../core/known-good/record';
import { removeStaleTempFiles, replaceFileIfUnchanged } from '../fs/atomic-write';
import { LockLostError, withFileLock, type LockOptions } from '../fs/file-lock';

export type NewRecord = Omit<KnownGoodRecord, 'prev'>;

export interface AppendResult {
  line: number;
  hash: string;
  record: KnownGoodRecord;
}

/** How many times a writer that lost its lock (paused past the stale time) starts over. */
const LOCK_LOST_ATTEMPTS = 5;

/**
 * The append-only, hash-chained known-good file. Writers serialize on a lock
 * and replace the file atomically, so concurrent writers never lose a record
 * and a writer killed at any instant leaves the previous, valid file. A writer
 * paused past the lock's stale time (another writer took the lock over) finds
 * the file changed right before its rename, replaces nothing, and starts over.
 */
export class KnownGoodStore {
  constructor(
    readonly path: string,
    /** How the store is named in messages (workspace-relative). */
    readonly displayPath: string = path,
    private readonly lockOptions: LockOptions = {},
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

  /** Every record, oldest first. Refuses a store whose chain is broken. */
  async records(): Promise<KnownGoodRecord[]> {
    return this.verified(await this.readText()).records;
  }

  async append(entry: NewRecord): Promise<AppendResult> {
    return this.locked(async (assertHeld) => {
      await removeStaleTempFiles(this.path);
      const text = await this.readText();
      const chain = this.verified(text);
      const record: KnownGoodRecord = { ...entry, prev: chain.head };
      const line = serializeRecord(record);
      assertHeld();
      await this.replace(`${text}${line}\n`, text);
      return { line: chain.lines.length + 1, hash: lineHash(line), record };
    });
  }

  /** Keep the newest `keep` records behind a checkpoint; returns how many were removed. */
  async prune(keep: number, timestamp: string): Promise<number> {
    return this.locked(async (assertHeld) => {
      await removeStaleTempFiles(this.path);
      const text = await this.readText();
      const chain = this.verified(text);
      const kept = pruneLines(splitLines(text), chain.lines, keep, timestamp);
      if (!kept) return 0;
      assertHeld();
      await this.replace(`${kept.join('\n')}\n`, text);
      return chain.records.length - keep;
    });
  }

  private verified(text: string): Extract<ChainResult, { ok: true }> {
    const chain = verifyChain(text);
    if (!chain.ok) {
      throw new SeamlineError(
        `${this.displayPath}:${chain.line}: ${chain.problem}; restore the store from git (git checkout -- ${this.displayPath}) before using it`,
        this.displayPath,
      );
    }
    return chain;
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
          throw new SeamlineError(`${error.message}, ${attempt} times; nothing was written, retry`, this.displayPath);
        }
      }
    }
  }
}
