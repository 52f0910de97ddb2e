import type { Hold } from '../config/integration-config';
import type { WorkspaceModel } from '../config/workspace-model';
import { seamsOfSubset } from '../config/workspace-model';
import { SeamlineError } from '../errors';
import { type Manifest, manifestHash, manifestTuple } from '../manifest/manifest';
import { failedSeams, type RunResults } from '../run/results';
import { shortSha, type Tuple } from '../tuple';

/** What a known-good record says about a run, once the run's own results vouch for it. */
export interface AdmittedRun {
  tuple: Tuple;
  manifestSha256: string;
  suite: string;
  durationS: number;
  /** Seams that failed under quarantine, each with the components it touches; absent when none did. */
  quarantined?: Record<string, string[]>;
  /** The holds the run's manifest applied; absent when none. */
  holds?: Hold[];
}

/** The holds a full manifest applied, for its record. */
export const holdsOf = (manifest: Manifest): { holds?: Hold[] } => (manifest.kind === 'full' && manifest.holds?.length ? { holds: manifest.holds } : {});

/** A run as found on disk: its manifest and the results.json beside it (undefined when there is none). */
export interface RunEvidence {
  manifest: Manifest;
  /** As messages name it (`.seamline/runs/<id>/manifest.yaml`). */
  manifestFile: string;
  results: unknown;
  resultsFile: string;
}

const NOTHING = 'nothing was written';

/**
 * A record is made only from a run's own verdict: results.json is there, belongs
 * to that manifest (same manifest hash), is the whole run (not a shard; a run
 * combined from every shard of a plan is whole), is a
 * `full` run (every component at its main: what other runs are pinned to and
 * what releases rely on), ran every seam of its subset as seamline.yaml selects
 * it now, and passed. Anything else is refused in one line.
 */
export function admitRun(model: WorkspaceModel, evidence: RunEvidence): AdmittedRun {
  const { manifest, manifestFile, resultsFile } = evidence;
  const refuse = (what: string) => new SeamlineError(`${resultsFile}: ${what}; ${NOTHING}`, resultsFile);
  if (evidence.results === undefined) {
    throw new SeamlineError(
      `${manifestFile}: no results.json beside it; record-known-good records a run: pass its id or its directory under .seamline/runs; ${NOTHING}`,
      manifestFile,
    );
  }
  const results = checkShape(evidence.results, refuse);
  const hash = manifestHash(manifest);
  if (results.manifest_sha256 !== hash) {
    throw refuse(
      `manifest_sha256 ${shortSha(String(results.manifest_sha256))} is not the hash of ${manifestFile} (${shortSha(hash)}): these are another run's results`,
    );
  }
  if (results.shard) throw refuse(`shard ${results.shard} of a run; record a sharded run with every shard's run at once (--manifest=<run 1>,<run 2>,...)`);
  // A run combined from shards is a whole run only when it names every shard it was made of.
  if (results.shards !== undefined) {
    const { count, runs } = results.shards ?? ({} as { count?: unknown; runs?: unknown });
    if (!(typeof count === 'number' && count >= 1 && Array.isArray(runs) && runs.length === count && new Set(runs).size === count))
      throw refuse('shards: expected {count, runs} naming every shard of the combined run once; combine the shards again with nx run integration:combine');
  }
  if (manifest.kind !== 'full' || results.kind !== 'full') {
    throw refuse(
      `a ${manifest.kind} run; only a full run (every component at its main) is recorded as known good, since pr and changeset runs pin heads that may never merge`,
    );
  }
  const failed = failedSeams(results);
  if (results.verdict !== 'pass') {
    throw refuse(`verdict ${results.verdict}${results.reason ? ` (${results.reason})` : ''}; only a passing run is recorded as known good`);
  }
  if (failed.length) throw refuse(`seam(s) ${failed.join(', ')} failed, although the verdict says pass; only a passing run is recorded as known good`);
  const ran = new Set(results.seams.map((s) => s.seam));
  const missing = seamsOfSubset(model, manifest.subset).filter((seam) => !ran.has(seam));
  if (missing.length || results.not_selected !== 0) {
    const what = missing.length ? `seam(s) ${missing.join(', ')}` : `${results.not_selected} seam(s)`;
    throw refuse(`the run did not run ${what} of subset ${manifest.subset} (as integration/seamline.yaml selects it now); run the full suite again`);
  }
  const took = (Date.parse(results.finished) - Date.parse(results.started)) / 1000;
  return {
    tuple: manifestTuple(manifest),
    manifestSha256: hash,
    suite: manifest.subset,
    durationS: Number.isFinite(took) && took >= 0 ? Math.round(took) : 0,
    ...quarantinedFailures(model, results.seams),
    ...holdsOf(manifest),
  };
}

/** `{quarantined: {seam: [components]}}` for the seams that failed under quarantine; nothing when none did. */
function quarantinedFailures(model: WorkspaceModel, seams: RunResults['seams']): { quarantined?: Record<string, string[]> } {
  const failed = seams.filter((s) => s.verdict === 'fail' && s.quarantined).map((s) => s.seam);
  if (!failed.length) return {};
  return { quarantined: Object.fromEntries(failed.sort().map((seam) => [seam, [...(model.seams[seam]?.components ?? [])].sort()])) };
}

/**
 * A sharded full run, recorded from the runs of all its shards together: each one a
 * shard `i/n` of the same manifest (same manifest hash), every `i` from 1 to n once,
 * each passed, and together they ran every seam of the subset. The duration is the
 * longest shard's (they run side by side).
 */
export function admitShards(model: WorkspaceModel, shards: readonly RunEvidence[]): AdmittedRun {
  if (shards.length === 1) return admitRun(model, shards[0]);
  const first = shards[0];
  const hash = manifestHash(first.manifest);
  const ran = new Set<string>();
  const indices = new Set<number>();
  let count: number | undefined;
  let durationS = 0;
  const seams: RunResults['seams'] = [];
  for (const evidence of shards) {
    const { manifestFile, resultsFile } = evidence;
    const refuse = (what: string) => new SeamlineError(`${resultsFile}: ${what}; ${NOTHING}`, resultsFile);
    if (evidence.results === undefined)
      throw new SeamlineError(`${manifestFile}: no results.json beside it; pass the run of each shard; ${NOTHING}`, manifestFile);
    const results = checkShape(evidence.results, refuse);
    if (manifestHash(evidence.manifest) !== hash || results.manifest_sha256 !== hash) {
      throw refuse(
        `manifest ${shortSha(String(results.manifest_sha256))} is not the manifest of ${first.manifestFile} (${shortSha(hash)}): shards of different runs`,
      );
    }
    const shard = /^(\d+)\/(\d+)$/.exec(results.shard ?? '');
    if (!shard) throw refuse('not a shard; pass either one unsharded run or the runs of every shard');
    const [i, n] = [Number(shard[1]), Number(shard[2])];
    if (count !== undefined && n !== count) throw refuse(`shard ${results.shard} of ${n}, but another shard given is of ${count}`);
    if (indices.has(i)) throw refuse(`shard ${results.shard} is given twice`);
    count = n;
    indices.add(i);
    // The same checks as one run, on this shard's own results.
    admitRun(model, { ...evidence, results: { ...results, shard: undefined, not_selected: 0, seams: allOf(model, evidence.manifest.subset) } });
    if (results.seams.some((s) => s.verdict === 'fail' && !s.quarantined)) throw refuse('a seam failed; only a passing run is recorded as known good');
    for (const s of results.seams) ran.add(s.seam);
    seams.push(...results.seams);
    const took = (Date.parse(results.finished) - Date.parse(results.started)) / 1000;
    if (Number.isFinite(took)) durationS = Math.max(durationS, Math.round(took));
  }
  const missingShards = Array.from({ length: count ?? 0 }, (_, k) => k + 1).filter((i) => !indices.has(i));
  if (missingShards.length) {
    throw new SeamlineError(
      `${first.manifestFile}: shard(s) ${missingShards.map((i) => `${i}/${count}`).join(', ')} missing; pass the run of every shard; ${NOTHING}`,
    );
  }
  const missing = seamsOfSubset(model, first.manifest.subset).filter((seam) => !ran.has(seam));
  if (missing.length) {
    throw new SeamlineError(
      `${first.manifestFile}: the shards did not run seam(s) ${missing.join(', ')} of subset ${first.manifest.subset} (as integration/seamline.yaml selects it now); ${NOTHING}`,
    );
  }
  return {
    tuple: manifestTuple(first.manifest),
    manifestSha256: hash,
    suite: first.manifest.subset,
    durationS,
    ...quarantinedFailures(model, seams),
    ...holdsOf(first.manifest),
  };
}

/** Stand-in seam results that cover a subset, so a shard can go through admitRun's other checks. */
function allOf(model: WorkspaceModel, subset: string): RunResults['seams'] {
  return seamsOfSubset(model, subset).map((seam) => ({ seam, verdict: 'pass', quarantined: false, duration_s: 0, attempts: 1, cached: false, log: '' }));
}

/** Enough of results.json to judge it; anything else is not a run's results. */
function checkShape(data: unknown, refuse: (what: string) => SeamlineError): RunResults {
  const r = data as Partial<RunResults> | null;
  const ok =
    typeof r === 'object' &&
    r !== null &&
    typeof r.manifest_sha256 === 'string' &&
    typeof r.kind === 'string' &&
    (r.verdict === 'pass' || r.verdict === 'fail') &&
    Array.isArray(r.seams) &&
    r.seams.every((s) => typeof s === 'object' && s !== null && typeof s.seam === 'string') &&
    typeof r.not_selected === 'number';
  if (!ok) throw refuse('not the results.json of a run (expected manifest_sha256, kind, verdict, seams and not_selected)');
  return r as RunResults;
}
