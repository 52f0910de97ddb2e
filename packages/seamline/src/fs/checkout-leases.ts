import { randomBytes } from 'node:crypto';
import { closeSync, openSync, utimesSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { check, lock } from 'proper-lockfile';
import { checkoutLeaseDir, checkoutName, checkoutUsedMarker, leasesRoot } from '../workspace/layout';

/** A holder that stopped refreshing its lock this long ago was killed: its lease no longer counts. */
const LEASE_STALE_MS = 20_000;

export interface LeaseOptions {
  /** How long after its holder stopped refreshing it a lease stops counting; tests shorten it (proper-lockfile's least is 2000). */
  staleMs?: number;
}

export interface CheckoutRef {
  component: string;
  sha: string;
}

/**
 * Lease checkouts for as long as a run uses them: one lock per run and
 * checkout (`.seamline/leases/<component>@<sha>/<holder>.lock`, refreshed while
 * leased), so any number of runs share a checkout and `gc` sees each of them.
 * Take the lease before the checkout is materialized: gc checks the leases after
 * it has put the checkout out of reach, so one of the two always sees the other.
 * Returns the release; a killed holder's lock turns stale by itself.
 */
export async function leaseCheckouts(root: string, pins: readonly CheckoutRef[], options: LeaseOptions = {}): Promise<() => Promise<void>> {
  const staleMs = options.staleMs ?? LEASE_STALE_MS;
  const holder = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const releases: (() => Promise<void>)[] = [];
  const release = async () => {
    await Promise.all(releases.splice(0).map((r) => r().catch(() => undefined)));
  };
  try {
    for (const pin of pins) {
      const dir = checkoutLeaseDir(root, pin.component, pin.sha);
      await mkdir(dir, { recursive: true });
      releases.push(
        await lock(join(dir, holder), {
          realpath: false,
          stale: staleMs,
          update: staleMs / 4,
          // A lease lost to a pause longer than the stale time must not crash the run it protects.
          onCompromised: () => undefined,
        }),
      );
      markUsed(root, pin);
    }
  } catch (error) {
    await release();
    throw error;
  }
  return release;
}

/** Record a use of the checkout now: gc removes the least recently used first. */
export function markUsed(root: string, pin: CheckoutRef): void {
  const file = checkoutUsedMarker(root, pin.component, pin.sha);
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    try {
      closeSync(openSync(file, 'a'));
    } catch {
      // No checkouts directory yet: materializing it marks it.
    }
  }
}

/**
 * Whether a live process leases the checkout `<component>@<sha>`. Stale locks
 * (their holder was killed) are removed on the way.
 */
export async function isLeased(root: string, name: string, options: LeaseOptions = {}): Promise<boolean> {
  const staleMs = options.staleMs ?? LEASE_STALE_MS;
  const dir = join(leasesRoot(root), name);
  let leased = false;
  for (const entry of await readdir(dir).catch(() => [] as string[])) {
    if (!entry.endsWith('.lock')) continue;
    const file = join(dir, entry.slice(0, -'.lock'.length));
    if (await check(file, { realpath: false, stale: staleMs }).catch(() => true)) leased = true;
    else await rm(join(dir, entry), { recursive: true, force: true });
  }
  return leased;
}

export const heldName = (pin: CheckoutRef) => checkoutName(pin.component, pin.sha);
