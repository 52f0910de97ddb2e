import '../../process/executor-process';
import { isAbsolute, join } from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import { connectGitHub } from '../../github/connect';
import { componentEdges } from '../../run/coupling';
import { checkPlanOptions } from '../../run/plan-run';
import { runPrFast } from '../../run/pr-fast-run';
import { loadWorkspace } from '../../workspace/load-workspace';
import { refuseUnknownSubsetOption } from '../../core/config/workspace-model';
import { type ExecutorResult, runExecutor, seamsAtOnce } from '../run-executor';
import type { PrFastExecutorSchema } from './schema';
import { asTyped, taskCommandLine } from '../../cli/text-options';

export default async function prFastExecutor(given: PrFastExecutorSchema, context: ExecutorContext): Promise<ExecutorResult> {
  const options = asTyped(given, taskCommandLine(context), __dirname);
  return runExecutor(context, async () => {
    checkPlanOptions(options, { component: options.component, sha: options.sha, pr: options.pr, payload: options.payload });
    const model = await loadWorkspace(context.root);
    refuseUnknownSubsetOption(model.integration.subsets, options.subset);
    const { payload, seamParallel: _, ...rest } = options;
    return runPrFast({
      ...rest,
      parallel: seamsAtOnce(options),
      root: context.root,
      model,
      github: await connectGitHub(model),
      payload: payload && (isAbsolute(payload) ? payload : join(context.root, payload)),
      graphEdges: componentEdges(context.projectGraph),
    });
  });
}
