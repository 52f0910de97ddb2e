import '../../process/executor-process';
import type { ExecutorContext } from '@nx/devkit';
import { verifyComponent } from '../../run/verify-component';
import { loadWorkspace } from '../../workspace/load-workspace';
import { type ExecutorResult, runExecutor } from '../run-executor';
import type { VerifyExecutorSchema } from './schema';
import { asTyped, taskCommandLine } from '../../cli/text-options';

export default async function verifyExecutor(given: VerifyExecutorSchema, context: ExecutorContext): Promise<ExecutorResult> {
  const options = asTyped(given, taskCommandLine(context), __dirname);
  return runExecutor(context, async () => {
    await verifyComponent(context.root, await loadWorkspace(context.root), options.component, options.sha);
    return { success: true };
  });
}
