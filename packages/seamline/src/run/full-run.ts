import { logger } from '@nx/devkit';
import type { Hold } from '../core/config/integration-config';
import { seamsOfSubset, type WorkspaceModel } from '../core/config/workspace-model';
import { applyHolds, type HeldMains } from '../core/hold/hold-in-force';
import { holdAdvice, holdCommand } from '../core/hold/suggest-hold';
import { buildFullManifest } from '../core/manifest/build-manifest';
import { SeamlineError, unknownName } from '../core/errors';
import type { Manifest } from '../core/manifest/manifest';
import { failedSeams } from '../core/run/results';
import type { Shard } from '../core/run/select-seams';
import { shortHead } from '../core/known-good/head';
import { utcTimestamp } from '../core/time';
import { shortSha, type Tuple } from '../core/tuple';
import type { GitHubConnection } from '../github/connect';
import { lastKnownGoodTuple } from '../workspace/open-store';
import { resolveMains } from '../workspace/resolve-mains';
import { appendSummary } from './append-summary';
import { bisectFailure } from './bisect-run';
import { recordKnownGood } from './record-known-good';
import { reportFullToGitHub } from './report-full-issue';
import { reportRun, type RunReport } from './report-run';
import { runSuite, type SuiteOutcome } from './run-suite';

export interface FullRequest {
  root: string;
  model: WorkspaceModel;
  github: GitHubConnection | undefined;
  /** Components pinned by --main; the others run at their branch heads. */
  given: Tuple;
  subset: string;
  shard?: Shard;
  parallel?: number;
  /** The CI run, for the record and the failure issue. */
  runUrl?: string;
  graphEdges: [string, string][];
}

/**
 * The full suite on the latest mains: a pass (unsharded) is recorded as known
 * good; a failure is bisected when `bisect: auto` and reported as an issue.
 */
export async function runFull(request: FullRequest): Promise<RunReport & { bisect?: string }> {
  const { root, model, subset, shard } = request;
  // An unknown subset is a typo, not a run: refused before any fetch, run directory or GitHub request.
  seamsOfSubset(model, subset);
  for (const name of Object.keys(request.given)) {
    if (!model.components[name]) throw new SeamlineError(`--main: ${unknownName('component', name, Object.keys(model.components))}`);
  }
  const heads = await resolveMains(
    model,
    Object.keys(model.components).filter((c) => !request.given[c]),
  );
  const now = utcTimestamp(new Date());
  const pins = applyHolds({ mains: heads, given: request.given, holds: model.integration.hold, today: now.slice(0, 10) });
  reportHolds(pins, heads);
  const manifest = buildFullManifest({ components: model.components, mains: pins.tuple, holds: pins.held, subset, timestamp: now });
  const knownGood = await lastKnownGoodTuple(root, model);
  const outcome = await runSuite({ root, model, manifest, graphEdges: request.graphEdges, shard, parallel: request.parallel });
  const report = reportRun(root, 'full', outcome);
  const { results } = outcome;
  if (results.verdict === 'pass' && !shard) {
    // From the run's own results.json, through the same checks as record-known-good.
    const { line, head } = await recordKnownGood(root, model, { run: outcome.runDir, runUrl: request.runUrl ?? null });
    await appendSummary(outcome.runDir, `Recorded known good: line ${line}, known-good head \`${shortHead(head)}\`.`);
  }
  const found =
    results.verdict === 'fail' && model.integration.bisect === 'auto' && !shard ? await autoBisect(request, manifest, knownGood, outcome) : undefined;
  await reportFullToGitHub(root, request.github, outcome, {
    knownGood,
    bisect: found?.line,
    ...(found?.hold ? { hold: found.hold } : {}),
    runUrl: request.runUrl,
    pinned: Object.keys(request.given),
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
  request: FullRequest,
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
  if (found.hold) logger.info(`bisect: to let the other components move on, hold ${found.hold.component}: ${holdCommand(found.hold)}`);
  const advice = found.hold ? `\n\n${holdAdvice(found.hold).join('\n')}` : '';
  await appendSummary(outcome.runDir, `### Bisect\n\n${found.line}${found.file ? `\n\nProbes: \`${found.file}\`` : ''}${advice}`);
  return { line: found.line, ...(found.hold ? { hold: found.hold } : {}) };
}
