import type { ExecutorContext } from '@nx/devkit';
import { SeamlineError } from '../../core/errors';
import { buildChangesetManifest } from '../../core/manifest/build-manifest';
import { listOption, utcTimestamp } from '../../core/pin-spec';
import { parsePrSpec } from '../../core/run/pr-spec';
import { parseShard } from '../../core/run/select-seams';
import { resolvePullHead } from '../../git/ls-remote';
import { componentEdges } from '../../run/coupling';
import { reportRun } from '../../run/report-run';
import { runSuite } from '../../run/run-suite';
import { loadWorkspace } from '../../workspace/load-workspace';
import { baselineFor } from '../../workspace/resolve-mains';
import { type ExecutorResult, runExecutor } from '../run-executor';
import type { ChangesetExecutorSchema } from './schema';

export default async function changesetExecutor(options: ChangesetExecutorSchema, context: ExecutorContext): Promise<ExecutorResult> {
  return runExecutor(context, async () => {
    const root = context.root;
    const model = await loadWorkspace(root);
    const specs = listOption(options.prs).map(parsePrSpec);
    if (!specs.length) {
      throw new SeamlineError(`changeset${options.name ? ` "${options.name}"` : ''}: expected --prs=component#n,... (finding the PRs of a changeset by label needs GitHub, which this run is not connected to)`);
    }
    for (const spec of specs) {
      if (!model.components[spec.component]) throw new SeamlineError(`--prs: unknown component "${spec.component}" (declared: ${Object.keys(model.components).sort().join(', ')})`);
    }
    const underTest = await Promise.all(
      specs.map(async (s) => ({ component: s.component, pr: s.pr, sha: s.sha ?? (await resolvePullHead(s.component, model.components[s.component].repo, s.pr)) })),
    );
    const name = options.name ?? specs.map((s) => `${s.component}#${s.pr}`).join('+');
    const names = underTest.map((u) => u.component);
    const manifest = buildChangesetManifest(
      { components: model.components, ...(await baselineFor(root, model, names)), subset: options.subset ?? 'pr_fast', timestamp: utcTimestamp(new Date()) },
      name,
      underTest,
    );
    const outcome = await runSuite({
      root,
      model,
      manifest,
      graphEdges: componentEdges(context.projectGraph),
      moved: names,
      shard: options.shard ? parseShard(options.shard) : undefined,
      parallel: options.parallel,
    });
    return reportRun(root, `changeset ${name}`, outcome);
  });
}
