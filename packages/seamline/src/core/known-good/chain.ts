import { fromZodError } from '../errors';
import { sha256 } from '../hash';
import { canonicalRecord, checkpointRecordSchema, type KnownGoodRecord, knownGoodRecordSchema, type StoreLine } from './record';

export type ChainResult =
  | { ok: true; lines: StoreLine[]; records: KnownGoodRecord[]; head: string | null; /** sha256 of each line */ hashes: string[] }
  | { ok: false; line: number; problem: string };

/** Where a chain checked before ends: how many lines it had and what the next line's `prev` must be. */
export interface ChainEnd {
  lines: number;
  next: string | null;
  head: string | null;
}

export const EMPTY_CHAIN: ChainEnd = { lines: 0, next: null, head: null };

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
  return verifyChainAfter(EMPTY_CHAIN, text);
}

/**
 * `verifyChain` of the lines that follow a chain already checked (`before`): line
 * numbers go on from it, and the first line must name `before.next`. The result's
 * lines, records and hashes are those of `text` alone; its head is the whole chain's.
 */
export function verifyChainAfter(before: ChainEnd, text: string): ChainResult {
  const texts = splitLines(text);
  const hashes = texts.map(sha256);
  const lines: StoreLine[] = [];
  for (let i = 0; i < texts.length; i++) {
    const n = before.lines + i + 1;
    if (i === texts.length - 1 && !text.endsWith('\n')) return incomplete(n);
    const checked = checkLine(texts[i], n, i === 0 ? before.next : expectedPrev(lines[i - 1], hashes[i - 1]), hashes, before.lines + 1);
    if (!checked.ok) return checked;
    lines.push(checked.line);
  }
  return {
    ok: true,
    lines,
    records: lines.filter((l): l is KnownGoodRecord => !('checkpoint' in l)),
    head: hashes.length ? hashes[hashes.length - 1] : before.head,
    hashes,
  };
}

/** Where the chain ends after `result` (which followed `before`). */
export function chainEnd(before: ChainEnd, result: Extract<ChainResult, { ok: true }>): ChainEnd {
  const last = result.lines.length - 1;
  if (last < 0) return before;
  return { lines: before.lines + result.lines.length, next: expectedPrev(result.lines[last], result.hashes[last]), head: result.head };
}

export const incomplete = (n: number): { ok: false; line: number; problem: string } => ({
  ok: false,
  line: n,
  problem: `line ${n} is incomplete (no final newline): the store was truncated mid-record`,
});

/** What the line after `line` (whose text hashes to `hash`) must name as its `prev`. */
export function expectedPrev(line: StoreLine, hash: string): string {
  return 'checkpoint' in line ? line.head : hash;
}

type LineCheck = { ok: true; line: StoreLine } | { ok: false; line: number; problem: string };

/**
 * One line of the chain, line `n` (1-based): a record (or, on line 1 only, a
 * checkpoint) whose `prev` is `expected`. `hashes` are the hashes of lines
 * `firstHashed`, `firstHashed + 1`, ..., only to say which line a wrong `prev` names.
 */
export function checkLine(text: string, n: number, expected: string | null, hashes: readonly string[], firstHashed = 1): LineCheck {
  const parsed = parseLine(text, n);
  if (parsed.ok && parsed.line.prev !== expected) return { ok: false, line: n, problem: brokenLink(n, parsed.line.prev, hashes, firstHashed) };
  return parsed;
}

/** Line `n` as a record, or on line 1 only a checkpoint; its link is not checked. */
export function parseLine(text: string, n: number): LineCheck {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, line: n, problem: `line ${n} is not valid JSON: it was edited or truncated` };
  }
  const isCheckpoint = typeof data === 'object' && data !== null && 'checkpoint' in data;
  let line: StoreLine | undefined = isCheckpoint ? undefined : canonicalRecord(data);
  if (!line) {
    const schema = isCheckpoint ? checkpointRecordSchema : knownGoodRecordSchema;
    const parsed = schema.safeParse(data, { reportInput: true });
    if (!parsed.success) return { ok: false, line: n, problem: `line ${n}: ${fromZodError(undefined, parsed.error).message}` };
    line = parsed.data as StoreLine;
  }
  if (isCheckpoint && n > 1) {
    return { ok: false, line: n, problem: `line ${n} is a checkpoint; only the first line may be one (lines were reordered or inserted)` };
  }
  return { ok: true, line };
}

function brokenLink(n: number, prev: string | null, hashes: readonly string[], firstHashed: number): string {
  if (n === 1) return `line 1 has prev ${prev}, but the first record's prev is null: the records before it were deleted (use prune, which writes a checkpoint)`;
  const match = hashes.indexOf(prev ?? '');
  if (match >= 0) return `line ${n} is out of order: its prev is the hash of line ${match + firstHashed}, not of line ${n - 1} (records were reordered)`;
  return `chain broken at line ${n}: its prev is not the hash of line ${n - 1}, so line ${n - 1} was edited or records between them were deleted`;
}

export const lineHash = sha256;
