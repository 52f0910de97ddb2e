import '../../process/executor-process';
import type { ExecutorContext } from '@nx/devkit';
import { logger } from '../../terminal/logger';
import { componentEdges } from '../../run/coupling';
import { buildReport } from '../../run/build-report';
import { loadWorkspace } from '../../workspace/load-workspace';
import { type ExecutorResult, runExecutor } from '../run-executor';
import type { ReportExecutorSchema } from './schema';
import { asTyped, taskCommandLine } from '../../cli/text-options';

/** `nx run integration:report [--out=dist/seamline-report] [--runs=<dir>...]`: the static report site. */
export default async function reportExecutor(given: ReportExecutorSchema, context: ExecutorContext): Promise<ExecutorResult> {
  const options = asTyped(given, taskCommandLine(context), __dirname);
  return runExecutor(context, async () => {
    const model = await loadWorkspace(context.root);
    const runs = options.runs === undefined ? undefined : Array.isArray(options.runs) ? options.runs : [options.runs];
    const outcome = await buildReport({ root: context.root, model, out: options.out, runs, edges: componentEdges(context.projectGraph) });
    logger.info(
      `Wrote ${outcome.file}: ${outcome.records} known-good record(s), ${outcome.runs} run(s), ${outcome.files} file(s), ${Math.round(outcome.bytes / 1024)} KiB; open it in a browser (works from file://)`,
    );
    return { success: true };
  });
}
