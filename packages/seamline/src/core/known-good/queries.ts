import { shortHead } from './head';
import type { KnownGoodRecord } from './record';

/** The suite whose pass makes a tuple releasable. */
export const FULL_SUITE = 'full';

/** The newest record of a suite, or of any suite when none is named. */
export function latest(records: readonly KnownGoodRecord[], suite?: string): KnownGoodRecord | undefined {
  for (let i = records.length - 1; i >= 0; i--) {
    if (suite === undefined || records[i].suite === suite) return records[i];
  }
  return undefined;
}

/** A shields.io endpoint badge (https://shields.io/badges/endpoint-badge) for the latest known good. */
export interface EndpointBadge {
  schemaVersion: 1;
  label: string;
  message: string;
  color: string;
}

/** The badge names the store's head (its prefix, as everywhere a head is shown), so the published badge anchors the store. */
export function badge(record: KnownGoodRecord | undefined, head: string | null, label = 'known good'): EndpointBadge {
  if (!record || !head) return { schemaVersion: 1, label, message: 'none yet', color: 'lightgrey' };
  const day = record.timestamp.slice(0, 10);
  return { schemaVersion: 1, label, message: `${day} · head ${shortHead(head)}`, color: 'brightgreen' };
}

/**
 * Find a record by reference: `latest`, `latest~N` (N records before the
 * latest), or a prefix (at least 7 hex) of its manifest hash.
 */
export function findRecord(records: readonly KnownGoodRecord[], ref: string, suite?: string): KnownGoodRecord | undefined {
  const pool = suite ? records.filter((r) => r.suite === suite) : records;
  const back = /^latest(?:~(\d+))?$/.exec(ref);
  if (back) return pool[pool.length - 1 - Number(back[1] ?? 0)];
  if (/^[0-9a-f]{7,64}$/.test(ref)) {
    const hits = pool.filter((r) => r.manifest_sha256.startsWith(ref));
    return hits[hits.length - 1];
  }
  return undefined;
}
