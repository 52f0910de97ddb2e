import '../../process/executor-process';
import type { ExecutorContext } from '@nx/devkit';
import { integrationConfigPath } from '../../core/config/workspace-model';
import { SeamlineError } from '../../core/errors';
import { parseSize } from '../../core/size';
import { collectGarbage, logGcReport } from '../../run/collect-garbage';
import { loadWorkspace } from '../../workspace/load-workspace';
import { type ExecutorResult, runExecutor } from '../run-executor';
import type { GcExecutorSchema } from './schema';
import { asTyped, taskCommandLine } from '../../cli/text-options';

export default async function gcExecutor(given: GcExecutorSchema, context: ExecutorContext): Promise<ExecutorResult> {
  const options = asTyped(given, taskCommandLine(context), __dirname);
  return runExecutor(context, async () => {
    const root = context.root;
    let maxBytes: number | undefined;
    // With --max-size, gc works even where the workspace's files do not load; it then cannot tell which pins the next run wants.
    const model = options.maxSize !== undefined ? await loadWorkspace(root).catch(() => undefined) : await loadWorkspace(root);
    if (options.maxSize !== undefined) {
      maxBytes = parseSize(options.maxSize);
      if (maxBytes === undefined) throw new SeamlineError(`--max-size: expected a size such as 500MB or 2GB, got ${JSON.stringify(options.maxSize)}`);
    } else {
      maxBytes = model?.integration.cache?.max_size;
      if (maxBytes === undefined) throw new SeamlineError(`no limit: pass --max-size=2GB, or set cache.max_size in ${integrationConfigPath}`);
    }
    const report = await collectGarbage({ root, maxBytes, dryRun: options.dryRun, model });
    logGcReport(report, maxBytes, options.dryRun);
    return { success: true, freedBytes: report.freedBytes, removed: report.removed, afterBytes: report.afterBytes };
  });
}
