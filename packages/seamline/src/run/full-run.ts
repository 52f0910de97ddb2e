import { logger } from '@nx/devkit';
import { seamsOfSubset, type WorkspaceModel } from '../core/config/workspace-model';
import { buildFullManifest } from '../core/manifest/build-manifest';
import { SeamlineError, unknownName } from '../core/errors';
import type { Manifest } from '../core/manifest/manifest';
import { failedSeams } from '../core/run/results';
import type { Shard } from '../core/run/select-seams';
import { shortHead } from '../core/known-good/head';
import { utcTimestamp } from '../core/time';
import type { Tuple } from '../core/tuple';
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
  const manifest = buildFullManifest({ components: model.components, mains: { ...heads, ...request.given }, subset, timestamp: utcTimestamp(new Date()) });
  const knownGood = await lastKnownGoodTuple(root, model);
  const outcome = await runSuite({ root, model, manifest, graphEdges: request.graphEdges, shard, parallel: request.parallel });
  const report = reportRun(root, 'full', outcome);
  const { results } = outcome;
  if (results.verdict === 'pass' && !shard) {
    // From the run's own results.json, through the same checks as record-known-good.
    const { line, head } = await recordKnownGood(root, model, { run: outcome.runDir, runUrl: request.runUrl ?? null });
    await appendSummary(outcome.runDir, `Recorded known good: line ${line}, known-good head \`${shortHead(head)}\`.`);
  }
  const bisect =
    results.verdict === 'fail' && model.integration.bisect === 'auto' && !shard ? await autoBisect(request, manifest, knownGood, outcome) : undefined;
  await reportFullToGitHub(root, request.github, outcome, { knownGood, bisect, runUrl: request.runUrl, pinned: Object.keys(request.given) });
  return { ...report, ...(bisect ? { bisect } : {}) };
}

/** Bisect a failed full from the last known good; a bisect that cannot run never hides the failure. */
async function autoBisect(request: FullRequest, bad: Manifest, knownGood: Tuple | undefined, outcome: SuiteOutcome): Promise<string | undefined> {
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
  const found = await bisectFailure({ root, model, bad, good: knownGood, seams: failed, graphEdges, parallel }).catch((e: Error) => ({
    line: `could not bisect: ${e.message}`,
    file: undefined,
  }));
  logger.info(`bisect: ${found.line}${found.file ? `; probes in ${found.file}` : ''}`);
  await appendSummary(outcome.runDir, `### Bisect\n\n${found.line}${found.file ? `\n\nProbes: \`${found.file}\`` : ''}`);
  return found.line;
}
