import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { npxOutsideCheckout } from '../core/prepare/npx-outside-checkout';
import { npxPackages } from '../core/prepare/prepare-tools';
import { launchedProgram } from './launched-program';

/** How a command of a pin's checkout (a prepare or verify command) starts, and what to do once it ended. */
export interface CheckoutCommand {
  command: string[];
  cwd: string;
  /** What was done so that it runs as in a checkout of its own, for the log. */
  notes: string[];
  done(): Promise<void>;
}

const EMPTY_YARN_LOCK =
  'an empty yarn.lock, as the checkout has none: without one Yarn 2 and later take the topmost folder with a package.json (the integration workspace, or above) for the project and refuse to run; an empty yarn.lock is their own remedy';

/**
 * A command runs in the checkout as written, except an npx command in a checkout whose
 * package.json has devEngines: npm would refuse to start there (see npxOutsideCheckout), so
 * npx starts in a folder of its own, with an empty package.json and the checkout's .npmrc
 * (the registry it names), and launches the program in the checkout. The folder is removed
 * once the command ended. A Yarn 2+ command in a checkout without yarn.lock gets an empty
 * one first, which the install then fills in as it would have written it.
 */
export async function checkoutCommand(command: readonly string[], checkout: string): Promise<CheckoutCommand> {
  const notes: string[] = [];
  const pkg = readPackageJson(checkout);
  if (!existsSync(join(checkout, 'yarn.lock')) && runsYarnBerry(command, checkout, pkg)) {
    await writeFile(join(checkout, 'yarn.lock'), '');
    notes.push(EMPTY_YARN_LOCK);
  }
  const asWritten: CheckoutCommand = { command: [...command], cwd: checkout, notes, done: async () => undefined };
  if (!pkg || !('devEngines' in pkg)) return asWritten;
  const outside = npxOutsideCheckout(command, checkout);
  if (!outside) return asWritten;
  const dir = await mkdtemp(join(tmpdir(), 'seamline-npx-'));
  await writeFile(join(dir, 'package.json'), '{ "private": true }\n');
  if (existsSync(join(checkout, '.npmrc'))) await copyFile(join(checkout, '.npmrc'), join(dir, '.npmrc'));
  return {
    command: outside,
    cwd: dir,
    notes: [
      'npx starts outside the checkout, which has devEngines in package.json (npm checks them against itself and refuses with EBADDEVENGINES); the program runs in the checkout',
      ...notes,
    ],
    done: () => rm(dir, { recursive: true, force: true }),
  };
}

/**
 * The command runs Yarn 2 or later: Berry's package (`npx -p @yarnpkg/cli-dist@<v> yarn`), or
 * a yarn the checkout sets to Berry (`packageManager: yarn@2+`, a .yarnrc.yml). Yarn 1 needs
 * no yarn.lock to run, and an empty one would fail its `--frozen-lockfile`.
 */
function runsYarnBerry(command: readonly string[], checkout: string, pkg: Record<string, unknown> | undefined): boolean {
  if (launchedProgram(command) !== 'yarn') return false;
  const packages = npxPackages(command);
  if (packages.some((p) => p.startsWith('@yarnpkg/cli-dist@') || p === '@yarnpkg/cli-dist')) return true;
  if (packages.some((p) => p === 'yarn' || p.startsWith('yarn@'))) return false;
  const field = typeof pkg?.packageManager === 'string' ? /^yarn@(\d+)\./.exec(pkg.packageManager) : null;
  return field ? Number(field[1]) >= 2 : existsSync(join(checkout, '.yarnrc.yml'));
}

function readPackageJson(checkout: string): Record<string, unknown> | undefined {
  try {
    const pkg: unknown = JSON.parse(readFileSync(join(checkout, 'package.json'), 'utf8'));
    return typeof pkg === 'object' && pkg !== null && !Array.isArray(pkg) ? (pkg as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
