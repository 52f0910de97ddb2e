import { SeamlineError } from '../errors';
import { shortSha } from '../tuple';
import { failedSeams, type RunResults, type SeamResult } from './results';
import { nameList } from '../name-list';
import { compareText } from '../compare-text';

/** One shard's run as combine finds it: its results.json and the hash of the manifest.yaml beside it. */
export interface ShardRun {
  /** The results file as messages name it. */
  file: string;
  results: RunResults;
  /** manifestHash of the manifest.yaml in the same run directory. */
  manifestSha256: string;
}

const NOTHING = 'nothing combined';

/**
 * The shards of one plan: each a shard `i/n` of the same manifest, every `i` from 1
 * to n exactly once. Returns them ordered by shard; anything else is one line.
 */
export function checkShardSet(runs: readonly ShardRun[]): { count: number; manifestSha256: string; shards: ShardRun[] } {
  if (!runs.length) throw new SeamlineError(`--runs: no run directory (a folder with manifest.yaml and results.json) found; ${NOTHING}`);
  const first = runs[0];
  const byIndex = new Map<number, ShardRun>();
  let count: number | undefined;
  for (const run of runs) {
    const { file, results } = run;
    const refuse = (what: string) => new SeamlineError(`${file}: ${what}; ${NOTHING}`, file);
    if (typeof results.manifest_sha256 !== 'string' || !Array.isArray(results.seams) || (results.verdict !== 'pass' && results.verdict !== 'fail'))
      throw refuse('not the results.json of a run (expected manifest_sha256, verdict and seams)');
    if (results.manifest_sha256 !== run.manifestSha256)
      throw refuse(`manifest_sha256 ${shortSha(results.manifest_sha256)} is not the hash of the manifest.yaml beside it (${shortSha(run.manifestSha256)})`);
    if (results.manifest_sha256 !== first.results.manifest_sha256) {
      throw refuse(
        `a shard of another manifest (${shortSha(results.manifest_sha256)}, not ${shortSha(first.results.manifest_sha256)} of ${first.file}): every shard must run the plan's manifest`,
      );
    }
    const match = /^(\d+)\/(\d+)$/.exec(results.shard ?? '');
    if (!match) throw refuse('not a shard (results.json has no shard i/n); combine takes the runs of every shard of one plan');
    const [i, n] = [Number(match[1]), Number(match[2])];
    if (count !== undefined && n !== count) throw refuse(`shard ${results.shard} is one of ${n} shards, but ${first.file} is one of ${count}`);
    count = n;
    const twin = byIndex.get(i);
    if (twin) throw refuse(`shard ${results.shard} is given twice (also ${twin.file})`);
    byIndex.set(i, run);
  }
  const n = count ?? 0;
  const missing = Array.from({ length: n }, (_, k) => k + 1).filter((i) => !byIndex.has(i));
  if (missing.length) {
    const found = [...byIndex.keys()].sort((a, b) => a - b).map((i) => `${i}/${n}`);
    throw new SeamlineError(
      `--runs: shard(s) ${missing.map((i) => `${i}/${n}`).join(', ')} missing (found ${found.join(', ')} of manifest ${shortSha(first.results.manifest_sha256)}); pass every shard's run directory; ${NOTHING}`,
    );
  }
  return { count: n, manifestSha256: first.results.manifest_sha256, shards: [...byIndex.keys()].sort((a, b) => a - b).map((i) => byIndex.get(i)!) };
}

/**
 * One run's results from every shard of a plan (as checkShardSet orders them):
 * every seam once, one verdict. It fails when any shard failed: naming a shard the
 * disk could not hold, else the failed seams, else the first failing shard's reason.
 * The run spans the earliest start to the latest finish; its seams' time is the
 * longest shard's.
 */
export function combineResults(shards: readonly ShardRun[], runId: string, logOf: (seam: SeamResult, shard: number) => string = (s) => s.log): RunResults {
  const all = shards.map((s) => s.results);
  const [first] = all;
  const seams = all.flatMap((r, i) => r.seams.map((s) => ({ ...s, log: logOf(s, i + 1) }))).sort((a, b) => compareText(a.seam, b.seam));
  const failed = failedSeams({ seams });
  const failing = all.find((r) => r.verdict === 'fail');
  const verdict = failing || failed.length ? 'fail' : 'pass';
  const ran = seams.length;
  // A shard the disk could not hold, one the network kept from a pin, or one a signal stopped: its
  // reason first, as in a run of its own (it blames no seam).
  const outOfSpace = all.find((r) => r.no_space);
  const unreachable = all.find((r) => r.unreachable);
  const interrupted = all.find((r) => r.interrupted);
  const outside = outOfSpace ?? unreachable ?? interrupted;
  const reason = outside
    ? `shard ${outside.shard}: ${outside.reason}`
    : failed.length
      ? `failed seam${failed.length > 1 ? 's' : ''}: ${nameList(failed)}`
      : failing
        ? `shard ${failing.shard}: ${failing.reason}`
        : `${ran ? `${ran} seam${ran > 1 ? 's' : ''} passed` : 'no seam of the subset is reached by this change'} (${all.length} shard${all.length > 1 ? 's' : ''})`;
  // A shard's not_selected counts the seams other shards run; a shard that stopped before selecting counts 0.
  const reachable = Math.max(...all.map((r) => r.not_selected + r.seams.length));
  const heads = new Set(all.map((r) => r.known_good_head));
  const prepareFailure = all.find((r) => r.prepare_failure)?.prepare_failure;
  return {
    run_id: runId,
    kind: first.kind,
    manifest_sha256: first.manifest_sha256,
    subset: first.subset,
    tuple: first.tuple,
    verdict,
    reason,
    seams,
    not_selected: Math.max(0, reachable - ran),
    shards: { count: all.length, runs: all.map((r) => r.run_id) },
    budget_s: first.budget_s,
    seams_duration_s: Math.max(...all.map((r) => r.seams_duration_s ?? 0)),
    ...(prepareFailure ? { prepare_failure: prepareFailure } : {}),
    ...(outOfSpace ? { no_space: `shard ${outOfSpace.shard}: ${outOfSpace.no_space}` } : {}),
    ...(unreachable ? { unreachable: `shard ${unreachable.shard}: ${unreachable.unreachable}` } : {}),
    ...(interrupted ? { interrupted: `shard ${interrupted.shard}: ${interrupted.interrupted}` } : {}),
    started: all.map((r) => r.started).sort()[0],
    finished: all
      .map((r) => r.finished)
      .sort()
      .reverse()[0],
    ...(heads.size === 1 && first.known_good_head !== undefined ? { known_good_head: first.known_good_head } : {}),
  };
}
