import '../../process/executor-process';
import type { ExecutorContext } from '@nx/devkit';
import { ciRunUrl } from '../../core/ci-run-url';
import { listOption } from '../../core/list-option';
import { parsePinSpec, pinSpecsToTuple } from '../../core/pin-spec';
import { parseShard } from '../../core/run/select-seams';
import { connectGitHub } from '../../github/connect';
import { componentEdges } from '../../run/coupling';
import { runFull } from '../../run/full-run';
import { checkPlanOptions } from '../../run/plan-run';
import { loadWorkspace } from '../../workspace/load-workspace';
import { refuseUnknownSubsetOption } from '../../core/config/workspace-model';
import { type ExecutorResult, runExecutor, seamsAtOnce } from '../run-executor';
import type { FullExecutorSchema } from './schema';
import { asTyped, taskCommandLine } from '../../cli/text-options';

export default async function fullExecutor(given: FullExecutorSchema, context: ExecutorContext): Promise<ExecutorResult> {
  const options = asTyped(given, taskCommandLine(context), __dirname);
  return runExecutor(context, async () => {
    checkPlanOptions(options, { main: options.main });
    const model = await loadWorkspace(context.root);
    refuseUnknownSubsetOption(model.integration.subsets, options.subset);
    return runFull({
      root: context.root,
      model,
      github: await connectGitHub(model),
      given: pinSpecsToTuple(
        listOption(options.main).map((m) => parsePinSpec(m, 'main')),
        'main',
      ),
      subset: options.subset ?? 'full',
      shard: options.shard ? parseShard(options.shard) : undefined,
      parallel: seamsAtOnce(options),
      runUrl: options.run ?? ciRunUrl(process.env) ?? undefined,
      plan: options.plan,
      shards: options.shards,
      manifest: options.manifest,
      graphEdges: componentEdges(context.projectGraph),
    });
  });
}
