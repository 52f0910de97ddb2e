import { compareText } from '../compare-text';

/** One prepared checkout as gc sees it. */
export interface CheckoutEntry {
  /** `<component>@<sha>` */
  name: string;
  /** Bytes removing it would free (files shared with a package store are not counted). */
  bytes: number;
  /** Last use, in ms since the epoch. */
  lastUsed: number;
  /** A running process leases it. */
  leased: boolean;
  /** Why the next run will want it (a pin of the latest known good, a held pin): removed only after every other. */
  wanted?: WantedReason;
}

export type WantedReason = 'a pin of the latest known good' | 'held in seamline.yaml';
export type KeepReason = 'in use by a running process' | 'within the limit' | WantedReason;

export interface GcPlan {
  remove: CheckoutEntry[];
  keep: (CheckoutEntry & { reason: KeepReason })[];
  totalBytes: number;
  /** What is left once `remove` is gone. */
  afterBytes: number;
  /** False when leased checkouts alone are above the limit. */
  withinLimit: boolean;
}

/**
 * Least recently used first: remove checkouts until the rest fit in
 * `maxBytes`, never one that is leased, and the ones the next run will want
 * (the latest known good's pins, held pins) only after every other.
 * Pure: the same entries plan the same.
 */
export function planGc(entries: readonly CheckoutEntry[], maxBytes: number): GcPlan {
  const totalBytes = entries.reduce((sum, e) => sum + e.bytes, 0);
  const oldestFirst = [...entries].sort((a, b) => Number(!!a.wanted) - Number(!!b.wanted) || a.lastUsed - b.lastUsed || compareText(a.name, b.name));
  const remove: CheckoutEntry[] = [];
  const keep: GcPlan['keep'] = [];
  let afterBytes = totalBytes;
  for (const entry of oldestFirst) {
    if (afterBytes > maxBytes && !entry.leased) {
      remove.push(entry);
      afterBytes -= entry.bytes;
    } else keep.push({ ...entry, reason: entry.leased ? 'in use by a running process' : (entry.wanted ?? 'within the limit') });
  }
  return { remove, keep, totalBytes, afterBytes, withinLimit: afterBytes <= maxBytes };
}
