import { recordHint } from './record-hint';

describe('recordHint', () => {
  const base = {
    verdict: 'pass' as const,
    kind: 'full' as const,
    not_selected: 0,
    subset: 'full',
    tuple: { users: 'b'.repeat(40), auth: 'a'.repeat(40) },
    run_id: 'full-1',
  };

  it('a passing full run of its whole subset is recorded as it is', () => {
    expect(recordHint(base)).toBe('To record this tuple as known good: nx run integration:record-known-good --manifest=full-1');
  });

  it('any other passing run: a full run pinned to its tuple, every component named', () => {
    expect(recordHint({ ...base, kind: 'pr', subset: 'pr_fast', not_selected: 2 })).toBe(
      `To record this tuple as known good, run the full suite on it: nx run integration:full --main=auth@${'a'.repeat(40)} --main=users@${'b'.repeat(40)} (only a full run is recorded)`,
    );
    expect(recordHint({ ...base, shard: '1/2' })).toContain('nx run integration:full --main=auth@');
    expect(recordHint({ ...base, subset: 'nightly', not_selected: 1 })).toMatch(/ --subset=nightly \(only a full run is recorded\)$/);
  });

  it('says nothing after a failure', () => {
    expect(recordHint({ ...base, verdict: 'fail' })).toBeUndefined();
  });
});
