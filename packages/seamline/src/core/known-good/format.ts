import { SeamlineError } from '../errors';
import { shortSha } from '../tuple';
import type { ChainResult } from './chain';
import type { KnownGoodRecord } from './record';

/** What a known-good query shows: lines for a person, and what `--json` prints instead (none: the lines either way). */
export interface KnownGoodOutput {
  lines: string[];
  json?: unknown;
}

/** `<title>: <timestamp>, manifest <hash>, <duration>s[, <run>]`, then one aligned line per pinned component. */
export function describeRecord(record: KnownGoodRecord, title: string): string[] {
  const width = Math.max(...Object.keys(record.tuple).map((n) => n.length));
  const manual = record.manual === undefined ? '' : `, MANUAL: ${record.manual}`;
  return [
    `${title}: ${record.timestamp}, manifest ${shortSha(record.manifest_sha256)}, ${record.duration_s}s${record.run ? `, ${record.run}` : ''}${manual}`,
    ...Object.entries(record.tuple).map(([name, sha]) => `  ${name.padEnd(width)}  ${sha}`),
  ];
}

/** The verdict on a store's chain, checked against the head the caller expects; a broken chain or another head is a SeamlineError. */
export function describeVerify(displayPath: string, result: ChainResult, head: string | undefined): KnownGoodOutput {
  if (!result.ok) throw new SeamlineError(`${displayPath}:${result.line}: ${result.problem}; restore it from git`, displayPath);
  if (head !== undefined && head.toLowerCase() !== result.head) {
    throw new SeamlineError(
      `${displayPath}: the last line hashes to ${result.head ?? '(empty store)'}, not the expected head ${head}: records were cut from or edited at the end`,
      displayPath,
    );
  }
  const count = result.records.length;
  const checkpoint = result.lines.length > count ? ', after a checkpoint' : '';
  return {
    lines: [`${displayPath}: ${count} record(s)${checkpoint}, chain intact${result.head ? `, head ${result.head}` : ''}`],
    json: { ok: true, records: count, head: result.head },
  };
}

/**
 * Whether `component@sha` can be released, given the full-suite record it passed in (if any)
 * and, when there is none, a manual record that names it (which is not proof).
 */
export function describeCanRelease(
  component: string,
  sha: string,
  record: KnownGoodRecord | undefined,
  manual?: KnownGoodRecord,
): { ok: boolean; line: string; json: unknown } {
  if (!record && manual)
    return {
      ok: false,
      line: `${component}@${shortSha(sha)} cannot be released: only a manual record (${manual.timestamp}, "${manual.manual}") names it, and a manual record is not a passing run; run the full suite on it`,
      json: { canRelease: false, manual },
    };
  if (!record)
    return {
      ok: false,
      line: `${component}@${shortSha(sha)} cannot be released: it is not part of any tuple that passed the full suite`,
      json: { canRelease: false },
    };
  return {
    ok: true,
    line: `${component}@${shortSha(sha)} can be released: it passed the full suite at ${record.timestamp} (manifest ${shortSha(record.manifest_sha256)})`,
    json: { canRelease: true, record },
  };
}

/** The line after `--prune`: how many records went, or that there was nothing to prune. */
export function describePrune(displayPath: string, removed: number, keep: number, count: number): string {
  return removed
    ? `Pruned ${removed} record(s) from ${displayPath}; kept ${keep} behind a checkpoint`
    : `Nothing to prune: ${displayPath} holds ${count} record(s)`;
}
