import { untrustedEnv } from '../../process/untrusted-env';
import { type ExecutorContext, logger } from '@nx/devkit';
import { componentConfigPath } from '../../core/config/workspace-model';
import { SeamlineError, unknownName } from '../../core/errors';
import { shortSha } from '../../core/tuple';
import { resolveBranch } from '../../git/ls-remote';
import { materializePins } from '../../git/materialize';
import { displayPath, loadWorkspace } from '../../workspace/load-workspace';
import { lastKnownGoodTuple } from '../../workspace/open-store';
import { resolvePins } from '../../workspace/resolve-pins';
import { type ExecutorResult, runExecutor } from '../run-executor';
import type { VerifyExecutorSchema } from './schema';

export default async function verifyExecutor(options: VerifyExecutorSchema, context: ExecutorContext): Promise<ExecutorResult> {
  return runExecutor(context, async () => {
    const root = context.root;
    const model = await loadWorkspace(root);
    const name = options.component;
    const config = model.components[name];
    if (!config) throw new SeamlineError(`--component: ${unknownName('component', name, Object.keys(model.components))}`);
    if (!config.test) throw SeamlineError.at(componentConfigPath(name), 'test', 'is not set; add the component\'s own test command, e.g. test: [npm, test]');

    const sha = options.sha ?? (await lastKnownGoodTuple(root, model))?.[name] ?? (await resolveBranch(name, config.repo, config.branch));
    const [pin] = await materializePins(root, await resolvePins(root, model, { component: name, sha }));
    logger.info(`Verifying ${name}@${shortSha(pin.sha)} in ${displayPath(root, pin.dir)}`);

    const { execa } = await import('execa');
    for (const [command, ...args] of [...config.prepare, config.test]) {
      logger.info(`$ ${[command, ...args].join(' ')}`);
      const result = await execa(command, args, { cwd: pin.dir, stdio: 'inherit', reject: false, env: untrustedEnv(), extendEnv: false });
      if (result.exitCode !== 0) {
        throw new SeamlineError(`${name}@${shortSha(pin.sha)}: \`${[command, ...args].join(' ')}\` exited with ${result.exitCode ?? result.signal ?? `an error (${result.shortMessage})`}; the component fails its own verification at this SHA`);
      }
    }
    logger.info(`${name}@${shortSha(pin.sha)} passes its own verification.`);
    return { success: true };
  });
}
