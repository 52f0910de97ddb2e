import { SeamlineError } from '../errors';
import type { KnownGoodRecord } from '../known-good/record';
import type { FullManifest } from './manifest';

/** The manifest that runs a known-good record's tuple again, with the suite it passed. */
export function manifestOfRecord(record: KnownGoodRecord, components: Readonly<Record<string, { repo: string }>>, timestamp: string): FullManifest {
  const others = Object.entries(record.tuple).map(([name, sha]) => {
    if (!components[name]) throw new SeamlineError(`--record: component "${name}" of that record is no longer declared`);
    return { name, repo: components[name].repo, sha, from: 'known-good' as const };
  });
  // As a manifest must: one declared since the record has no pin in it, and the run would leave it out.
  const added = Object.keys(components)
    .filter((name) => !(name in record.tuple))
    .sort();
  if (added.length)
    throw new SeamlineError(
      `--record: that record (${record.manifest_sha256.slice(0, 12)}) has no pin for component ${added.map((n) => `"${n}"`).join(', ')}, declared since; it cannot run as recorded. Pick a later record, or run full`,
    );
  return { kind: 'full', others, subset: record.suite, timestamp };
}
