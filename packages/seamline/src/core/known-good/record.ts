import { z } from 'zod';
import { shaSchema } from '../sha';
import { COMPONENT_NAME_PATTERN, componentNameSchema } from '../component-name';

/** One passing suite: a line of the known-good store. */
export interface KnownGoodRecord {
  timestamp: string;
  tuple: Record<string, string>;
  manifest_sha256: string;
  suite: string;
  duration_s: number;
  /** sha256 of the previous line's exact text; null on the first line. */
  prev: string | null;
  run: string | null;
  /**
   * Present only on a record made by hand (`record-known-good --manual --reason=...`):
   * the reason given. Such a record is no proof that a suite passed.
   */
  manual?: string;
  /**
   * Seams that failed under quarantine in the recorded run (the run passed without
   * them), each with the components it touches. Absent when none did. A record does
   * not verify a component that such a seam touches (see core/known-good/release).
   */
  quarantined?: Record<string, string[]>;
  /**
   * Present only when `full` ran with holds in force (seamline.yaml `hold:`): the
   * components it kept at a held SHA instead of their main, and why. Absent
   * otherwise, so records made before holds existed read and chain as they were.
   */
  holds?: RecordHold[];
}

/** A hold as a known-good record names it. */
export interface RecordHold {
  component: string;
  sha: string;
  reason: string;
  expires: string;
}

/** The first line after `prune`: stands in for the records it removed. */
export interface CheckpointRecord {
  timestamp: string;
  checkpoint: true;
  /** How many records were pruned in all, over every prune so far. */
  pruned: number;
  /** sha256 of the last pruned line: the next line's `prev` must equal it. */
  head: string;
  prev: null;
}

export type StoreLine = KnownGoodRecord | CheckpointRecord;

export const isCheckpoint = (line: StoreLine): line is CheckpointRecord => 'checkpoint' in line;

const hash = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 hex digest');
const timestamp = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/, 'an RFC 3339 UTC timestamp');

export const knownGoodRecordSchema = z.strictObject({
  timestamp,
  tuple: z.record(componentNameSchema, shaSchema).refine((t) => Object.keys(t).length > 0, 'at least one pinned component'),
  manifest_sha256: hash,
  suite: z.string().min(1),
  duration_s: z.number().nonnegative(),
  prev: hash.nullable(),
  run: z.string().nullable(),
  manual: z.string().trim().min(1).optional(),
  quarantined: z.record(z.string().min(1), z.array(componentNameSchema)).optional(),
  holds: z
    .array(
      z.strictObject({
        component: componentNameSchema,
        sha: shaSchema,
        reason: z.string().min(1),
        expires: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD'),
      }),
    )
    .min(1)
    .optional(),
});

export const checkpointRecordSchema = z.strictObject({
  timestamp,
  checkpoint: z.literal(true),
  pruned: z.number().int().positive(),
  head: hash,
  prev: z.null(),
});

/** One line of the store, keys in a fixed order so the bytes (and the chain) are reproducible. */
export function serializeRecord(record: KnownGoodRecord): string {
  const tuple = Object.fromEntries(
    Object.keys(record.tuple)
      .sort()
      .map((k) => [k, record.tuple[k]]),
  );
  return JSON.stringify({
    timestamp: record.timestamp,
    tuple,
    manifest_sha256: record.manifest_sha256,
    suite: record.suite,
    duration_s: record.duration_s,
    prev: record.prev,
    run: record.run,
    ...(record.manual === undefined ? {} : { manual: record.manual }),
    ...(record.quarantined === undefined ? {} : { quarantined: record.quarantined }),
    ...(record.holds?.length ? { holds: record.holds.map((h) => ({ component: h.component, sha: h.sha, reason: h.reason, expires: h.expires })) } : {}),
  });
}

export function serializeCheckpoint(checkpoint: CheckpointRecord): string {
  const { timestamp: ts, pruned, head } = checkpoint;
  return JSON.stringify({ timestamp: ts, checkpoint: true, pruned, head, prev: null });
}

const RECORD_KEYS = ['timestamp', 'tuple', 'manifest_sha256', 'suite', 'duration_s', 'prev', 'run'];
const HASH = /^[0-9a-f]{64}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const LOWER_SHA = /^[0-9a-f]{40}$/;

/**
 * `data` as a record when it is one exactly as `serializeRecord` writes it (keys in
 * order, SHAs lowercase, `manual` already trimmed), checked without zod: verifying a
 * store of 100,000 records spends most of its time in the schema otherwise. Whatever
 * this does not accept, however valid, goes to `knownGoodRecordSchema`, which has the
 * last word and the error messages; so this accepts nothing the schema refuses and
 * returns exactly what the schema would.
 */
export function canonicalRecord(data: unknown): KnownGoodRecord | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const r = data as Record<string, unknown>;
  const keys = Object.keys(r);
  const manual = keys.length === RECORD_KEYS.length + 1 && keys[RECORD_KEYS.length] === 'manual';
  if (keys.length !== RECORD_KEYS.length + (manual ? 1 : 0) || RECORD_KEYS.some((k, i) => keys[i] !== k)) return undefined;
  if (typeof r.timestamp !== 'string' || !TIMESTAMP.test(r.timestamp)) return undefined;
  if (typeof r.manifest_sha256 !== 'string' || !HASH.test(r.manifest_sha256)) return undefined;
  if (typeof r.suite !== 'string' || !r.suite) return undefined;
  if (typeof r.duration_s !== 'number' || !(r.duration_s >= 0)) return undefined;
  if (r.prev !== null && (typeof r.prev !== 'string' || !HASH.test(r.prev))) return undefined;
  if (r.run !== null && typeof r.run !== 'string') return undefined;
  if (manual && (typeof r.manual !== 'string' || !r.manual || r.manual.trim() !== r.manual)) return undefined;
  const tuple = r.tuple;
  if (typeof tuple !== 'object' || tuple === null || Array.isArray(tuple)) return undefined;
  const entries = Object.entries(tuple);
  if (!entries.length) return undefined;
  for (const [name, sha] of entries) if (!COMPONENT_NAME_PATTERN.test(name) || typeof sha !== 'string' || !LOWER_SHA.test(sha)) return undefined;
  return r as unknown as KnownGoodRecord;
}
