import { logger } from '../terminal/logger';
import { bisectCommand, bisectWorthSuggesting } from '../core/bisect/bisect-command';
import type { Hold } from '../core/config/integration-config';
import { seamsOfSubset, type WorkspaceModel } from '../core/config/workspace-model';
import { applyHolds, type HeldMains } from '../core/hold/hold-in-force';
import { holdAdvice, holdHint } from '../core/hold/suggest-hold';
import { buildFullManifest } from '../core/manifest/build-manifest';
import { SeamlineError, unknownName } from '../core/errors';
import type { Manifest } from '../core/manifest/manifest';
import { failedSeams } from '../core/run/results';
import type { Shard } from '../core/run/select-seams';
import { shortHead } from '../core/known-good/head';
import { utcTimestamp } from '../core/time';
import { shortSha, type Tuple } from '../core/tuple';
import type { GitHubConnection } from '../github/connect';
import { runManifestFile, shownPath } from '../workspace/layout';
import { lastKnownGoodTuple } from '../workspace/open-store';
import { checkOnMains, resolveMains } from '../workspace/resolve-mains';
import { appendSummary } from './append-summary';
import { bisectFailure } from './bisect-run';
import { recordKnownGood } from './record-known-good';
import { reportFullToGitHub } from './report-full-issue';
import { reportRun, type RunReport } from './report-run';
import { runSuite, type SuiteOutcome } from './run-suite';
import { type PlanOptions, runPlannedShard, writePlan } from './plan-run';

export interface FullRequest extends Omit<PlanOptions, 'manifest'> {
  root: string;
  model: WorkspaceModel;
  github: GitHubConnection | undefined;
  /** Components pinned by --main; the others run at their branch heads. */
  given: Tuple;
  subset: string;
  shard?: Shard;
  /** A shard of a plan: the plan's manifest.yaml (see writePlan). */
  manifest?: string;
  parallel?: number;
  /** The CI run, for the record and the failure issue. */
  runUrl?: string;
  graphEdges: [string, string][];
}

/** What happens after a full suite ran, whole or combined from shards. */
export type FullFollowUp = Pick<FullRequest, 'root' | 'model' | 'github' | 'runUrl' | 'graphEdges' | 'parallel'> & { pinned: string[] };

/**
 * The full suite on the latest mains: a pass (unsharded) is recorded as known
 * good; a failure is bisected when `bisect: auto` and reported as an issue.
 * With --plan it only resolves the mains and writes the plan; with --manifest it
 * runs one shard of a plan.
 */
export async function runFull(request: FullRequest): Promise<RunReport & { bisect?: string }> {
  const { root, model, subset, shard } = request;
  // An unknown subset is a typo, not a run: refused before any fetch, run directory or GitHub request.
  seamsOfSubset(model, subset);
  for (const name of Object.keys(request.given)) {
    if (!model.components[name]) throw new SeamlineError(`--main: ${unknownName('component', name, Object.keys(model.components))}`);
  }
  if (request.manifest !== undefined) {
    const { manifest: manifestFile, graphEdges, parallel } = request;
    return runPlannedShard({ root, model, manifestFile, shard, kinds: ['full'], label: 'full', parallel, graphEdges });
  }
  // Every head at once: those --main replaces are what its commits must be on.
  const heads = await resolveMains(model, Object.keys(model.components));
  await checkOnMains(root, model, request.given, heads);
  const now = utcTimestamp(new Date());
  const pins = applyHolds({ mains: heads, given: request.given, holds: model.integration.hold, today: now.slice(0, 10) });
  reportHolds(pins, heads);
  const manifest = buildFullManifest({ components: model.components, mains: pins.tuple, holds: pins.held, subset, timestamp: now });
  if (request.plan !== undefined) return writePlan({ root, model, manifest, dir: request.plan, shards: request.shards ?? 1, graphEdges: request.graphEdges });
  const knownGood = await lastKnownGoodTuple(root, model);
  const outcome = await runSuite({ root, model, manifest, graphEdges: request.graphEdges, shard, parallel: request.parallel });
  return afterFull({ ...request, pinned: Object.keys(request.given) }, manifest, knownGood, outcome, 'full');
}

/**
 * After a full suite ran (whole, or combined from every shard of a plan): a pass is
 * recorded as known good, a failure is bisected once (with `bisect: auto`), and
 * GitHub hears of either. A shard run on its own (--shard without a plan) records
 * and bisects nothing.
 */
export async function afterFull(
  context: FullFollowUp,
  manifest: Manifest,
  knownGood: Tuple | undefined,
  outcome: SuiteOutcome,
  label: string,
): Promise<RunReport & { bisect?: string }> {
  const { root, model } = context;
  const report = reportRun(root, label, outcome);
  const { results } = outcome;
  if (results.verdict === 'pass' && !results.shard) {
    // From the run's own results.json, through the same checks as record-known-good.
    const { line, head } = await recordKnownGood(root, model, { run: outcome.runDir, runUrl: context.runUrl ?? null });
    await appendSummary(outcome.runDir, `Recorded known good: line ${line}, known-good head \`${shortHead(head)}\`.`);
  }
  const found =
    results.verdict === 'fail' && model.integration.bisect === 'auto' && !results.shard ? await autoBisect(context, manifest, knownGood, outcome) : undefined;
  if (bisectWorthSuggesting(results, knownGood, found !== undefined))
    logger.info(
      `Find the culprit: ${bisectCommand(shownPath(root, runManifestFile(root, results.run_id)))} (or set bisect: auto in integration/seamline.yaml)`,
    );
  await reportFullToGitHub(root, context.github, outcome, {
    knownGood,
    bisect: found?.line,
    ...(found?.hold ? { hold: found.hold } : {}),
    runUrl: context.runUrl,
    pinned: context.pinned,
  });
  return { ...report, ...(found ? { bisect: found.line } : {}) };
}

/** Say which components a hold kept back (with its reason), which holds expired and which --main overrode. */
function reportHolds(pins: HeldMains, heads: Tuple): void {
  for (const hold of pins.held) {
    const main = heads[hold.component];
    const instead = main && main !== hold.sha ? ` instead of its main ${shortSha(main)}` : '';
    logger.info(`hold: ${hold.component} pinned at ${shortSha(hold.sha)}${instead} until ${hold.expires}: ${hold.reason}`);
  }
  for (const hold of pins.expired)
    logger.warn(
      `hold: the hold on ${hold.component} expired on ${hold.expires}; ${hold.component} runs at its main. Remove it: nx run integration:hold --component=${hold.component} --release`,
    );
  for (const hold of pins.overridden) logger.info(`hold: ${hold.component} is pinned by --main, which overrides its hold (${hold.reason})`);
}

/** Bisect a failed full from the last known good; a bisect that cannot run never hides the failure. */
async function autoBisect(
  request: FullFollowUp,
  bad: Manifest,
  knownGood: Tuple | undefined,
  outcome: SuiteOutcome,
): Promise<{ line: string; hold?: Hold } | undefined> {
  const failed = failedSeams(outcome.results);
  if (!knownGood) {
    logger.warn('bisect: auto, but the known-good store has no full-suite record to start from; not bisecting');
    return undefined;
  }
  if (!failed.length) {
    logger.warn(`bisect: auto, but no seam failed (${outcome.results.reason}); not bisecting`);
    return undefined;
  }
  const { root, model, graphEdges, parallel } = request;
  const found: { line: string; file?: string; hold?: Hold } = await bisectFailure({
    root,
    model,
    bad,
    good: knownGood,
    seams: failed,
    graphEdges,
    parallel,
  }).catch((e: Error) => ({ line: `could not bisect: ${e.message}` }));
  logger.info(`bisect: ${found.line}${found.file ? `; probes in ${found.file}` : ''}`);
  if (found.hold) logger.info(holdHint(found.hold));
  const advice = found.hold ? `\n\n${holdAdvice(found.hold).join('\n')}` : '';
  await appendSummary(outcome.runDir, `### Bisect\n\n${found.line}${found.file ? `\n\nProbes: \`${found.file}\`` : ''}${advice}`);
  return { line: found.line, ...(found.hold ? { hold: found.hold } : {}) };
}
