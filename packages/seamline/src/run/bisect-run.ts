import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { logger } from '../terminal/logger';
import { SeamlineError } from '../core/errors';
import { type BisectStep, runBisect } from '../core/bisect/run-bisect';
import { type BisectVerdict, describeVerdict } from '../core/bisect/verdict';
import type { Probe, ProbeResult } from '../core/bisect/probe';
import type { Hold } from '../core/config/integration-config';
import type { WorkspaceModel } from '../core/config/workspace-model';
import { suggestedHold } from '../core/hold/suggest-hold';
import { probeManifest } from '../core/manifest/build-manifest';
import { nameList } from '../core/name-list';
import { type Manifest, manifestHash, manifestTuple } from '../core/manifest/manifest';
import { seconds, utcTimestamp } from '../core/time';
import { failedOutsideTheTuple, type RunResults } from '../core/run/results';
import { runId } from '../core/run/run-id';
import { diffTuples, shortSha, type Tuple } from '../core/tuple';
import { runDir as runDirOf } from '../workspace/layout';
import { type CommitInfo, commitInfo, firstParentCommits } from '../git/history';
import { runSuite } from './run-suite';

export interface BisectRequest {
  root: string;
  model: WorkspaceModel;
  /** The manifest whose run failed. */
  bad: Manifest;
  /** The last known good tuple, or the one the user gave. */
  good: Tuple;
  /** Where good comes from, for every message: `known good` (the default) or, for --good, e.g. `good`. */
  goodLabel?: string;
  /** The seams to probe: those that failed. */
  seams: readonly string[];
  graphEdges?: [string, string][];
  parallel?: number;
}

export interface BisectReport {
  verdict: BisectVerdict;
  culprit?: CommitInfo;
  /** One line for the log, summary.md and the failure issue. */
  line: string;
  /** bisect.json: every probe, its tuple, result, time and run directory. */
  file: string;
  /** For a culprit commit: the hold that keeps its component at the commit before it, so the others can move on. */
  hold?: Hold;
}

/**
 * Find the component and commit that broke `seams` between the last known good
 * and a failing manifest. Every probe is an ordinary run of those seams at
 * one tuple (same materialize/prepare/render path, pins reused), under
 * `.seamline/runs/bisect-*`; a pin that fails to prepare makes the probe a skip.
 */
export async function bisectFailure(request: BisectRequest): Promise<BisectReport> {
  const { root, model, bad, good, seams } = request;
  const goodLabel = request.goodLabel ?? 'known good';
  const badTuple = manifestTuple(bad);
  const moved = diffTuples(good, badTuple).moved;
  logger.info(
    `Bisect ${nameList(seams)} of a ${bad.kind} run from the ${goodLabel} to manifest ${shortSha(manifestHash(bad))}: ${moved.length} component(s) moved`,
  );
  const commits: Record<string, string[]> = {};
  for (const m of moved) {
    commits[m.name] = await firstParentCommits(root, m.name, model.components[m.name].repo, m.from, m.to, goodLabel);
    logger.info(`  ${m.name}: ${commits[m.name].length} commit(s) ${shortSha(m.from)}..${shortSha(m.to)}`);
  }

  const probeRuns: ProbeRecord[] = [];
  const probe = async (p: Probe): Promise<ProbeResult> => {
    const started = Date.now();
    // The probe is a run of the same kind as the one bisected (a pr run's probes are pr runs), at the probe's tuple.
    const manifest = probeManifest(bad, p.tuple, utcTimestamp(new Date()));
    const skipCache = p.fresh === true;
    const { results, runDir } = await runSuite({
      root,
      model,
      manifest,
      graphEdges: request.graphEdges,
      seams,
      parallel: request.parallel,
      runKind: 'bisect',
      skipCache,
    });
    // A probe the disk could not hold, or the registry failed twice, proves nothing about its tuple:
    // stop rather than blame a commit for it, or skip commit after commit while the registry is down.
    if (failedOutsideTheTuple(results))
      throw new SeamlineError(`bisect stopped at probe ${probeRuns.length + 1} (${p.why}), blaming nobody: ${results.reason}`);
    const result = probeResult(results, seams);
    const ran = results.seams.filter((s) => seams.includes(s.seam));
    const fromCache = ran.filter((s) => s.cached).map((s) => s.seam);
    probeRuns.push({
      run: probeRuns.length + 1,
      why: p.why,
      tuple: p.tuple,
      result,
      answered: !ran.length ? 'not run' : fromCache.length === ran.length ? 'cache' : fromCache.length ? 'partly cache' : 'ran',
      skip_cache: skipCache,
      ...(fromCache.length && fromCache.length < ran.length ? { from_cache: fromCache } : {}),
      seconds: seconds(Date.now() - started),
      run_dir: relative(root, runDir),
      reason: results.reason,
    });
    return result;
  };
  const onProbe = (step: BisectStep, run: number) => {
    const last = probeRuns[run - 1];
    const at = moved.map((m) => `${m.name}@${shortSha(step.probe.tuple[m.name])}`).join(' ');
    const how =
      last.answered === 'ran'
        ? ''
        : ` (${last.answered === 'cache' ? 'from the Nx cache' : last.answered === 'partly cache' ? `${last.from_cache?.join(', ')} from the Nx cache` : 'no seam ran'})`;
    logger.info(`  probe ${run}: ${at} (${step.probe.why}) -> ${step.result} in ${last.seconds}s${how}`);
  };
  const { verdict } = await runBisect({ good, bad: badTuple, commits, ...(request.goodLabel ? { goodLabel: request.goodLabel } : {}) }, probe, onProbe);
  const culprit = verdict.kind === 'culprit' ? await commitInfo(root, verdict.component, verdict.sha) : undefined;
  const line = verdictLine(verdict, culprit);
  const hold = suggestedHold({ kind: bad.kind, verdict, commits, good, subject: culprit?.subject, seams, today: utcTimestamp(new Date()).slice(0, 10) });

  const dir = runDirOf(root, runId('bisect-verdict', utcTimestamp(new Date()), manifestHash(bad)));
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'bisect.json');
  await writeFile(
    file,
    `${JSON.stringify({ kind: bad.kind, seams, good_from: goodLabel, good, bad: badTuple, commits: Object.fromEntries(Object.entries(commits).map(([c, l]) => [c, l.length])), probes: probeRuns, verdict, culprit, line, ...(hold ? { hold } : {}) }, null, 2)}\n`,
  );
  return { verdict, culprit, line, file: relative(root, file), ...(hold ? { hold } : {}) };
}

/** One probe as bisect.json records it: what it ran, its result, and whether it ran or Nx answered it from its cache. */
interface ProbeRecord {
  run: number;
  why: string;
  tuple: Tuple;
  result: ProbeResult;
  /** `ran`: every probed seam ran; `cache`: Nx replayed every result; `partly cache`: see from_cache; `not run`: no seam ran (a pin could not be prepared). */
  answered: 'ran' | 'cache' | 'partly cache' | 'not run';
  /** Run with --skipNxCache: the checks of an earlier result (bad again, good still passing). */
  skip_cache: boolean;
  from_cache?: string[];
  seconds: number;
  run_dir: string;
  reason: string;
}

/** A probe fails when one of the bisected seams fails; a pin that cannot be prepared (or materialized) is a skip. */
function probeResult(results: RunResults, seams: readonly string[]): ProbeResult {
  if (results.prepare_failure) return 'skip';
  const ran = results.seams.filter((s) => seams.includes(s.seam));
  if (ran.some((s) => s.verdict === 'fail')) return 'fail';
  return ran.length === seams.length ? 'pass' : 'skip';
}

function verdictLine(verdict: BisectVerdict, culprit?: CommitInfo): string {
  if (verdict.kind !== 'culprit' || !culprit) return describeVerdict(verdict);
  return `culprit: ${verdict.component} ${culprit.sha} "${culprit.subject}" by ${culprit.author} (commit ${verdict.index} of ${verdict.of}), found in ${verdict.runs} run${verdict.runs === 1 ? '' : 's'}`;
}
