import type { RunResults } from './results';

/**
 * After a passing reproduce: how to record its tuple as known good. A passing,
 * unsharded full run of its whole subset is recorded as it is; any other run's
 * tuple by a full run pinned to it (`full --main=...`), since only a full run is
 * recorded (record-known-good says why).
 */
export function recordHint(results: Pick<RunResults, 'verdict' | 'kind' | 'shard' | 'not_selected' | 'subset' | 'tuple' | 'run_id'>): string | undefined {
  if (results.verdict !== 'pass') return undefined;
  if (results.kind === 'full' && !results.shard && results.not_selected === 0) {
    return `To record this tuple as known good: nx run integration:record-known-good --manifest=${results.run_id}`;
  }
  const mains = Object.keys(results.tuple)
    .sort()
    .map((name) => `--main=${name}@${results.tuple[name]}`);
  // A full run keeps its subset; a pr or changeset tuple is checked by the full suite.
  const subset = results.kind === 'full' && results.subset !== 'full' ? [`--subset=${results.subset}`] : [];
  return `To record this tuple as known good, run the full suite on it: nx run integration:full ${[...mains, ...subset].join(' ')} (only a full run is recorded)`;
}
