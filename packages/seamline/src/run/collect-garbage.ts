import { logger } from '../terminal/logger';
import type { WorkspaceModel } from '../core/config/workspace-model';
import { type CheckoutEntry, planGc, type WantedReason } from '../core/gc/plan-gc';
import { formatSize } from '../core/size';
import { isLeased } from '../fs/checkout-leases';
import { diskUsage } from '../fs/disk-usage';
import { listCheckouts, removeCheckout, removeOrphanMarkers } from '../git/checkout-gc';
import { checkoutName, packageStoreDir } from '../workspace/layout';
import { lastKnownGoodTuple } from '../workspace/open-store';

export interface GcRequest {
  root: string;
  maxBytes: number;
  dryRun?: boolean;
  /** The workspace, when it loads: its holds and the store's latest known good say which pins the next run wants. */
  model?: WorkspaceModel;
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
 * their worktrees go until the rest fit in `maxBytes`, the latest known good's
 * and held pins last; a checkout a running process leases is never removed (checked again under the component's lock
 * at removal). Sizes count what removing a checkout frees: files hard-linked
 * from the shared package store stay with the store.
 */
export async function collectGarbage(request: GcRequest): Promise<GcReport> {
  const { root, maxBytes } = request;
  const wanted = request.model ? await wantedPins(root, request.model) : new Map<string, WantedReason>();
  const entries: (CheckoutEntry & { component: string; sha: string })[] = [];
  for (const checkout of await listCheckouts(root)) {
    const usage = await diskUsage(checkout.dir);
    const reason = wanted.get(checkout.name);
    entries.push({ ...checkout, bytes: usage.own, leased: await isLeased(root, checkout.name), ...(reason ? { wanted: reason } : {}) });
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

/** The pins the next run will want: every hold's, and the latest known good's (when the store reads; gc does not need it to). */
async function wantedPins(root: string, model: WorkspaceModel): Promise<Map<string, WantedReason>> {
  const wanted = new Map<string, WantedReason>();
  const latest = await lastKnownGoodTuple(root, model).catch(() => undefined);
  for (const [component, sha] of Object.entries(latest ?? {})) wanted.set(checkoutName(component, sha), 'a pin of the latest known good');
  for (const hold of model.integration.hold) wanted.set(checkoutName(hold.component, hold.sha), 'held in seamline.yaml');
  return wanted;
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
