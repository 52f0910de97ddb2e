import '../../process/executor-process';
import type { ExecutorContext } from '@nx/devkit';
import { logger } from '../../terminal/logger';
import { seamsToProbe } from '../../core/bisect/seams-to-probe';
import { SeamlineError } from '../../core/errors';
import { holdHint } from '../../core/hold/suggest-hold';
import { listOption } from '../../core/list-option';
import { manifestTuple } from '../../core/manifest/manifest';
import { bisectFailure } from '../../run/bisect-run';
import { componentEdges } from '../../run/coupling';
import { loadWorkspace } from '../../workspace/load-workspace';
import { lastKnownGoodTuple } from '../../workspace/open-store';
import { loadNamedManifest, runResultsBeside } from '../../workspace/run-artifacts';
import { type ExecutorResult, runExecutor, seamsAtOnce } from '../run-executor';
import type { BisectExecutorSchema } from './schema';
import { asTyped, taskCommandLine } from '../../cli/text-options';

export default async function bisectExecutor(given: BisectExecutorSchema, context: ExecutorContext): Promise<ExecutorResult> {
  const options = asTyped(given, taskCommandLine(context), __dirname);
  return runExecutor(context, async () => {
    const root = context.root;
    const model = await loadWorkspace(root);
    const { manifest: bad, file: badFile } = await loadNamedManifest(root, model, options.bad);
    const seams = seamsToProbe(Object.keys(model.seams), listOption(options.seams), await runResultsBeside(root, badFile));
    const good = options.good ? manifestTuple((await loadNamedManifest(root, model, options.good)).manifest) : await lastKnownGoodTuple(root, model);
    if (!good) throw new SeamlineError('bisect: the known-good store has no full-suite record to start from; pass --good=<passing run id or manifest>');
    const report = await bisectFailure({
      root,
      model,
      bad,
      good,
      // A tuple named with --good is not the store's known good: no message may call it that.
      ...(options.good ? { goodLabel: 'good' } : {}),
      seams,
      graphEdges: componentEdges(context.projectGraph),
      parallel: seamsAtOnce(options),
    });
    const found = ['culprit', 'culprit-range', 'interaction'].includes(report.verdict.kind);
    (found ? logger.info : logger.warn)(`bisect ${found ? 'found' : 'stopped'}: ${report.line}; probes in ${report.file}`);
    // One line, as after a full's own bisect: the command writes the entry (bisect.json holds it too).
    if (report.hold) logger.info(holdHint(report.hold));
    return { success: found, verdict: report.verdict.kind };
  });
}
