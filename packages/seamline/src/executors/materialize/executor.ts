import '../../process/executor-process';
import type { ExecutorContext } from '@nx/devkit';
import { logger } from '../../terminal/logger';
import { materializePins } from '../../git/materialize';
import { progressLine } from '../../git/progress-line';
import { loadWorkspace } from '../../workspace/load-workspace';
import { resolvePins } from '../../workspace/resolve-pins';
import { type ExecutorResult, runExecutor } from '../run-executor';
import type { MaterializeExecutorSchema } from './schema';
import { asTyped, taskCommandLine } from '../../cli/text-options';

export default async function materializeExecutor(given: MaterializeExecutorSchema, context: ExecutorContext): Promise<ExecutorResult> {
  const options = asTyped(given, taskCommandLine(context), __dirname);
  return runExecutor(context, async () => {
    const root = context.root;
    const model = await loadWorkspace(root);
    const pins = await resolvePins(root, model, options);
    logger.info(`Materializing ${pins.length} pin${pins.length === 1 ? '' : 's'}:`);
    const width = Math.max(...pins.map((p) => p.component.length));
    const started = Date.now();
    const materialized = await materializePins(root, pins, {
      concurrency: options.concurrency,
      onProgress: (event) => logger.info(progressLine(event, width, root)),
    });
    const fetched = materialized.filter((p) => p.status === 'fetched').length;
    logger.info(`Done in ${((Date.now() - started) / 1000).toFixed(1)}s: ${fetched} fetched, ${materialized.length - fetched} cached.`);
    return { success: true, checkouts: Object.fromEntries(materialized.map((p) => [p.component, p.dir])) };
  });
}
