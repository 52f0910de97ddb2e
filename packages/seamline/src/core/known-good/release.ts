import { shortSha } from '../tuple';
import { shortHead } from './head';
import { FULL_SUITE } from './queries';
import { isCheckpoint, type KnownGoodRecord, type StoreLine } from './record';

/** A record as the answer names it: its line in the store and the hash of that line (the head it was). */
export interface RecordRef {
  /** 1-based line of the store file. */
  line: number;
  /** sha256 of the line: the store's head right after it was appended. */
  hash: string;
  suite: string;
  timestamp: string;
  manifest_sha256: string;
  run: string | null;
}

/** Why a SHA cannot be released. */
export type NotReleasable =
  /** No full-suite record pins it. */
  | 'not-known-good'
  /** Only manual records pin it: a person's word, not a passing run. */
  | 'manual-only'
  /** Every full run that pinned it passed only with a seam touching the component failing under quarantine. */
  | 'quarantined'
  /** Every full run that pinned it kept the component at a held SHA (seamline.yaml `hold:`), not at its main. */
  | 'held'
  /** The store's chain or its git history does not verify: it vouches for nothing, not even a latest known good. */
  | 'store-not-verified';

/**
 * The answer to `known-good --can-release`: the text line and the `--json` output
 * are both made from it, so a workflow reads what a person reads.
 */
export type ReleaseVerdict = {
  component: string;
  sha: string;
  /** The one line a person reads (and a failing gate prints). */
  message: string;
  /** The latest SHA of the component that a full-suite record verifies: what can be released instead; null when none. */
  latestKnownGood: (RecordRef & { sha: string }) | null;
} & (
  | { canRelease: true; verifiedBy: RecordRef & { tuple: Record<string, string> } }
  | { canRelease: false; reason: NotReleasable; manual?: RecordRef & { manual: string }; quarantined?: { record: RecordRef; seams: string[] } }
);

/** What the answer is computed from: a store whose chain (and git history) was verified. */
export interface VerifiedStore {
  lines: readonly StoreLine[];
  /** sha256 of each line, as the chain verification computed them. */
  hashes: readonly string[];
}

interface Numbered {
  record: KnownGoodRecord;
  ref: RecordRef;
}

/**
 * The seams that failed under quarantine in a record's run and touch `component`.
 * A quarantined seam's failure did not fail the run, so it is no evidence for the
 * components it touches: a quarantined state never makes a SHA releasable.
 */
export function quarantinedSeamsOf(record: KnownGoodRecord, component: string): string[] {
  return Object.entries(record.quarantined ?? {})
    .filter(([, components]) => components.includes(component))
    .map(([seam]) => seam)
    .sort();
}

/**
 * Whether a record verifies `component` at the SHA it pins: a full-suite record of a
 * passing run (not a manual one) in which no seam touching the component failed under
 * quarantine, and the component was not held.
 */
export function verifiesComponent(record: KnownGoodRecord, component: string): boolean {
  return (
    record.suite === FULL_SUITE &&
    record.manual === undefined &&
    component in record.tuple &&
    quarantinedSeamsOf(record, component).length === 0 &&
    !heldIn(record, component)
  );
}

/** A component kept at a held SHA was not tested at its main: the record says nothing new about it. */
const heldIn = (record: KnownGoodRecord, component: string): boolean => (record.holds ?? []).some((h) => h.component === component);

/** The oldest record that verifies `component@sha` (see verifiesComponent), or undefined. */
export function canRelease(records: readonly KnownGoodRecord[], component: string, sha: string): KnownGoodRecord | undefined {
  const wanted = sha.toLowerCase();
  return records.find((r) => r.tuple[component] === wanted && verifiesComponent(r, component));
}

/** May `component@sha` be released, and on which record's word. Pure: the store was read and verified by the caller. */
export function decideRelease(store: VerifiedStore, component: string, sha: string): ReleaseVerdict {
  const wanted = sha.toLowerCase();
  const records: Numbered[] = store.lines.flatMap((line, i) => (isCheckpoint(line) ? [] : [{ record: line, ref: refOf(line, i, store.hashes[i]) }]));
  const verified = records.filter((r) => verifiesComponent(r.record, component));
  const last = verified[verified.length - 1];
  const latestKnownGood = last ? { ...last.ref, sha: last.record.tuple[component] } : null;
  const subject = `${component}@${shortSha(wanted)}`;
  const instead = latestKnownGood
    ? `; the latest known good ${component} is ${latestKnownGood.sha} (line ${latestKnownGood.line}, ${latestKnownGood.timestamp})`
    : `; no full-suite record verifies ${component} yet`;

  // The newest record that verifies it: the strongest, most recent word.
  const hit = [...verified].reverse().find((r) => r.record.tuple[component] === wanted);
  if (hit) {
    const { ref } = hit;
    return {
      component,
      sha: wanted,
      canRelease: true,
      verifiedBy: { ...ref, tuple: hit.record.tuple },
      latestKnownGood,
      message: `${subject} can be released: verified by known-good line ${ref.line} (suite ${ref.suite}, ${ref.timestamp}, manifest ${shortSha(ref.manifest_sha256)}, head ${shortHead(ref.hash)}${ref.run ? `, ${ref.run}` : ''})`,
    };
  }
  const pinning = records.filter((r) => r.record.suite === FULL_SUITE && r.record.tuple[component] === wanted);
  const quarantinedIn = [...pinning].reverse().find((r) => r.record.manual === undefined && quarantinedSeamsOf(r.record, component).length);
  if (quarantinedIn) {
    const seams = quarantinedSeamsOf(quarantinedIn.record, component);
    return {
      component,
      sha: wanted,
      canRelease: false,
      reason: 'quarantined',
      quarantined: { record: quarantinedIn.ref, seams },
      latestKnownGood,
      message: `${subject} cannot be released: the full run that pinned it (line ${quarantinedIn.ref.line}) passed only with seam(s) ${seams.join(', ')} failing under quarantine, so nothing verified ${component} there; fix the seam(s) and run the full suite again${instead}`,
    };
  }
  const heldRecord = [...pinning].reverse().find((r) => r.record.manual === undefined && heldIn(r.record, component));
  if (heldRecord) {
    const hold = heldRecord.record.holds!.find((h) => h.component === component)!;
    return {
      component,
      sha: wanted,
      canRelease: false,
      reason: 'held',
      latestKnownGood,
      message: `${subject} cannot be released: the full run that pinned it (line ${heldRecord.ref.line}) held ${component} there (hold reason: ${hold.reason}), so it vouches for the others, not for ${component}; release a SHA a full run tested at its main${instead}`,
    };
  }
  const manual = [...pinning].reverse().find((r) => r.record.manual !== undefined);
  if (manual) {
    return {
      component,
      sha: wanted,
      canRelease: false,
      reason: 'manual-only',
      manual: { ...manual.ref, manual: manual.record.manual! },
      latestKnownGood,
      message: `${subject} cannot be released: only a manual record (line ${manual.ref.line}, "${manual.record.manual}") names it, and a manual record is not a passing run; run the full suite on it${instead}`,
    };
  }
  return {
    component,
    sha: wanted,
    canRelease: false,
    reason: 'not-known-good',
    latestKnownGood,
    message: `${subject} cannot be released: it is not part of any tuple that passed the full suite${instead}`,
  };
}

/** The answer when the store itself does not verify (`why`: the verification's one line). */
export function storeNotVerified(component: string, sha: string, why: string): ReleaseVerdict {
  const wanted = sha.toLowerCase();
  return {
    component,
    sha: wanted,
    canRelease: false,
    reason: 'store-not-verified',
    latestKnownGood: null,
    message: `${component}@${shortSha(wanted)} cannot be released: the known-good store does not verify: ${why}`,
  };
}

function refOf(record: KnownGoodRecord, index: number, hash: string): RecordRef {
  return { line: index + 1, hash, suite: record.suite, timestamp: record.timestamp, manifest_sha256: record.manifest_sha256, run: record.run };
}
