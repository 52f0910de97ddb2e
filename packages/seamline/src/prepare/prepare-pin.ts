import { createWriteStream, existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SeamlineError } from '../core/errors';
import { sha256 } from '../core/hash';
import { showCommand } from '../core/prepare/show-command';
import { shortSha } from '../core/tuple';
import { writeFileAtomic } from '../fs/atomic-write';
import { withFileLock } from '../fs/file-lock';
import { checkoutMarker, preparedRoot, shownPath } from '../workspace/layout';
import { untrustedEnv } from '../process/untrusted-env';
import { commandEnd } from '../process/run-untrusted';
import { commandOutcome } from '../core/command-outcome';
import { checkoutCommand, unsaid } from './checkout-command';
import { checkoutEnv } from './checkout-env';
import { launchedProgram } from './launched-program';
import { YARN_LINKER, yarnEnv } from './yarn-env';

export interface PrepareRequest {
  component: string;
  sha: string;
  /** The pin's checkout, where the commands run. */
  dir: string;
  /** Argument lists, run in order, never through a shell. */
  commands: readonly (readonly string[])[];
  /** Why these commands (which variant applied, what auto detected): the first lines of the log. */
  notes?: readonly string[];
  /** The commit cannot be prepared before anything runs: the pin fails to prepare with this reason. */
  problem?: string;
}

export interface Prepared {
  status: 'prepared' | 'reused' | 'nothing to prepare';
  /** Absolute path of the prepare log of this pin and these commands. */
  log?: string;
}

/** A pin could not be prepared: a fact about that commit, not a seam failure. */
export class PrepareFailedError extends SeamlineError {
  constructor(
    readonly component: string,
    readonly sha: string,
    readonly log: string,
    /** What went wrong, without the component and log: `\`npm run build\` exited with 2`. */
    readonly what: string,
    /** The registry or the network failed it twice: the log's line that says so. Not the commit's fault. */
    readonly registry?: string,
  ) {
    super(`component ${component} at ${shortSha(sha)} failed to prepare: ${what} (log: ${log})`);
    this.name = 'PrepareFailedError';
  }
}

/**
 * Run a pin's prepare commands once per (SHA, commands) and reuse the result in
 * every later run; concurrent runs wait for the one preparing it.
 */
export async function preparePin(root: string, request: PrepareRequest, options: { lockWaitMs?: number } = {}): Promise<Prepared> {
  const state = preparedState(root, request);
  const already = answeredWithoutRunning(request, state);
  if (already) return already;
  const { key, marker, log, checkout, done } = state;
  if (request.problem) {
    await mkdir(preparedRoot(root), { recursive: true });
    await writeFileAtomic(log, [...(request.notes ?? []), request.problem, ''].join('\n'));
    throw new PrepareFailedError(request.component, request.sha, log, request.problem);
  }
  await mkdir(preparedRoot(root), { recursive: true });
  return withFileLock(
    join(preparedRoot(root), key),
    async (assertHeld) => {
      if (done()) return { status: 'reused' as const, log };
      const out = createWriteStream(log, { flags: 'w' });
      // Each note once: one that applies to every command (npm's --force) stands before the first.
      const said = new Set(request.notes);
      for (const note of said) out.write(`# ${note}\n`);
      out.write('# environment: CI=true, FORCE_COLOR=0, without the tokens Seamline holds\n');
      try {
        for (const [command, ...args] of request.commands) {
          const yarn = Object.entries(yarnEnv([command, ...args], request.dir)).map(([name, value]) => `${name}=${value}`);
          out.write(`$ ${[...yarn, showCommand([command, ...args])].join(' ')}\n`);
          const result = await runPrepareCommand(root, [command, ...args], request.dir, out, said);
          if (result.exitCode !== 0) {
            const how = commandOutcome(commandEnd(result));
            out.write(`\n${how}\n`);
            throw new PrepareFailedError(request.component, request.sha, log, `\`${showCommand([command, ...args])}\` ${how}`);
          }
        }
      } finally {
        await new Promise((r) => out.end(r));
      }
      assertHeld();
      await writeFileAtomic(marker, `${JSON.stringify({ commands: request.commands, checkout })}\n`);
      return { status: 'prepared' as const, log };
    },
    { staleMs: 30_000, waitMs: options.lockWaitMs ?? 30 * 60_000, displayPath: shownPath(root, join(preparedRoot(root), key)) },
  );
}

/** What preparePin answers without running anything (nothing to prepare, or reused); undefined when it must run. */
export const preparedAlready = (root: string, request: PrepareRequest): Prepared | undefined => answeredWithoutRunning(request, preparedState(root, request));

function answeredWithoutRunning(request: PrepareRequest, { log, done }: ReturnType<typeof preparedState>): Prepared | undefined {
  if (!request.commands.length && !request.problem) return { status: 'nothing to prepare' };
  if (request.problem) return undefined;
  return done() ? { status: 'reused', log } : undefined;
}

function preparedState(root: string, request: PrepareRequest) {
  // The key holds the chosen commands: a commit prepared by another variant or another auto plan is prepared again.
  // With yarn, also its linker: a checkout installed before yarn got node_modules here (Plug'n'Play) is installed again.
  const runsYarn = request.commands.some((command) => launchedProgram(command) === 'yarn');
  const chosen = runsYarn ? { commands: request.commands, yarn: YARN_LINKER } : request.commands;
  const key = `${request.component}@${request.sha}-${sha256(JSON.stringify(chosen)).slice(0, 12)}`;
  const marker = join(preparedRoot(root), `${key}.done`);
  const log = join(preparedRoot(root), `${key}.log`);
  const checkout = checkoutIdentity(root, request);
  const done = () => existsSync(marker) && readFileSync(marker, 'utf8').includes(`"checkout":"${checkout}"`);
  return { key, marker, log, checkout, done };
}

/**
 * One command of a prepare in a pin's checkout, its output appended to `out`: no shell, no tokens, no colour (the log is a file).
 * The notes in `said` were written already and are not written again; the ones written here are added to it.
 */
export async function runPrepareCommand(root: string, command: readonly string[], dir: string, out: NodeJS.WritableStream, said = new Set<string>()) {
  const { execa } = await import('execa');
  const start = await checkoutCommand(command, dir);
  for (const note of unsaid(said, start.notes)) out.write(`# ${note}\n`);
  const [program, ...args] = start.command;
  try {
    const child = execa(program!, args, {
      cwd: start.cwd,
      reject: false,
      all: true,
      stdin: 'ignore',
      // CI: no tool waits for an answer nobody can give (pnpm 10 would abort a reinstall whose store moved, asking to empty node_modules).
      env: untrustedEnv({ CI: 'true', FORCE_COLOR: '0', ...checkoutEnv(root, command, dir) }),
      extendEnv: false,
    });
    child.all?.pipe(out, { end: false });
    return await child;
  } finally {
    await start.done();
  }
}

/**
 * Which checkout was prepared: its completion marker is written once, by rename,
 * when the worktree is made, so a checkout made again (after .seamline/checkouts was
 * deleted) has another identity and is prepared again.
 */
function checkoutIdentity(root: string, request: PrepareRequest): string {
  const file = checkoutMarker(root, request.component, request.sha);
  if (!existsSync(file)) return 'unmarked';
  const stat = statSync(file);
  return `${stat.ino}-${Math.round(stat.mtimeMs)}`;
}
