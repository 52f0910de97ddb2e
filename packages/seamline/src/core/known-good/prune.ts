import { SeamlineError } from '../errors';
import { sha256 } from '../hash';
import { type CheckpointRecord, type StoreLine, serializeCheckpoint } from './record';

/**
 * The lines that remain after keeping the newest `keep` records: a checkpoint
 * that carries the hash of the last removed line, then the kept lines
 * unchanged, so the chain still verifies and kept records keep their hashes.
 */
export function pruneLines(texts: readonly string[], lines: readonly StoreLine[], keep: number, timestamp: string): string[] | undefined {
  if (!Number.isInteger(keep) || keep < 1) throw new SeamlineError(`keep: expected a whole number of records of at least 1, got ${keep}`);
  const previous = lines[0] && 'checkpoint' in lines[0] ? (lines[0] as CheckpointRecord) : undefined;
  const records = previous ? lines.length - 1 : lines.length;
  if (records <= keep) return undefined;
  const cut = texts.length - keep;
  const removed = cut - (previous ? 1 : 0);
  const checkpoint: CheckpointRecord = {
    timestamp,
    checkpoint: true,
    pruned: removed + (previous?.pruned ?? 0),
    head: sha256(texts[cut - 1]),
    prev: null,
  };
  return [serializeCheckpoint(checkpoint), ...texts.slice(cut)];
}
