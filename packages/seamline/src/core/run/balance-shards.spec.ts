import { balanceShards, lastDurations } from './balance-shards';
import type { SeamResult } from './results';

const seam = (name: string, duration_s: number, extra: Partial<SeamResult> = {}): SeamResult => ({
  seam: name,
  verdict: 'pass',
  quarantined: false,
  duration_s,
  attempts: 1,
  cached: false,
  log: '',
  ...extra,
});
const HASH = 'a'.repeat(64);

describe('balanceShards', () => {
  it('with no known duration deals the sorted seams round-robin, as --shard=i/n alone does', () => {
    expect(balanceShards(HASH, ['f', 'b', 'a', 'e', 'c', 'd'], 3, {})).toEqual({
      manifest_sha256: HASH,
      count: 3,
      by: 'count',
      shards: [
        ['a', 'd'],
        ['b', 'e'],
        ['c', 'f'],
      ],
      timed: 0,
    });
  });

  it('with durations puts the slow seams apart: the slowest shard is shorter than a split by count', () => {
    const durations = { a: 60, b: 50, c: 5, d: 5, e: 4, f: 40 };
    const plan = balanceShards(HASH, ['a', 'b', 'c', 'd', 'e', 'f'], 3, durations);
    expect(plan.by).toBe('duration');
    expect(plan.shards).toEqual([['a'], ['b', 'e'], ['c', 'd', 'f']]);
    expect(plan.estimate_s).toEqual([60, 54, 50]);
    // By count, shard 1 would run a and d (65s): the verdict waits for the slowest shard.
    const byCount = balanceShards(HASH, ['a', 'b', 'c', 'd', 'e', 'f'], 3, {}).shards;
    const slowest = (shards: string[][]) => Math.max(...shards.map((s) => s.reduce((t, x) => t + durations[x as keyof typeof durations], 0)));
    expect(slowest(plan.shards)).toBeLessThan(slowest(byCount));
  });

  it('a seam never timed counts as the mean of those that were; every seam lands in exactly one shard', () => {
    const plan = balanceShards(HASH, ['new', 'a', 'b', 'c'], 2, { a: 10, b: 10, c: 40 });
    expect(plan).toMatchObject({ by: 'duration', timed: 3 });
    expect(plan.shards.flat().sort()).toEqual(['a', 'b', 'c', 'new']);
    expect(plan.shards).toEqual([['c'], ['a', 'b', 'new']]);
  });

  it('more shards than seams leaves some shards empty', () => {
    expect(balanceShards(HASH, ['a'], 3, {}).shards).toEqual([['a'], [], []]);
  });
});

describe('lastDurations', () => {
  it('takes each seam from the newest run that ran it for real, never from a cache replay', () => {
    const runs = [
      { finished: '2026-11-20T10:00:00Z', seams: [seam('a', 30), seam('b', 7)] },
      { finished: '2026-11-21T10:00:00Z', seams: [seam('a', 12), seam('b', 0.1, { cached: true })] },
    ];
    expect(lastDurations(runs)).toEqual({ a: 12, b: 7 });
  });
});
