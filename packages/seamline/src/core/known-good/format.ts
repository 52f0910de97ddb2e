import { SeamlineError } from '../errors';
import { shortSha } from '../tuple';
import type { ChainResult } from './chain';
import { parseHeadPrefix, shortHead } from './head';
import { lineHashes } from './history';
import { isCheckpoint, type KnownGoodRecord } from './record';

/** What a known-good query shows: lines for a person, and what `--json` prints instead (none: the lines either way). */
export interface KnownGoodOutput {
  lines: string[];
  json?: unknown;
}

/** What `--json=FILE` holds: the one output's JSON, or the list when there are several. */
export function outputsJson(outputs: readonly KnownGoodOutput[]): unknown {
  const data = outputs.flatMap((o) => (o.json === undefined ? [] : [o.json]));
  return data.length === 1 ? data[0] : data;
}

/** `<title>: <timestamp>, manifest <hash>, <duration>s[, <run>]`, then one aligned line per pinned component. */
export function describeRecord(record: KnownGoodRecord, title: string): string[] {
  const width = Math.max(...Object.keys(record.tuple).map((n) => n.length));
  const manual = record.manual === undefined ? '' : `, MANUAL: ${record.manual}`;
  return [
    `${title}: ${record.timestamp}, manifest ${shortSha(record.manifest_sha256)}, ${record.duration_s}s${record.run ? `, ${record.run}` : ''}${manual}`,
    ...Object.entries(record.tuple).map(([name, sha]) => {
      const hold = record.holds?.find((h) => h.component === name && h.sha === sha);
      return `  ${name.padEnd(width)}  ${sha}${hold ? `  HELD until ${hold.expires}: ${hold.reason}` : ''}`;
    }),
  ];
}

/** What verify learned from git about the store (see store/store-history). */
export interface HistorySummary {
  /** Committed versions checked; 0 when the store is not in git (then `reason` says why). */
  checked: number;
  uncommittedLines: number;
  reason?: string;
  /** The text of every committed version, oldest first: where an anchored head may be found. */
  versions: string[];
}

/**
 * The verdict on a store's chain and git history, checked against a head the
 * caller trusts: `head` is a prefix (12+ hex) of the hash of a line the store
 * or its committed history holds, so a head copied out of the repository at
 * any time anchors everything up to it. A broken chain, a head that is no
 * line of it or an ambiguous prefix is a SeamlineError.
 */
export function describeVerify(displayPath: string, result: ChainResult, head: string | undefined, history?: HistorySummary): KnownGoodOutput {
  if (!result.ok) throw new SeamlineError(`${displayPath}:${result.line}: ${result.problem}; restore it from git`, displayPath);
  const parts = [`chain intact${result.head ? `, head ${shortHead(result.head)}` : ''}`];
  if (history) {
    parts.push(
      history.checked
        ? `git history intact (${history.checked} commit(s)${history.uncommittedLines ? `, ${history.uncommittedLines} line(s) not committed yet` : ''})`
        : `git history not checked (${history.reason})`,
    );
  }
  let anchored: { line: number; after: number } | undefined;
  if (head !== undefined) {
    anchored = findAnchor(displayPath, result, parseHeadPrefix(head), history?.versions ?? []);
    parts.push(
      `extends the anchored head ${head.toLowerCase()} (line ${anchored.line}${anchored.after ? `, ${anchored.after} line(s) after it` : ', the last line'})`,
    );
  }
  const count = result.records.length;
  const checkpoint = result.lines.length > count ? ', after a checkpoint' : '';
  return {
    lines: [`${displayPath}: ${count} record(s)${checkpoint}, ${parts.join(', ')}`],
    json: { ok: true, records: count, head: result.head, history: history && { checked: history.checked, uncommittedLines: history.uncommittedLines } },
  };
}

/** Where the trusted head is: a line of the working store, or of a committed version (then pruned since). */
function findAnchor(displayPath: string, result: ChainResult & { ok: true }, prefix: string, versions: string[]): { line: number; after: number } {
  const current = result.lines.map((_, i) => i);
  const hashes = current.map((i) => result.hashes[i]);
  const checkpointHead = result.lines[0] && isCheckpoint(result.lines[0]) ? result.lines[0].head : undefined;
  const everywhere = new Set([...hashes, ...(checkpointHead ? [checkpointHead] : []), ...versions.flatMap(lineHashes)]);
  const matches = [...everywhere].filter((h) => h.startsWith(prefix));
  if (matches.length > 1)
    throw new SeamlineError(`--head=${prefix}: ambiguous, ${matches.length} lines of ${displayPath} hash to it; give more hex characters`, displayPath);
  if (!matches.length) {
    throw new SeamlineError(
      `${displayPath}: no line of the store${versions.length ? ' or of its committed history' : ''} hashes to the anchored head ${prefix}: records were cut from or edited at the end, or the history was rewritten`,
      displayPath,
    );
  }
  const at = hashes.indexOf(matches[0]);
  // A head pruned away since: everything up to it is vouched for by the checkpoint the history confirmed.
  return at >= 0 ? { line: at + 1, after: hashes.length - at - 1 } : { line: 1, after: hashes.length - 1 };
}

/** The line after `--prune`: how many records went, or that there was nothing to prune. */
export function describePrune(displayPath: string, removed: number, keep: number, count: number): string {
  return removed
    ? `Pruned ${removed} record(s) from ${displayPath}; kept ${keep} behind a checkpoint`
    : `Nothing to prune: ${displayPath} holds ${count} record(s)`;
}
