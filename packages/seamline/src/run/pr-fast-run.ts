import { logger } from '../terminal/logger';
import { seamsOfSubset, type WorkspaceModel } from '../core/config/workspace-model';
import { SeamlineError, unknownName } from '../core/errors';
import { buildPrManifest } from '../core/manifest/build-manifest';
import { componentForRepo, parsePayload } from '../core/run/payload';
import { parseShard } from '../core/run/select-seams';
import { utcTimestamp } from '../core/time';
import type { GitHubConnection } from '../github/connect';
import { checkPullHead } from '../github/pulls';
import { resolvePullHead } from '../git/ls-remote';
import { displayPath, readText } from '../workspace/load-workspace';
import { baselineFor } from '../workspace/resolve-mains';
import { runChangeset } from './changeset-run';
import { runPlannedShard, type PlanOptions } from './plan-run';
import { runOrPlanPr } from './pr-run';
import type { RunReport } from './report-run';

export const PR_FAST_NEEDS = 'pr-fast: expected --component=<name> with --sha=<40-hex PR head SHA> or --pr=<number>, or --payload=<file>';

/** What a user asks pr-fast for: the options of `nx run integration:pr-fast`. */
export interface PrFastOptions extends PlanOptions {
  component?: string;
  sha?: string;
  /** The PR number; without `sha`, its head is read from refs/pull/<pr>/head. */
  pr?: number;
  /** A dispatch payload file ({repo, pr, sha, changeset?}) instead of component, sha and pr. */
  payload?: string;
  subset?: string;
  shard?: string;
  parallel?: number;
  /** --seam-parallel: Nx consumes --parallel on the command line; wins over parallel. */
  seamParallel?: number;
}

export interface PrFastRequest extends PrFastOptions {
  root: string;
  model: WorkspaceModel;
  github: GitHubConnection | undefined;
  graphEdges: [string, string][];
}

/**
 * One PR's head with the last known good of every other component, with its
 * status on the PR head. A payload is checked against the declared components
 * (and the PR's head on GitHub) before anything is fetched; a payload that
 * names a changeset hands over to the changeset run.
 */
export async function runPrFast(request: PrFastRequest): Promise<RunReport> {
  const { root, model, github } = request;
  // Options a run cannot start with are refused before any file is read, any fetch, run directory or GitHub request.
  const subset = request.subset ?? 'pr_fast';
  seamsOfSubset(model, subset);
  const shard = request.shard ? parseShard(request.shard) : undefined;
  if (request.manifest !== undefined) {
    const { graphEdges, parallel } = request;
    return runPlannedShard({ root, model, manifestFile: request.manifest, shard, kinds: ['pr', 'changeset'], label: 'pr-fast', parallel, graphEdges });
  }
  let { component, sha, pr } = request;
  if (request.payload) {
    const file = displayPath(root, request.payload);
    const payload = parsePayload(await readText(root, request.payload, 'pass the dispatch payload file ({repo, pr, sha})'), file);
    component = componentForRepo(payload.repo, model.components, file);
    ({ sha, pr } = payload);
    const slug = github?.repoOf(component);
    if (github && slug) await checkPullHead(github.gh, slug, payload.pr, payload.sha, file);
    if (payload.changeset && github) {
      logger.info(`${file}: ${payload.repo}#${payload.pr} belongs to changeset "${payload.changeset}"; testing the changeset as one unit`);
      return runChangeset(root, model, github, {
        name: payload.changeset,
        prs: [],
        subset: request.subset,
        parallel: request.parallel,
        graphEdges: request.graphEdges,
        shard: request.shard,
        plan: request.plan,
        shards: request.shards,
      });
    }
    if (payload.changeset)
      logger.warn(`${file}: changeset "${payload.changeset}": finding its other PRs needs GitHub (GITHUB_TOKEN); testing ${payload.repo}#${payload.pr} alone`);
  }
  if (!component || (!sha && !pr)) throw new SeamlineError(PR_FAST_NEEDS);
  // Refused before anything is resolved on the network.
  if (!model.components[component]) throw new SeamlineError(`--component: ${unknownName('component', component, Object.keys(model.components))}`);
  if (!sha) {
    // --pr alone (the check above): the head GitHub keeps for the PR, as changeset takes `auth#17`.
    sha = await resolvePullHead(component, model.components[component].repo, pr as number, { instead: '--sha=<40-hex SHA>' });
    logger.info(`${component}#${pr}: head ${sha} (refs/pull/${pr}/head)`);
  }
  const manifest = buildPrManifest(
    {
      components: model.components,
      ...(await baselineFor(root, model, [component])),
      subset,
      timestamp: utcTimestamp(new Date()),
    },
    { component, sha, pr },
  );
  const label = `${component}${pr ? `#${pr}` : ''} with the last known good`;
  return runOrPlanPr(root, model, github, { manifest, heads: [{ component, sha }], moved: [component], what: label, label: 'pr-fast' }, request);
}
