import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { npxOutsideCheckout } from '../core/prepare/npx-outside-checkout';

/** How a command of a pin's checkout (a prepare or verify command) starts, and what to do once it ended. */
export interface CheckoutCommand {
  command: string[];
  cwd: string;
  /** Why it does not start as written, for the log. */
  note?: string;
  done(): Promise<void>;
}

/**
 * A command runs in the checkout as written, except an npx command in a checkout whose
 * package.json has devEngines: npm would refuse to start there (see npxOutsideCheckout), so
 * npx starts in a folder of its own, with an empty package.json and the checkout's .npmrc
 * (the registry it names), and launches the program in the checkout. The folder is removed
 * once the command ended.
 */
export async function checkoutCommand(command: readonly string[], checkout: string): Promise<CheckoutCommand> {
  const asWritten: CheckoutCommand = { command: [...command], cwd: checkout, done: async () => undefined };
  if (!hasDevEngines(checkout)) return asWritten;
  const outside = npxOutsideCheckout(command, checkout);
  if (!outside) return asWritten;
  const dir = await mkdtemp(join(tmpdir(), 'seamline-npx-'));
  await writeFile(join(dir, 'package.json'), '{ "private": true }\n');
  if (existsSync(join(checkout, '.npmrc'))) await copyFile(join(checkout, '.npmrc'), join(dir, '.npmrc'));
  return {
    command: outside,
    cwd: dir,
    note: 'npx starts outside the checkout, which has devEngines in package.json (npm checks them against itself and refuses with EBADDEVENGINES); the program runs in the checkout',
    done: () => rm(dir, { recursive: true, force: true }),
  };
}

function hasDevEngines(checkout: string): boolean {
  try {
    const pkg: unknown = JSON.parse(readFileSync(join(checkout, 'package.json'), 'utf8'));
    return typeof pkg === 'object' && pkg !== null && 'devEngines' in pkg;
  } catch {
    return false;
  }
}
