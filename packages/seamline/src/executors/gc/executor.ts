import '../../process/executor-process';
import type { ExecutorContext } from '@nx/devkit';
import { integrationConfigPath } from '../../core/config/workspace-model';
import { SeamlineError } from '../../core/errors';
import { parseSize } from '../../core/size';
import { collectGarbage, logGcReport } from '../../run/collect-garbage';
import { collectOrphans, logOrphansReport } from '../../run/collect-orphans';
import { loadWorkspace } from '../../workspace/load-workspace';
import { type ExecutorResult, runExecutor } from '../run-executor';
import type { GcExecutorSchema } from './schema';
import { asTyped, taskCommandLine } from '../../cli/text-options';

export default async function gcExecutor(given: GcExecutorSchema, context: ExecutorContext): Promise<ExecutorResult> {
  const options = asTyped(given, taskCommandLine(context), __dirname);
  return runExecutor(context, async () => {
    const root = context.root;
    const sweep = { remove: options.orphans, dryRun: options.dryRun };
    // --orphans alone looks only outside: this workspace's files need not load, and no limit is needed.
    if (options.orphans && options.maxSize === undefined) {
      const orphans = await collectOrphans(sweep);
      logOrphansReport(orphans, sweep);
      return { success: true, removedFolders: orphans.removed.map((f) => f.dir) };
    }
    let maxBytes: number | undefined;
    // With --max-size, gc works even where the workspace's files do not load; it then cannot tell which pins the next run wants.
    const model = options.maxSize !== undefined ? await loadWorkspace(root).catch(() => undefined) : await loadWorkspace(root);
    if (options.maxSize !== undefined) {
      maxBytes = parseSize(options.maxSize);
      if (maxBytes === undefined) throw new SeamlineError(`--max-size: expected a size such as 500MB or 2GB, got ${JSON.stringify(options.maxSize)}`);
    } else {
      maxBytes = model?.integration.cache?.max_size;
      if (maxBytes === undefined)
        throw new SeamlineError(
          `no limit: pass --max-size=2GB, or set cache.max_size in ${integrationConfigPath} (--orphans alone removes only the folders of deleted or moved workspaces)`,
        );
    }
    const report = await collectGarbage({ root, maxBytes, dryRun: options.dryRun, model });
    logGcReport(report, maxBytes, options.dryRun);
    const orphans = await collectOrphans(sweep);
    logOrphansReport(orphans, sweep);
    return {
      success: true,
      freedBytes: report.freedBytes,
      removed: report.removed,
      afterBytes: report.afterBytes,
      removedFolders: orphans.removed.map((f) => f.dir),
    };
  });
}
