import { logger } from '../terminal/logger';
import { describePlanSteps, planMarkdown, releasePlan } from '../core/changeset/release-plan';
import { namedNpmPackages } from '../core/config/npm-packages';
import { seamsOfSubset, type WorkspaceModel } from '../core/config/workspace-model';
import { SeamlineError, unknownName } from '../core/errors';
import { buildChangesetManifest } from '../core/manifest/build-manifest';
import { utcTimestamp } from '../core/time';
import type { PrSpec } from '../core/run/pr-spec';
import { parseShard } from '../core/run/select-seams';
import { resolvePullHead } from '../git/ls-remote';
import { discoverChangeset } from '../github/changeset-discovery';
import type { GitHubConnection } from '../github/connect';
import { baselineFor } from '../workspace/resolve-mains';
import { packageVersionAt } from '../workspace/package-version';
import { appendSummary } from './append-summary';
import { runPlannedShard, type PlanOptions } from './plan-run';
import { type PrRun, runOrPlanPr } from './pr-run';
import type { RunReport } from './report-run';

export interface ChangesetRequest extends PlanOptions {
  name?: string;
  /** Explicit PRs; without them the changeset is found on GitHub by its label. */
  prs: PrSpec[];
  subset?: string;
  shard?: string;
  parallel?: number;
  /** component -> component edges of the Nx project graph. */
  graphEdges: [string, string][];
}

/**
 * A changeset: every PR's head with the last known good of the rest, one run, one
 * status on every head. With --plan, the plan of a sharded run; with --manifest,
 * one shard of it.
 */
export async function runChangeset(root: string, model: WorkspaceModel, github: GitHubConnection | undefined, request: ChangesetRequest): Promise<RunReport> {
  // Options a run cannot start with are refused before any GitHub request, fetch or run directory.
  const subset = request.subset ?? 'pr_fast';
  seamsOfSubset(model, subset);
  const shard = request.shard ? parseShard(request.shard) : undefined;
  if (request.manifest !== undefined) {
    const { graphEdges, parallel } = request;
    return runPlannedShard({ root, model, manifestFile: request.manifest, shard, kinds: ['changeset'], label: 'changeset', parallel, graphEdges });
  }
  return runOrPlanPr(root, model, github, await changesetRun(root, model, github, { ...request, subset }), request);
}

/** The changeset's manifest and PR heads: found by label on GitHub, or as --prs names them. */
export async function changesetRun(root: string, model: WorkspaceModel, github: GitHubConnection | undefined, request: ChangesetRequest): Promise<PrRun> {
  const underTest = await changesetPulls(model, github, request);
  const name = request.name ?? underTest.map((u) => `${u.component}#${u.pr}`).join('+');
  const names = underTest.map((u) => u.component);
  const manifest = buildChangesetManifest(
    { components: model.components, ...(await baselineFor(root, model, names)), subset: request.subset ?? 'pr_fast', timestamp: utcTimestamp(new Date()) },
    name,
    underTest,
  );
  return {
    manifest,
    heads: underTest.map((u) => ({ component: u.component, sha: u.sha })),
    moved: names,
    what: `changeset ${name} (${underTest.length} PRs)`,
    label: `changeset ${name}`,
    // Passed together, and some PRs depend on others: say in which order they land and what each consumer must depend on.
    onPass: (runDir) => writeReleasePlan(root, model, underTest, runDir),
  };
}

/** After a changeset passed, whole or combined from its shards: the merge and release plan, printed and in summary.md. */
export async function writeReleasePlan(root: string, model: WorkspaceModel, underTest: { component: string; pr: number; sha: string }[], runDir: string) {
  const pulls = underTest.map((u) => {
    const config = model.components[u.component];
    // One package: its name and version at the tested SHA. Several: their names, and the plan names the tested SHA.
    const packages = namedNpmPackages(config.provides.npm);
    const [only] = packages;
    if (packages.length === 1) return { ...u, dependsOn: config.dependsOn, npm: only.name, version: packageVersionAt(root, u.component, u.sha, only.path) };
    return { ...u, dependsOn: config.dependsOn, ...(packages.length ? { npm: packages.map((p) => p.name).join(', ') } : {}) };
  });
  const plan = releasePlan(pulls);
  if (!plan) return;
  logger.info('Merge and release plan (providers first):');
  for (const line of describePlanSteps(plan)) logger.info(`  ${line}`);
  await appendSummary(runDir, planMarkdown(plan));
}

async function changesetPulls(model: WorkspaceModel, github: GitHubConnection | undefined, request: ChangesetRequest) {
  if (!request.prs.length) {
    if (!request.name) throw new SeamlineError('changeset: expected --name=<changeset> (PRs labelled changeset:<name>) or --prs=component#n,...');
    if (!github)
      throw new SeamlineError(`changeset "${request.name}": finding its PRs by label needs GitHub (set GITHUB_TOKEN), or name them with --prs=component#n,...`);
    const repos = github.repos();
    if (!Object.keys(repos).length)
      throw new SeamlineError(
        `changeset "${request.name}": no component repository is on ${github.webHost}, so no PR can be found by label; name them with --prs=component#n,..., or set github: <owner>/<name> in each component.yaml`,
      );
    const pulls = await discoverChangeset(github.gh, request.name, repos, { allowCycles: model.integration.github.allow_changeset_cycles });
    return pulls.map((p) => ({ component: p.component, pr: p.number, sha: p.headSha }));
  }
  for (const spec of request.prs) {
    if (!model.components[spec.component]) throw new SeamlineError(`--prs: ${unknownName('component', spec.component, Object.keys(model.components))}`);
  }
  return Promise.all(
    request.prs.map(async (s) => ({
      component: s.component,
      pr: s.pr,
      sha: s.sha ?? (await resolvePullHead(s.component, model.components[s.component].repo, s.pr)),
    })),
  );
}
