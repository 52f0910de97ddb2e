import '../../process/executor-process';
import type { ExecutorContext } from '@nx/devkit';
import { listOption } from '../../core/list-option';
import { parsePrSpec } from '../../core/run/pr-spec';
import { connectGitHub } from '../../github/connect';
import { runChangeset } from '../../run/changeset-run';
import { componentEdges } from '../../run/coupling';
import { checkPlanOptions } from '../../run/plan-run';
import { loadWorkspace } from '../../workspace/load-workspace';
import { refuseUnknownSubsetOption } from '../../core/config/workspace-model';
import { type ExecutorResult, runExecutor, seamsAtOnce } from '../run-executor';
import type { ChangesetExecutorSchema } from './schema';
import { asTyped, taskCommandLine } from '../../cli/text-options';

export default async function changesetExecutor(given: ChangesetExecutorSchema, context: ExecutorContext): Promise<ExecutorResult> {
  const options = asTyped(given, taskCommandLine(context), __dirname);
  return runExecutor(context, async () => {
    checkPlanOptions(options, { name: options.name, prs: options.prs });
    const model = await loadWorkspace(context.root);
    refuseUnknownSubsetOption(model.integration.subsets, options.subset);
    return runChangeset(context.root, model, await connectGitHub(model), {
      name: options.name,
      prs: listOption(options.prs).map(parsePrSpec),
      subset: options.subset,
      shard: options.shard,
      parallel: seamsAtOnce(options),
      graphEdges: componentEdges(context.projectGraph),
      plan: options.plan,
      shards: options.shards,
      manifest: options.manifest,
    });
  });
}
