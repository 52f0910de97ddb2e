import '../../process/executor-process';
import type { ExecutorContext } from '@nx/devkit';
import { ciRunUrl } from '../../core/ci-run-url';
import { listOption } from '../../core/list-option';
import { connectGitHub } from '../../github/connect';
import { runCombine } from '../../run/combine-run';
import { componentEdges } from '../../run/coupling';
import { loadWorkspace } from '../../workspace/load-workspace';
import { type ExecutorResult, runExecutor, seamsAtOnce } from '../run-executor';
import type { CombineExecutorSchema } from './schema';

export default async function combineExecutor(options: CombineExecutorSchema, context: ExecutorContext): Promise<ExecutorResult> {
  return runExecutor(context, async () => {
    const model = await loadWorkspace(context.root);
    return runCombine({
      root: context.root,
      model,
      github: await connectGitHub(model),
      runs: listOption(options.runs),
      runUrl: options.run ?? ciRunUrl(process.env) ?? undefined,
      parallel: seamsAtOnce(options),
      graphEdges: componentEdges(context.projectGraph),
    });
  });
}
