import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { satisfies, validRange } from 'semver';
import { npmRefusesDevEngine } from '../core/prepare/npm-dev-engines';
import { npxOutsideCheckout } from '../core/prepare/npx-outside-checkout';
import { parseNpx } from '../core/prepare/prepare-tools';
import { readPackageJson } from '../fs/package-json';
import { readCheckoutFile } from '../fs/checkout-file';
import { engineStrictEnv } from './engine-strict-env';
import { launchedProgram } from './launched-program';
import { runsYarnBerry, yarnEnv } from './yarn-env';

/** How a command of a pin's checkout (a prepare or verify command) starts, and what to do once it ended. */
export interface CheckoutCommand {
  command: string[];
  cwd: string;
  /** What was done so that it runs as in a checkout of its own, for the log. */
  notes: string[];
  done(): Promise<void>;
}

/** The notes not in `said` yet, now added to it: a note stands once in a log, before the first command it applies to. */
export function unsaid(said: Set<string>, notes: readonly string[]): string[] {
  const fresh = [...new Set(notes)].filter((note) => !said.has(note));
  for (const note of fresh) said.add(note);
  return fresh;
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
export async function checkoutCommand(written: readonly string[], checkout: string): Promise<CheckoutCommand> {
  const notes: string[] = [];
  const pkg = readPackageJson(checkout);
  let command = written;
  // Seamline's Node runs npm here (the npm on PATH, or npx's): an era whose devEngines name an older Node.
  const runtime = npmRefusesDevEngine(pkg?.devEngines, 'runtime', { name: 'node', version: process.versions.node });
  const forced = runtime ? withNpmFlag(command, '--force') : undefined;
  if (forced) {
    command = forced;
    notes.push(
      `npm runs with --force: devEngines.runtime in package.json asks for ${runtime}, and this is Node.js ${process.versions.node}, beside which npm refuses to run (EBADDEVENGINES); --force makes that a warning`,
    );
  }
  // What checkoutEnv gives the command, said in the log where it matters.
  if (engineStrictEnv(command, checkout).npm_config_engine_strict)
    notes.push(
      `${launchedProgram(command)} runs with npm_config_engine_strict=false: the checkout's .npmrc sets engine-strict, and npm and pnpm refuse to install wherever an engines.node leaves out Node.js ${process.versions.node} (EBADENGINE, ERR_PNPM_UNSUPPORTED_ENGINE), as under the Node.js of its era they did not`,
    );
  const engines = (pkg?.engines as { node?: unknown } | undefined)?.node;
  if (yarnEnv(command, checkout).YARN_IGNORE_ENGINES && typeof engines === 'string' && leavesOut(engines))
    notes.push(
      `yarn 1 runs with YARN_IGNORE_ENGINES=true: engines.node in package.json asks for ${engines}, and this is Node.js ${process.versions.node}, beside which yarn 1 refuses to install or run anything ("The engine "node" is incompatible with this module")`,
    );
  if (!existsSync(join(checkout, 'yarn.lock')) && runsYarnBerry(command, checkout, pkg)) {
    // Exclusive: a committed yarn.lock that is a dangling link is not followed to wherever it points.
    const written = await writeFile(join(checkout, 'yarn.lock'), '', { flag: 'wx' }).then(
      () => true,
      (error: NodeJS.ErrnoException) => (error.code === 'EEXIST' ? false : Promise.reject(error)),
    );
    if (written) notes.push(EMPTY_YARN_LOCK);
  }
  const asWritten: CheckoutCommand = { command: [...command], cwd: checkout, notes, done: async () => undefined };
  if (!pkg || !('devEngines' in pkg)) return asWritten;
  const outside = npxOutsideCheckout(command, checkout);
  if (!outside) return asWritten;
  const dir = await mkdtemp(join(tmpdir(), 'seamline-npx-'));
  await writeFile(join(dir, 'package.json'), '{ "private": true }\n');
  const npmrc = readCheckoutFile(checkout, '.npmrc');
  if (npmrc !== undefined) await writeFile(join(dir, '.npmrc'), npmrc);
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
 * The command with one more flag of npm's, when npm is what it runs (`npm …`, or npx
 * launching npm); undefined for anything else. `npm exec` and `npx` of another program are
 * left alone: npx starts outside a checkout with devEngines, and the flag would reach that
 * program as npm_config_* (pnpm reads npm_config_force as "fetch everything again").
 */
function withNpmFlag(command: readonly string[], flag: string): string[] | undefined {
  const [head, ...rest] = command;
  if (head === undefined || launchedProgram(command) !== 'npm') return undefined;
  if (basename(head).replace(/\.(cmd|exe)$/, '') === 'npm') return rest[0] === 'exec' || rest[0] === 'x' ? undefined : [head, flag, ...rest];
  // npx launching npm (`npx -y npm@10 ci …`): what follows the package is npm's, up to a `--` of its own.
  const npmArgs = parseNpx(command)?.rest ?? [];
  const end = npmArgs.indexOf('--', 1);
  const at = end === -1 ? command.length : command.length - npmArgs.length + end;
  return [...command.slice(0, at), flag, ...command.slice(at)];
}

/** A valid range the running Node.js is not in. */
function leavesOut(range: string): boolean {
  return validRange(range) !== null && !satisfies(process.versions.node, range);
}
