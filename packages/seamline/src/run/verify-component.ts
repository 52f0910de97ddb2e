import { logger } from '../terminal/logger';
import { componentConfigPath, type WorkspaceModel } from '../core/config/workspace-model';
import { SeamlineError, unknownName } from '../core/errors';
import { commandOutcome } from '../core/command-outcome';
import { showCommand } from '../core/prepare/show-command';
import { shortSha } from '../core/tuple';
import { resolveBranch } from '../git/ls-remote';
import { leaseCheckouts } from '../fs/checkout-leases';
import { materializePins } from '../git/materialize';
import type { PinRequest } from '../git/pin-cache';
import { checkoutCommand, unsaid } from '../prepare/checkout-command';
import { checkoutEnv } from '../prepare/checkout-env';
import { runUntrusted } from '../process/run-untrusted';
import { displayPath } from '../workspace/load-workspace';
import { lastKnownGoodTuple } from '../workspace/open-store';
import { resolvePins } from '../workspace/resolve-pins';
import { pinPrepare } from './pin-prepare';

/**
 * A component's own verification at one SHA (the last known good, else its
 * branch head): its prepare commands and its test command, in its checkout.
 */
export async function verifyComponent(root: string, model: WorkspaceModel, name: string, sha?: string): Promise<void> {
  const config = model.components[name];
  if (!config) throw new SeamlineError(`--component: ${unknownName('component', name, Object.keys(model.components))}`);
  if (!config.test) throw SeamlineError.at(componentConfigPath(name), 'test', "is not set; add the component's own test command, e.g. test: [npm, test]");

  const pinned = sha ?? (await lastKnownGoodTuple(root, model))?.[name] ?? (await resolveBranch(name, config.repo, config.branch));
  const release = await leaseCheckouts(root, [{ component: name, sha: pinned }]);
  try {
    await verifyHeld(root, model, name, config.test, await resolvePins(root, model, { component: name, sha: pinned }));
  } finally {
    await release();
  }
}

async function verifyHeld(root: string, model: WorkspaceModel, name: string, test: string[], pins: PinRequest[]): Promise<void> {
  const [pin] = await materializePins(root, pins);
  logger.info(`Verifying ${name}@${shortSha(pin.sha)} in ${displayPath(root, pin.dir)}`);
  const choice = await pinPrepare(root, model, pin);
  // A note (why npm gets --force, why npx starts elsewhere) is said once, not before every command it applies to.
  const said = new Set<string>();
  const say = (notes: readonly string[]) => unsaid(said, notes).forEach((note) => logger.info(`# ${note}`));
  say(choice.notes);
  if (choice.problem) throw new SeamlineError(`${name}@${shortSha(pin.sha)}: ${choice.problem}; the component fails its own verification at this SHA`);
  for (const [command, ...args] of [...choice.commands, test]) {
    logger.info(`$ ${showCommand([command, ...args])}`);
    const start = await checkoutCommand([command, ...args], pin.dir);
    say(start.notes);
    const [program, ...rest] = start.command;
    const result = await runUntrusted(program!, rest, { cwd: start.cwd, env: checkoutEnv(root, [command, ...args], pin.dir) }).finally(() => start.done());
    if (result.exitCode !== 0) {
      throw new SeamlineError(
        `${name}@${shortSha(pin.sha)}: \`${showCommand([command, ...args])}\` ${commandOutcome(result)}; the component fails its own verification at this SHA`,
      );
    }
  }
  logger.info(`${name}@${shortSha(pin.sha)} passes its own verification.`);
}
