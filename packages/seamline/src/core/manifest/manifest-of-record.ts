import { SeamlineError } from '../errors';
import type { KnownGoodRecord } from '../known-good/record';
import type { FullManifest } from './manifest';

/** The manifest that runs a known-good record's tuple again, with the suite it passed. */
export function manifestOfRecord(record: KnownGoodRecord, components: Readonly<Record<string, { repo: string }>>, timestamp: string): FullManifest {
  const others = Object.entries(record.tuple).map(([name, sha]) => {
    if (!components[name]) throw new SeamlineError(`--record: component "${name}" of that record is no longer declared`);
    return { name, repo: components[name].repo, sha, from: 'known-good' as const };
  });
  return { kind: 'full', others, subset: record.suite, timestamp };
}
