import type { WorkspaceModel } from '../config/workspace-model';
import { seamsOfSubset } from '../config/workspace-model';
import { SeamlineError } from '../errors';
import { type CouplingGraph, seamsReached } from '../selection';

export interface Shard {
  index: number; // 1-based
  count: number;
  /** The seams a plan assigned to this shard (shards.json); without it, round-robin. */
  seams?: readonly string[];
}

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count)
    throw new SeamlineError(`--shard: expected i/n with 1 <= i <= n (e.g. 2/4), got ${JSON.stringify(text)}`);
  return { index, count };
}

/**
 * The seams a run executes: the subset's explicit list, narrowed to those the
 * moved components reach (all of them when `moved` is undefined, as for a full
 * run), plus the subset's `always: true` seams; then this shard's share.
 * Shards split the sorted list round-robin, so they partition it, unless a plan
 * assigned each shard its seams (balanced by duration, see balanceShards).
 */
export function selectSeams(
  model: WorkspaceModel,
  subset: string,
  coupling: CouplingGraph,
  moved: readonly string[] | undefined,
  shard?: Shard,
): { selected: string[]; notSelected: number } {
  const inSubset = seamsOfSubset(model, subset);
  const reached = moved ? new Set(seamsReached(moved, coupling)) : undefined;
  const chosen = inSubset.filter((seam) => !reached || reached.has(seam) || model.seams[seam]?.always).sort();
  const planned = shard?.seams && new Set(shard.seams);
  const selected = !shard ? chosen : planned ? chosen.filter((seam) => planned.has(seam)) : chosen.filter((_, i) => i % shard.count === shard.index - 1);
  return { selected, notSelected: inSubset.length - selected.length };
}

/** The coupling graph straight from the workspace files (dependsOn, seam components). */
export function couplingFromModel(model: WorkspaceModel, extraEdges: readonly [string, string][] = []): CouplingGraph {
  const dependsOn: Record<string, string[]> = {};
  for (const [name, c] of Object.entries(model.components)) dependsOn[name] = [...c.dependsOn];
  for (const [from, to] of extraEdges) if (dependsOn[from] && !dependsOn[from].includes(to)) dependsOn[from].push(to);
  return { dependsOn, seams: Object.fromEntries(Object.entries(model.seams).map(([n, s]) => [n, s.components])) };
}

/** Quarantine entries that are still in force on `today` (YYYY-MM-DD). */
export function activeQuarantine(model: WorkspaceModel, today: string): Map<string, string> {
  return new Map(model.integration.quarantine.filter((q) => q.expires >= today).map((q) => [q.seam, q.reason]));
}
