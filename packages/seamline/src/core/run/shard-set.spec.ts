import { failedOutsideTheTuple, type RunResults, type SeamResult } from './results';
import { checkShardSet, combineResults, type ShardRun } from './shard-set';

const H1 = '1'.repeat(64);
const H2 = '2'.repeat(64);
const seam = (name: string, verdict: SeamResult['verdict'] = 'pass', extra: Partial<SeamResult> = {}): SeamResult => ({
  seam: name,
  verdict,
  quarantined: false,
  duration_s: 3,
  attempts: 1,
  cached: false,
  log: `.seamline/runs/x/logs/${name}.log`,
  ...extra,
});
const shard = (index: string, seams: SeamResult[], extra: Partial<RunResults> = {}): ShardRun => {
  const results: RunResults = {
    run_id: `full-2026-${index.replace('/', 'of')}`,
    kind: 'full',
    manifest_sha256: H1,
    subset: 'full',
    tuple: { auth: 'a'.repeat(40) },
    verdict: seams.some((s) => s.verdict === 'fail') ? 'fail' : 'pass',
    reason: 'r',
    seams,
    not_selected: 6 - seams.length,
    shard: index,
    budget_s: 3600,
    seams_duration_s: seams.length * 3,
    started: `2026-11-21T12:0${index[0]}:00Z`,
    finished: `2026-11-21T12:1${index[0]}:00Z`,
    known_good_head: 'f'.repeat(64),
    ...extra,
  };
  return { file: `shards/${index[0]}/results.json`, results, manifestSha256: results.manifest_sha256 };
};
const three = () => [shard('2/3', [seam('b'), seam('e')]), shard('1/3', [seam('a'), seam('d')]), shard('3/3', [seam('c'), seam('f')])];

describe('checkShardSet', () => {
  it('orders shards 1..n of one manifest', () => {
    const set = checkShardSet(three());
    expect(set.count).toBe(3);
    expect(set.manifestSha256).toBe(H1);
    expect(set.shards.map((s) => s.results.shard)).toEqual(['1/3', '2/3', '3/3']);
  });

  it.each([
    [
      'a missing shard',
      () => three().slice(0, 2),
      "--runs: shard(s) 3/3 missing (found 1/3, 2/3 of manifest 111111111111); pass every shard's run directory; nothing combined",
    ],
    [
      'a shard given twice',
      () => [...three(), shard('1/3', [seam('a')])],
      'shards/1/results.json: shard 1/3 is given twice (also shards/1/results.json); nothing combined',
    ],
    [
      'a shard of another manifest',
      () => [...three().slice(0, 2), { ...shard('3/3', [seam('c')], { manifest_sha256: H2 }), manifestSha256: H2 }],
      "shards/3/results.json: a shard of another manifest (222222222222, not 111111111111 of shards/2/results.json): every shard must run the plan's manifest; nothing combined",
    ],
    [
      'a shard of another shard count',
      () => [...three().slice(0, 2), shard('3/4', [seam('c')])],
      'shards/3/results.json: shard 3/4 is one of 4 shards, but shards/2/results.json is one of 3; nothing combined',
    ],
    [
      'a whole run',
      () => [shard('1/1', [seam('a')], { shard: undefined })],
      'shards/1/results.json: not a shard (results.json has no shard i/n); combine takes the runs of every shard of one plan; nothing combined',
    ],
    [
      'results of another manifest than the one beside them',
      () => [{ ...shard('1/1', [seam('a')]), manifestSha256: H2 }],
      'shards/1/results.json: manifest_sha256 111111111111 is not the hash of the manifest.yaml beside it (222222222222); nothing combined',
    ],
    ['nothing', () => [], '--runs: no run directory (a folder with manifest.yaml and results.json) found; nothing combined'],
  ])('refuses %s in one line', (_, runs, message) => {
    expect(() => checkShardSet(runs())).toThrow(message);
    expect(message).not.toContain('\n');
  });
});

describe('combineResults', () => {
  it('one run over every seam: sorted, one verdict, the span of all shards, no shard of its own', () => {
    const { shards } = checkShardSet(three());
    const combined = combineResults(shards, 'full-combined', (s, i) => `.seamline/runs/full-combined/shards/${i}/logs/${s.seam}.log`);
    expect(combined).toMatchObject({
      run_id: 'full-combined',
      manifest_sha256: H1,
      verdict: 'pass',
      reason: '6 seams passed (3 shards)',
      not_selected: 0,
      shards: { count: 3, runs: ['full-2026-1of3', 'full-2026-2of3', 'full-2026-3of3'] },
      seams_duration_s: 6,
      started: '2026-11-21T12:01:00Z',
      finished: '2026-11-21T12:13:00Z',
      known_good_head: 'f'.repeat(64),
    });
    expect(combined.shard).toBeUndefined();
    expect(combined.seams.map((s) => [s.seam, s.log])).toEqual([
      ['a', '.seamline/runs/full-combined/shards/1/logs/a.log'],
      ['b', '.seamline/runs/full-combined/shards/2/logs/b.log'],
      ['c', '.seamline/runs/full-combined/shards/3/logs/c.log'],
      ['d', '.seamline/runs/full-combined/shards/1/logs/d.log'],
      ['e', '.seamline/runs/full-combined/shards/2/logs/e.log'],
      ['f', '.seamline/runs/full-combined/shards/3/logs/f.log'],
    ]);
  });

  it('fails when one shard fails, naming the failed seams; a quarantined failure does not fail it', () => {
    const runs = three();
    runs[0] = shard('2/3', [seam('b', 'fail'), seam('e', 'fail', { quarantined: true })]);
    const combined = combineResults(checkShardSet(runs).shards, 'c');
    expect([combined.verdict, combined.reason]).toEqual(['fail', 'failed seam: b']);
  });

  it('a shard that failed without a seam failing (a pin could not be prepared) fails the run with its reason', () => {
    const runs = three();
    const prepare_failure = { component: 'auth', sha: 'a'.repeat(40), log: 'l', message: 'm' };
    runs[2] = shard('3/3', [], { verdict: 'fail', reason: 'component auth failed to prepare', not_selected: 0, prepare_failure });
    const combined = combineResults(checkShardSet(runs).shards, 'c');
    expect(combined).toMatchObject({ verdict: 'fail', reason: 'shard 3/3: component auth failed to prepare', prepare_failure });
    // Shards 1 and 2 saw 6 seams to run; 4 ran.
    expect(combined.not_selected).toBe(2);
  });

  it('a shard whose seam failed for want of disk space: the run says so and blames no seam, whatever else failed', () => {
    const runs = three();
    const reason = 'seam c failed for want of disk space: its log says "no space left on device" (logs/c.log)';
    runs[1] = shard('1/3', [seam('a', 'fail'), seam('d')]);
    runs[2] = shard('3/3', [seam('c', 'fail'), seam('f')], { verdict: 'fail', reason, no_space: 'seam c' });
    const combined = combineResults(checkShardSet(runs).shards, 'c');
    expect(combined).toMatchObject({ verdict: 'fail', reason: `shard 3/3: ${reason}`, no_space: 'shard 3/3: seam c' });
  });

  it('a shard the network kept from a pin: the run says so first and carries it, so it blames nobody', () => {
    const runs = three();
    const line = 'auth: cannot reach https://git.example.com/auth.git after 3 attempts (Connection refused)';
    const reason = `${line}; nothing was tested and no commit is to blame: run again later`;
    runs[0] = shard('2/3', [], { verdict: 'fail', reason, not_selected: 0, unreachable: line });
    const combined = combineResults(checkShardSet(runs).shards, 'c');
    expect(combined).toMatchObject({ verdict: 'fail', reason: `shard 2/3: ${reason}`, unreachable: `shard 2/3: ${line}` });
    expect(failedOutsideTheTuple(combined)).toBe(true);
  });

  it('a shard a signal stopped: the run says so first and carries it, so it blames nobody', () => {
    const runs = three();
    const reason = 'interrupted by SIGTERM before it finished: nothing was tested to the end and nothing is to blame; run it again';
    runs[0] = shard('2/3', [], { verdict: 'fail', reason, not_selected: 0, interrupted: 'SIGTERM' });
    const combined = combineResults(checkShardSet(runs).shards, 'c');
    expect(combined).toMatchObject({ verdict: 'fail', reason: `shard 2/3: ${reason}`, interrupted: 'shard 2/3: SIGTERM' });
    expect(failedOutsideTheTuple(combined)).toBe(true);
  });
});
