import '../../process/executor-process';
import { join } from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import { logger } from '../../terminal/logger';
import { SeamlineError } from '../../core/errors';
import { runUntrusted } from '../../process/run-untrusted';
import { type ExecutorResult, runExecutor } from '../run-executor';
import type { SeamExecutorSchema } from './schema';
import { asTyped, taskCommandLine } from '../../cli/text-options';
import { notInsideRunWarning, seamCommandFailure } from '../../core/run/seam-command';

/**
 * One seam: its command in its folder; binaries of the workspace's node_modules/.bin are found.
 * Kept for targets written by hand; the targets Seamline infers run `seamline-seam` instead
 * (src/bin/seamline-seam.ts), without the executor process Nx forks for this.
 */
export default async function seamExecutor(given: SeamExecutorSchema, context: ExecutorContext): Promise<ExecutorResult> {
  const options = asTyped(given, taskCommandLine(context), __dirname);
  return runExecutor(context, async () => {
    const project = context.projectName ? context.projectsConfigurations.projects[context.projectName] : undefined;
    if (!project) throw new SeamlineError('seam: run it as a target of a seam project, e.g. nx run users-auth:test');
    if (!process.env.SEAMLINE_RUN_DIR) {
      logger.warn(notInsideRunWarning(context.projectName ?? 'seam'));
    }
    const [command, ...args] = options.command;
    if (!command)
      throw new SeamlineError(`${context.projectName}: the seam target's command is empty; set it to a command and its arguments, e.g. [jest, --ci]`);
    const result = await runUntrusted(command, args, { cwd: join(context.root, project.root), localDir: context.root });
    if (result.exitCode === 0) return { success: true };
    // The same line as seamline-seam, the inferred targets' runner, says.
    logger.error(`${context.projectName}: ${seamCommandFailure(options.command, { ...result, message: result.startError })}`);
    return { success: false };
  });
}
