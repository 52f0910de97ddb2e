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
import { asTyped, taskCommandLine } from '../../cli/text-options';

export default async function combineExecutor(given: CombineExecutorSchema, context: ExecutorContext): Promise<ExecutorResult> {
  const options = asTyped(given, taskCommandLine(context), __dirname);
  return runExecutor(context, async () => {
    const model = await loadWorkspace(context.root);
    return runCombine({
      root: context.root,
      model,
      github: await connectGitHub(model),
      runs: listOption(options.runs),
      plan: options.plan,
      runUrl: options.run ?? ciRunUrl(process.env) ?? undefined,
      parallel: seamsAtOnce(options),
      graphEdges: componentEdges(context.projectGraph),
    });
  });
}
