import '../../process/executor-process';
import { join } from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import { logger } from '../../terminal/logger';
import { SeamlineError } from '../../core/errors';
import { runUntrusted } from '../../process/run-untrusted';
import { type ExecutorResult, runExecutor } from '../run-executor';
import type { SeamExecutorSchema } from './schema';
import { asTyped, taskCommandLine } from '../../cli/text-options';

/** One seam: its command in its folder; binaries of the workspace's node_modules/.bin are found. */
export default async function seamExecutor(given: SeamExecutorSchema, context: ExecutorContext): Promise<ExecutorResult> {
  const options = asTyped(given, taskCommandLine(context), __dirname);
  return runExecutor(context, async () => {
    const project = context.projectName ? context.projectsConfigurations.projects[context.projectName] : undefined;
    if (!project) throw new SeamlineError('seam: run it as a target of a seam project, e.g. nx run users-auth:test');
    if (!process.env.SEAMLINE_RUN_DIR) {
      logger.warn(
        `${context.projectName}: not inside a Seamline run, so no pins or overrides are set; run it through nx run integration:pr-fast, full or reproduce`,
      );
    }
    const [command, ...args] = options.command;
    const result = await runUntrusted(command, args, { cwd: join(context.root, project.root), localDir: context.root });
    if (result.exitCode === undefined)
      throw new SeamlineError(`${context.projectName}: could not run \`${options.command.join(' ')}\` (${result.shortMessage})`);
    return { success: result.exitCode === 0 };
  });
}
