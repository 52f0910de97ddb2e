import { SeamlineError } from '../core/errors';
import { markUsed } from '../fs/checkout-leases';
import { type MaterializedPin, materializePin, type PinCacheOptions, type PinRequest, placeCheckouts } from './pin-cache';
import { RemoteUnreachable } from './remote-errors';

export type MaterializeEvent = { kind: 'done'; pin: MaterializedPin; ms: number } | { kind: 'failed'; pin: PinRequest; ms: number; error: Error };

export interface MaterializeOptions extends PinCacheOptions {
  /** How many components are fetched at once. */
  concurrency?: number;
  onProgress?: (event: MaterializeEvent) => void;
}

/**
 * Materialize every pin, a bounded number at a time. Every pin is attempted
 * even when one fails; then the failures are thrown together.
 */
export async function materializePins(root: string, pins: readonly PinRequest[], options: MaterializeOptions = {}): Promise<MaterializedPin[]> {
  // Once, before any pin: what stops it (a node_modules above the folder, say) is the run's one line, not every pin's.
  if (pins.length > 0) await placeCheckouts(root);
  const results: MaterializedPin[] = new Array(pins.length);
  // Indexed by pin: the message names failures in the order of the pins, not the order their fetches ended.
  const failedAt: Error[] = new Array(pins.length);
  let next = 0;
  const worker = async () => {
    while (next < pins.length) {
      const index = next++;
      const pin = pins[index];
      const started = Date.now();
      try {
        results[index] = await materializePin(root, pin, options);
        markUsed(root, pin);
        options.onProgress?.({ kind: 'done', pin: results[index], ms: Date.now() - started });
      } catch (error) {
        failedAt[index] = error as Error;
        options.onProgress?.({ kind: 'failed', pin, ms: Date.now() - started, error: error as Error });
      }
    }
  };
  const width = Math.max(1, Math.min(options.concurrency ?? 4, pins.length));
  await Promise.all(Array.from({ length: width }, worker));
  const failures = failedAt.filter((f): f is Error => f !== undefined);
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) {
    // Only the network failed: the run that meets it still blames nobody.
    const Failure = failures.every((f) => f instanceof RemoteUnreachable) ? RemoteUnreachable : SeamlineError;
    throw new Failure(`${failures.length} components failed to materialize: ${failures.map((f) => f.message).join(' | ')}`);
  }
  return results;
}
