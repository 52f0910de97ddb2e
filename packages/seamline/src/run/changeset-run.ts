import { logger } from '@nx/devkit';
import { describePlanSteps, planMarkdown, releasePlan } from '../core/changeset/release-plan';
import { seamsOfSubset, type WorkspaceModel } from '../core/config/workspace-model';
import { SeamlineError, unknownName } from '../core/errors';
import { buildChangesetManifest } from '../core/manifest/build-manifest';
import { utcTimestamp } from '../core/time';
import type { PrSpec } from '../core/run/pr-spec';
import { repoSlug } from '../core/run/payload';
import { parseShard } from '../core/run/select-seams';
import { resolvePullHead } from '../git/ls-remote';
import { discoverChangeset } from '../github/changeset-discovery';
import type { GitHubConnection } from '../github/connect';
import { baselineFor } from '../workspace/resolve-mains';
import { packageVersionAt } from '../workspace/package-version';
import { appendSummary } from './append-summary';
import { withPrStatus } from './report-pr-status';
import { runSuite, type SuiteOutcome } from './run-suite';

export interface ChangesetRequest {
  name?: string;
  /** Explicit PRs; without them the changeset is found on GitHub by its label. */
  prs: PrSpec[];
  subset?: string;
  shard?: string;
  parallel?: number;
  /** component -> component edges of the Nx project graph. */
  graphEdges: [string, string][];
}

/** A changeset: every PR's head with the last known good of the rest, one run, one status on every head. */
export async function runChangeset(
  root: string,
  model: WorkspaceModel,
  github: GitHubConnection | undefined,
  request: ChangesetRequest,
): Promise<{ outcome: SuiteOutcome; label: string }> {
  // Options a run cannot start with are refused before any GitHub request, fetch or run directory.
  const subset = request.subset ?? 'pr_fast';
  seamsOfSubset(model, subset);
  const shard = request.shard ? parseShard(request.shard) : undefined;
  const underTest = await changesetPulls(model, github, request);
  const name = request.name ?? underTest.map((u) => `${u.component}#${u.pr}`).join('+');
  const names = underTest.map((u) => u.component);
  const manifest = buildChangesetManifest(
    { components: model.components, ...(await baselineFor(root, model, names)), subset, timestamp: utcTimestamp(new Date()) },
    name,
    underTest,
  );
  const targets = underTest.map((u) => ({ slug: repoSlug(model.components[u.component].repo), sha: u.sha }));
  const outcome = await withPrStatus(
    github,
    targets,
    `changeset ${name} (${underTest.length} PRs)`,
    () =>
      runSuite({
        root,
        model,
        manifest,
        graphEdges: request.graphEdges,
        moved: names,
        shard,
        parallel: request.parallel,
      }),
    request.shard,
  );
  // Passed together, and some PRs depend on others: say in which order they land and what each consumer must depend on.
  if (outcome.results.verdict === 'pass' && !request.shard) await writeReleasePlan(root, model, underTest, outcome.runDir);
  return { outcome, label: `changeset ${name}` };
}

async function writeReleasePlan(root: string, model: WorkspaceModel, underTest: { component: string; pr: number; sha: string }[], runDir: string) {
  const pulls = await Promise.all(
    underTest.map(async (u) => {
      const config = model.components[u.component];
      const npm = config.provides.npm;
      return { ...u, dependsOn: config.dependsOn, ...(npm ? { npm, version: await packageVersionAt(root, u.component, u.sha) } : {}) };
    }),
  );
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
    const pulls = await discoverChangeset(github.gh, request.name, model.components, { allowCycles: model.integration.github.allow_changeset_cycles });
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
