import { sha256 } from '../hash';
import { splitLines } from './chain';

/** Where one version of the store stops being what the version before it vouched for. */
export type SuccessorCheck = { ok: true; pruned: boolean } | { ok: false; line: number; problem: string };

interface Checkpoint {
  pruned: number;
  head: string;
}

function checkpointOf(text: string | undefined): Checkpoint | undefined {
  if (text === undefined) return undefined;
  try {
    const data = JSON.parse(text) as { checkpoint?: unknown; pruned?: unknown; head?: unknown };
    if (data && data.checkpoint === true && typeof data.pruned === 'number' && typeof data.head === 'string') return { pruned: data.pruned, head: data.head };
  } catch {
    // not JSON: not a checkpoint (verifyChain names it)
  }
  return undefined;
}

/**
 * Whether `next` is a legitimate successor of `prev`, two versions of the
 * append-only store: `next` starts with every line of `prev` unchanged (appends
 * only), or `next` is a prune of `prev`: a checkpoint whose `head` is the hash
 * of the last line it replaced and whose `pruned` count says how many records
 * that was, followed by the rest of `prev`'s lines unchanged. Lines are 1-based
 * lines of `next`.
 */
export function checkSuccessor(prev: string, next: string): SuccessorCheck {
  const before = splitLines(prev);
  const after = splitLines(next);
  if (before.length && !prev.endsWith('\n'))
    return { ok: false, line: before.length, problem: `line ${before.length} was committed without its final newline` };
  const oldCheckpoint = checkpointOf(before[0]);
  const newCheckpoint = checkpointOf(after[0]);
  if (
    newCheckpoint &&
    (!oldCheckpoint || newCheckpoint.pruned !== oldCheckpoint.pruned || newCheckpoint.head !== oldCheckpoint.head || after[0] !== before[0])
  ) {
    return checkPrune(before, after, oldCheckpoint, newCheckpoint);
  }
  for (let i = 0; i < before.length; i++) {
    if (i >= after.length) {
      return { ok: false, line: i + 1, problem: `line ${i + 1} and ${before.length - i} line(s) in all were removed (records deleted from the end)` };
    }
    if (after[i] !== before[i]) return { ok: false, line: i + 1, problem: `line ${i + 1} was changed (a record edited, replaced or re-chained)` };
  }
  return { ok: true, pruned: false };
}

function checkPrune(before: string[], after: string[], oldCheckpoint: Checkpoint | undefined, checkpoint: Checkpoint): SuccessorCheck {
  const offset = oldCheckpoint ? 1 : 0;
  const already = oldCheckpoint?.pruned ?? 0;
  const records = before.length - offset;
  const removed = checkpoint.pruned - already;
  const fail = (problem: string): SuccessorCheck => ({ ok: false, line: 1, problem: `line 1 is a checkpoint that ${problem}` });
  if (!Number.isInteger(removed) || removed < 1) {
    return fail(`says ${checkpoint.pruned} record(s) were pruned in all, but ${already} already were: it replaced nothing`);
  }
  if (removed > records) return fail(`says it replaced ${removed} record(s), but the version before it held ${records} (prune only a committed store)`);
  const last = before[offset + removed - 1];
  if (sha256(last) !== checkpoint.head) {
    return fail(
      `names head ${checkpoint.head.slice(0, 16)}, but the last record it replaced (line ${offset + removed} before the prune) hashes to ${sha256(last).slice(0, 16)}: a forged checkpoint`,
    );
  }
  const kept = before.slice(offset + removed);
  for (let i = 0; i < kept.length; i++) {
    if (after[i + 1] !== kept[i]) {
      return { ok: false, line: i + 2, problem: `line ${i + 2} is not the record the prune kept there (a record edited or removed along with the prune)` };
    }
  }
  return { ok: true, pruned: true };
}

/** The hashes of every line of a version of the store, and the head a checkpoint carries. */
export function lineHashes(text: string): string[] {
  const lines = splitLines(text);
  const hashes = lines.map(sha256);
  const checkpoint = checkpointOf(lines[0]);
  return checkpoint ? [checkpoint.head, ...hashes] : hashes;
}
