import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { type ExecutorContext, logger } from '@nx/devkit';
import { SeamlineError } from '../../core/errors';
import { buildPrManifest } from '../../core/manifest/build-manifest';
import { utcTimestamp } from '../../core/time';
import { componentForRepo, parsePayload, repoSlug } from '../../core/run/payload';
import { parseShard } from '../../core/run/select-seams';
import { connectGitHub } from '../../github/connect';
import { checkPullHead } from '../../github/pulls';
import { runChangeset } from '../../run/changeset-run';
import { componentEdges } from '../../run/coupling';
import { withPrStatus } from '../../run/report-pr-status';
import { reportRun } from '../../run/report-run';
import { runSuite } from '../../run/run-suite';
import { displayPath, loadWorkspace } from '../../workspace/load-workspace';
import { baselineFor } from '../../workspace/resolve-mains';
import { type ExecutorResult, runExecutor } from '../run-executor';
import type { PrFastExecutorSchema } from './schema';

export default async function prFastExecutor(options: PrFastExecutorSchema, context: ExecutorContext): Promise<ExecutorResult> {
  return runExecutor(context, async () => {
    const root = context.root;
    const model = await loadWorkspace(root);
    const github = await connectGitHub(model);
    let { component, sha, pr } = options;
    if (options.payload) {
      const path = isAbsolute(options.payload) ? options.payload : join(root, options.payload);
      const file = displayPath(root, path);
      // Validated and matched to a declared component before anything is fetched.
      const payload = parsePayload(await readFile(path, 'utf8'), file);
      component = componentForRepo(payload.repo, model.components, file);
      ({ sha, pr } = payload);
      if (github) await checkPullHead(github.gh, repoSlug(model.components[component].repo), payload.pr, payload.sha, file);
      if (payload.changeset && github) {
        logger.info(`${file}: ${payload.repo}#${payload.pr} belongs to changeset "${payload.changeset}"; testing the changeset as one unit`);
        const { outcome, label } = await runChangeset(root, model, github, { name: payload.changeset, prs: [], subset: options.subset, shard: options.shard, parallel: options.parallel }, context);
        return reportRun(root, label, outcome);
      }
      if (payload.changeset) logger.warn(`${file}: changeset "${payload.changeset}": finding its other PRs needs GitHub (GITHUB_TOKEN); testing ${payload.repo}#${payload.pr} alone`);
    }
    if (!component || !sha) throw new SeamlineError('pr-fast: expected --component=<name> and --sha=<40-hex PR head SHA>, or --payload=<file>');
    const manifest = buildPrManifest(
      { components: model.components, ...(await baselineFor(root, model, [component])), subset: options.subset ?? 'pr_fast', timestamp: utcTimestamp(new Date()) },
      { component, sha, pr },
    );
    const moved = component;
    const outcome = await withPrStatus(github, [{ slug: repoSlug(model.components[component].repo), sha }], `${component}${pr ? `#${pr}` : ''} with the last known good`, () =>
      runSuite({ root, model, manifest, graphEdges: componentEdges(context.projectGraph), moved: [moved], shard: options.shard ? parseShard(options.shard) : undefined, parallel: options.parallel }),
      options.shard,
    );
    return reportRun(root, 'pr-fast', outcome);
  });
}
