import '../../process/executor-process';
import type { ExecutorContext } from '@nx/devkit';
import { logger } from '../../terminal/logger';
import { parseAllowedDirs, parseToday } from '../../core/lint-subsets-options';
import { lintWorkspace } from '../../workspace/lint-workspace';
import { type ExecutorResult, runExecutor } from '../run-executor';
import type { LintSubsetsExecutorSchema } from './schema';
import { asTyped, taskCommandLine } from '../../cli/text-options';

export default async function lintSubsetsExecutor(given: LintSubsetsExecutorSchema, context: ExecutorContext): Promise<ExecutorResult> {
  const options = asTyped(given, taskCommandLine(context), __dirname);
  return runExecutor(context, async () => {
    const { problems, seams, subsets } = await lintWorkspace(context.root, {
      allowedDirs: parseAllowedDirs(options.allowedDirs),
      today: parseToday(options.today, new Date()),
    });
    const errors = problems.filter((p) => p.severity === 'error');
    const warnings = problems.filter((p) => p.severity === 'warning');
    errors.forEach((p) => logger.error(p.message));
    warnings.forEach((p) => logger.warn(p.message));

    if (errors.length || subsets === undefined) {
      logger.error(`lint-subsets: ${errors.length} problem(s)${warnings.length ? `, ${warnings.length} warning(s)` : ''}; fix the problems above`);
      return { success: false, problems: errors.length, warnings: warnings.length };
    }
    logger.info(
      `lint-subsets: ${plural(seams, 'seam')} in ${plural(subsets, 'subset')}, no problems${warnings.length ? ` (${warnings.length} warning(s) above)` : ''}`,
    );
    return { success: true, problems: 0, warnings: warnings.length };
  });
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
