import type { RunResults } from './results';
import { compareText } from '../compare-text';

/** How a plan split the seams: by their last known durations, or by count when none is known. */
export interface ShardPlan {
  manifest_sha256: string;
  count: number;
  by: 'duration' | 'count';
  /** shards[i - 1]: the seams of shard i/count, sorted. */
  shards: string[][];
  /** Estimated seconds of each shard (by duration only). */
  estimate_s?: number[];
}

/**
 * The last known duration of each seam from earlier runs' results: the newest run
 * (by `finished`) that ran the seam for real. A result replayed from the Nx cache
 * says nothing about how long the seam takes, so it is skipped.
 */
export function lastDurations(runs: readonly Pick<RunResults, 'finished' | 'seams'>[]): Record<string, number> {
  const newestFirst = [...runs].sort((a, b) => compareText(String(b.finished), String(a.finished)));
  const durations: Record<string, number> = {};
  for (const run of newestFirst) {
    for (const s of run.seams ?? []) {
      if (s.cached || !(s.duration_s > 0) || s.seam in durations) continue;
      durations[s.seam] = s.duration_s;
    }
  }
  return durations;
}

/**
 * Split the selected seams into `count` shards. With no known duration for any of
 * them: round-robin over the sorted names, as `--shard=i/n` does on its own. With
 * some: longest first onto the least loaded shard (a seam never timed counts as the
 * mean of those that were), so the slowest shard, which the verdict waits for, is as
 * short as this greedy split can make it. Deterministic: ties go to the lower name
 * and the lower shard.
 */
export function balanceShards(
  manifestSha256: string,
  selected: readonly string[],
  count: number,
  durations: Readonly<Record<string, number>>,
): ShardPlan & { timed: number } {
  const seams = [...selected].sort();
  const timed = seams.filter((s) => durations[s] > 0);
  if (!timed.length) {
    const shards = Array.from({ length: count }, (_, i) => seams.filter((_, k) => k % count === i));
    return { manifest_sha256: manifestSha256, count, by: 'count', shards, timed: 0 };
  }
  const mean = timed.reduce((sum, s) => sum + durations[s], 0) / timed.length;
  const cost = (s: string) => (durations[s] > 0 ? durations[s] : mean);
  const order = [...seams].sort((a, b) => cost(b) - cost(a) || compareText(a, b));
  const shards: string[][] = Array.from({ length: count }, () => []);
  const load = Array.from({ length: count }, () => 0);
  for (const seam of order) {
    const least = load.indexOf(Math.min(...load));
    shards[least].push(seam);
    load[least] += cost(seam);
  }
  return {
    manifest_sha256: manifestSha256,
    count,
    by: 'duration',
    shards: shards.map((s) => s.sort()),
    estimate_s: load.map((l) => Math.round(l * 10) / 10),
    timed: timed.length,
  };
}
