import { logger } from '../terminal/logger';
import { type CheckoutEntry, planGc } from '../core/gc/plan-gc';
import { formatSize } from '../core/size';
import { isLeased } from '../fs/checkout-leases';
import { diskUsage } from '../fs/disk-usage';
import { listCheckouts, removeCheckout, removeOrphanMarkers } from '../git/checkout-gc';
import { packageStoreDir } from '../workspace/layout';

export interface GcRequest {
  root: string;
  maxBytes: number;
  dryRun?: boolean;
}

export interface GcReport {
  totalBytes: number;
  freedBytes: number;
  afterBytes: number;
  removed: string[];
  kept: { name: string; bytes: number; reason: string }[];
  /** Bytes of the shared package store (not counted against the limit). */
  storeBytes: number;
  withinLimit: boolean;
}

/**
 * Bound `.seamline/checkouts`: the least recently used prepared checkouts and
 * their worktrees go until the rest fit in `maxBytes`; a checkout a running
 * process leases is never removed (checked again under the component's lock
 * at removal). Sizes count what removing a checkout frees: files hard-linked
 * from the shared package store stay with the store.
 */
export async function collectGarbage(request: GcRequest): Promise<GcReport> {
  const { root, maxBytes } = request;
  const entries: (CheckoutEntry & { component: string; sha: string })[] = [];
  for (const checkout of await listCheckouts(root)) {
    const usage = await diskUsage(checkout.dir);
    entries.push({ ...checkout, bytes: usage.own, leased: await isLeased(root, checkout.name) });
  }
  const plan = planGc(entries, maxBytes);
  const removed: string[] = [];
  const kept: GcReport['kept'] = plan.keep.map((e) => ({ name: e.name, bytes: e.bytes, reason: e.reason }));
  let freedBytes = 0;
  for (const entry of plan.remove) {
    const pin = entries.find((e) => e.name === entry.name)!;
    if (!request.dryRun && !(await removeCheckout(root, pin))) {
      // Taken by a run that started after the plan was made.
      kept.push({ name: entry.name, bytes: entry.bytes, reason: 'in use by a running process' });
      continue;
    }
    removed.push(entry.name);
    freedBytes += entry.bytes;
  }
  if (!request.dryRun) await removeOrphanMarkers(root);
  const afterBytes = plan.totalBytes - freedBytes;
  const store = await diskUsage(packageStoreDir(root));
  const storeBytes = store.own + store.shared;
  return { totalBytes: plan.totalBytes, freedBytes, afterBytes, removed, kept, storeBytes, withinLimit: afterBytes <= maxBytes };
}

/** The report as lines: what was freed, and what was kept and why. */
export function logGcReport(report: GcReport, maxBytes: number, dryRun = false): void {
  const verb = dryRun ? 'would remove' : 'removed';
  logger.info(
    `Checkouts: ${formatSize(report.totalBytes)} before, limit ${formatSize(maxBytes)}; ${verb} ${report.removed.length}, ` +
      `${dryRun ? 'would free' : 'freed'} ${formatSize(report.freedBytes)}; ${formatSize(report.afterBytes)} left.`,
  );
  for (const name of report.removed) logger.info(`  ${verb} ${name}`);
  for (const k of report.kept) logger.info(`  kept ${k.name} (${formatSize(k.bytes)}): ${k.reason}`);
  if (report.storeBytes)
    logger.info(`Shared package store (.seamline/pnpm-store): ${formatSize(report.storeBytes)}, not counted; \`pnpm store prune\` trims it.`);
  if (!report.withinLimit) logger.warn(`Still above the limit: the checkouts left are in use by running processes.`);
}
