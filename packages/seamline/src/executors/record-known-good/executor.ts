import '../../process/executor-process';
import type { ExecutorContext } from '@nx/devkit';
import { ciRunUrl } from '../../core/ci-run-url';
import { SeamlineError } from '../../core/errors';
import { recordKnownGood } from '../../run/record-known-good';
import { loadWorkspace } from '../../workspace/load-workspace';
import { type ExecutorResult, runExecutor } from '../run-executor';
import type { RecordKnownGoodExecutorSchema } from './schema';
import { asTyped, taskCommandLine } from '../../cli/text-options';

export default async function recordKnownGoodExecutor(given: RecordKnownGoodExecutorSchema, context: ExecutorContext): Promise<ExecutorResult> {
  const options = asTyped(given, taskCommandLine(context), __dirname);
  return runExecutor(context, async () => {
    const manual = manualRequest(options);
    const model = await loadWorkspace(context.root);
    const { line, head } = await recordKnownGood(context.root, model, { run: options.manifest, runUrl: options.run ?? ciRunUrl(process.env), manual });
    return { success: true, line, head };
  });
}

/** `--manual` needs a reason; `--reason` and `--duration` mean nothing without it. */
function manualRequest(options: RecordKnownGoodExecutorSchema): { reason: string; durationS: number } | undefined {
  const reason = typeof options.reason === 'string' ? options.reason.trim() : '';
  if (!options.manual) {
    if (options.reason !== undefined || options.duration !== undefined) {
      throw new SeamlineError(
        `--${options.reason !== undefined ? 'reason' : 'duration'}: only with --manual; a run is recorded from its results.json, which give its duration; nothing was written`,
      );
    }
    return undefined;
  }
  if (!reason) throw new SeamlineError('--manual: needs --reason="why this tuple is recorded without a passing run"; nothing was written');
  const duration = options.duration ?? 0;
  if (!(typeof duration === 'number' && Number.isFinite(duration) && duration >= 0)) {
    throw new SeamlineError(`--duration: expected the suite's duration in seconds, got ${JSON.stringify(options.duration)}; nothing was written`);
  }
  return { reason, durationS: duration };
}
