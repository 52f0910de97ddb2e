import '../../process/executor-process';
import type { ExecutorContext } from '@nx/devkit';
import { logger } from '../../terminal/logger';
import { integrationConfigPath } from '../../core/config/workspace-model';
import { describeHold } from '../../core/hold/hold-entry';
import { utcTimestamp } from '../../core/time';
import { writeHold } from '../../workspace/hold-file';
import { type ExecutorResult, runExecutor } from '../run-executor';
import type { HoldExecutorSchema } from './schema';
import { asTyped, taskCommandLine } from '../../cli/text-options';

export default async function holdExecutor(given: HoldExecutorSchema, context: ExecutorContext): Promise<ExecutorResult> {
  const options = asTyped(given, taskCommandLine(context), __dirname);
  return runExecutor(context, async () => {
    const release = options.release === true || options.remove === true;
    const today = utcTimestamp(new Date()).slice(0, 10);
    const done = await writeHold(context.root, { ...options, release }, today);
    const I = integrationConfigPath;
    if (done.action === 'not held') logger.info(`hold: ${options.component} is not held in ${I}; nothing to release`);
    else if (done.action === 'released')
      logger.info(`hold: released ${describeHold(done.hold!)} from ${I}; full takes ${done.hold!.component} at its main again`);
    else {
      const was = done.previous ? ` (replaces ${describeHold(done.previous)})` : '';
      logger.info(`hold: ${describeHold(done.hold!)}, written to ${I}${was}; full keeps ${done.hold!.component} there until the hold expires`);
    }
    return { success: true, action: done.action };
  });
}
