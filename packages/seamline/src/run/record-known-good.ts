import { logger } from '@nx/devkit';
import type { WorkspaceModel } from '../core/config/workspace-model';
import { utcTimestamp } from '../core/time';
import { shortSha, type Tuple } from '../core/tuple';
import { openStore } from '../workspace/open-store';

export interface KnownGoodEntry {
  tuple: Tuple;
  manifestSha256: string;
  suite: string;
  durationS: number;
  /** The CI run that passed, or null when there is none. */
  run: string | null;
}

/** Append one known-good record and say so in one line: the only place a record is made. */
export async function recordKnownGood(root: string, model: WorkspaceModel, entry: KnownGoodEntry): Promise<{ line: number; head: string }> {
  const store = openStore(root, model);
  const { line, hash } = await store.append({
    timestamp: utcTimestamp(new Date()),
    tuple: entry.tuple,
    manifest_sha256: entry.manifestSha256,
    suite: entry.suite,
    duration_s: entry.durationS,
    run: entry.run,
  });
  logger.info(
    `Recorded known good: ${store.displayPath} line ${line} (suite ${entry.suite}, manifest ${shortSha(entry.manifestSha256)}, head ${shortSha(hash)})`,
  );
  return { line, head: hash };
}
