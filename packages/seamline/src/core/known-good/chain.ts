import { fromZodError } from '../errors';
import { sha256 } from '../hash';
import { checkpointRecordSchema, type KnownGoodRecord, knownGoodRecordSchema, type StoreLine } from './record';

export type ChainResult =
  | { ok: true; lines: StoreLine[]; records: KnownGoodRecord[]; head: string | null; /** sha256 of each line */ hashes: string[] }
  | { ok: false; line: number; problem: string };

/** The text of each line; a file cut mid-record is reported by `verifyChain`, not hidden here. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Check the whole hash chain. Names the first line where history stops being
 * what the chain vouches for: a line that is not a record, a record whose
 * `prev` is not the hash of the line before it (edited, deleted or reordered
 * history), or a file truncated in the middle of a line.
 */
export function verifyChain(text: string): ChainResult {
  const texts = splitLines(text);
  const hashes = texts.map(sha256);
  const lines: StoreLine[] = [];
  for (let i = 0; i < texts.length; i++) {
    const n = i + 1;
    if (i === texts.length - 1 && !text.endsWith('\n')) {
      return { ok: false, line: n, problem: `line ${n} is incomplete (no final newline): the store was truncated mid-record` };
    }
    let data: unknown;
    try {
      data = JSON.parse(texts[i]);
    } catch {
      return { ok: false, line: n, problem: `line ${n} is not valid JSON: it was edited or truncated` };
    }
    const isCheckpoint = typeof data === 'object' && data !== null && 'checkpoint' in data;
    const schema = isCheckpoint ? checkpointRecordSchema : knownGoodRecordSchema;
    const parsed = schema.safeParse(data, { reportInput: true });
    if (!parsed.success) {
      return { ok: false, line: n, problem: `line ${n}: ${fromZodError(undefined, parsed.error).message}` };
    }
    const line = parsed.data as StoreLine;
    if (isCheckpoint && i > 0) {
      return { ok: false, line: n, problem: `line ${n} is a checkpoint; only the first line may be one (lines were reordered or inserted)` };
    }
    const expected = i === 0 ? null : lines[i - 1] && 'checkpoint' in lines[i - 1] ? (lines[i - 1] as { head: string }).head : hashes[i - 1];
    if (line.prev !== expected) {
      return { ok: false, line: n, problem: brokenLink(n, line.prev, hashes) };
    }
    lines.push(line);
  }
  return {
    ok: true,
    lines,
    records: lines.filter((l): l is KnownGoodRecord => !('checkpoint' in l)),
    head: hashes.length ? hashes[hashes.length - 1] : null,
    hashes,
  };
}

function brokenLink(n: number, prev: string | null, hashes: string[]): string {
  if (n === 1) return `line 1 has prev ${prev}, but the first record's prev is null: the records before it were deleted (use prune, which writes a checkpoint)`;
  const match = hashes.indexOf(prev ?? '');
  if (match >= 0) return `line ${n} is out of order: its prev is the hash of line ${match + 1}, not of line ${n - 1} (records were reordered)`;
  return `chain broken at line ${n}: its prev is not the hash of line ${n - 1}, so line ${n - 1} was edited or records between them were deleted`;
}

export const lineHash = sha256;
