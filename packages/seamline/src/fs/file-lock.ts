import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { lock } from 'proper-lockfile';
import { SeamlineError } from '../core/errors';

/**
 * Thrown by a task that found the locked file changed under it, or by
 * `assertHeld` once the lock was found compromised: another process took the
 * lock over (it went stale while this one was paused). The lock is no longer
 * ours, so it is not released (that would remove the other holder's lock);
 * the caller may retry from the start. A SeamlineError, so a caller that does
 * not retry shows it as its one line.
 */
export class LockLostError extends SeamlineError {
  constructor(message: string, file?: string) {
    super(message, file);
    this.name = 'LockLostError';
  }
}

export interface LockOptions {
  /** Milliseconds after which a lock whose holder stopped refreshing it is taken over. */
  staleMs?: number;
  /** How long to wait for another holder before giving up. */
  waitMs?: number;
  /** Shown in errors instead of the absolute path. */
  displayPath?: string;
}

/**
 * Run `task` holding an exclusive inter-process lock on `file` (a
 * `<file>.lock` directory, refreshed while held). A holder that was killed
 * leaves a lock that turns stale after `staleMs` and is then taken over.
 * If the lock is lost mid-task (it went stale under us), the task's result is
 * refused rather than trusted.
 */
export async function withFileLock<T>(file: string, task: (assertHeld: () => void) => Promise<T>, options: LockOptions = {}): Promise<T> {
  const staleMs = options.staleMs ?? 5000;
  const waitMs = options.waitMs ?? 60_000;
  const shown = options.displayPath ?? file;
  await mkdir(dirname(file), { recursive: true });
  let compromised: Error | undefined;
  let release: () => Promise<void>;
  try {
    release = await lock(file, {
      realpath: false,
      stale: staleMs,
      update: Math.max(1000, Math.floor(staleMs / 5)),
      retries: { retries: Math.ceil(waitMs / 75), factor: 1, minTimeout: 50, maxTimeout: 250, randomize: true },
      onCompromised: (error) => {
        compromised = error;
      },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') {
      throw new SeamlineError(
        `${shown}: still locked by another writer after ${Math.round(waitMs / 1000)}s; if no other run is active, remove ${shown}.lock and retry`,
        shown,
      );
    }
    throw error;
  }
  const assertHeld = () => {
    // Which of the two a paused writer meets first (this, or the file changed under it) is a race: both may be retried.
    if (compromised) throw new LockLostError(`${shown}: lost the lock while writing (${compromised.message}); nothing was written, retry`, shown);
  };
  let lost = false;
  try {
    return await task(assertHeld);
  } catch (error) {
    lost = error instanceof LockLostError;
    throw error;
  } finally {
    if (!compromised && !lost) await release().catch(() => undefined);
  }
}
