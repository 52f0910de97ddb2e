import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { commandOutcome } from '../core/command-outcome';
import { SeamlineError } from '../core/errors';
import { commandEnd } from '../process/run-untrusted';
import { exclusiveTools, npxOptions, npxPackages } from '../core/prepare/prepare-tools';
import { registryFailureLine } from '../core/prepare/registry-failure';
import { showCommand } from '../core/prepare/show-command';
import { type Prepared, PrepareFailedError, preparedAlready, preparePin, type PrepareRequest, runPrepareCommand } from './prepare-pin';

export interface PreparePinsOptions {
  /** Prepares at once; default: $SEAMLINE_PREPARE_CONCURRENCY, else the cores, 2 to 4 (an install waits on the network and the disk as much as on a core). */
  concurrency?: number;
  /** Where installing the npx packages is logged. */
  toolsLog: string;
  /** Before the first prepare runs: the pins that need one, and how many run at once. */
  onStart?: (pins: readonly PrepareRequest[], atOnce: number) => void;
  /** Each pin as it is done (prepared, reused or nothing to do), in the order they finish. */
  onPrepared?: (request: PrepareRequest, prepared: Prepared) => void | Promise<void>;
  /** A failed prepare is about to be tried again, and why (the note its log starts with). */
  onRetry?: (request: PrepareRequest, why: string) => void;
  /** How long a prepare the registry or the network failed waits before its one more try; default 10 s. */
  registryRetryDelayMs?: number;
}

export const defaultPrepareConcurrency = () => Math.min(4, Math.max(2, availableParallelism()));

/** $SEAMLINE_PREPARE_CONCURRENCY (1: one after another; fewer for builds that need much memory), else the default. */
export function prepareConcurrency(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.SEAMLINE_PREPARE_CONCURRENCY?.trim();
  if (!raw) return defaultPrepareConcurrency();
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new SeamlineError(`SEAMLINE_PREPARE_CONCURRENCY: expected a whole number of prepares at once, 1 to 64, got ${JSON.stringify(raw)}`);
  return n;
}

/**
 * Prepare every pin of a run, several at once. The npx packages the prepares launch
 * are installed first, one after another (npm/cli#8224); yarn 1 prepares never run
 * beside each other (see core/prepare/prepare-tools). A prepare that fails while
 * another ran is tried again alone before it counts: what two installs share beyond
 * that is not ours to vouch for. So is one whose log says the registry or the network
 * failed it (a reset connection, a 503: see core/prepare/registry-failure), after a
 * pause. Resolves to the first failure in the pins' order.
 */
export async function preparePins(root: string, requests: readonly PrepareRequest[], options: PreparePinsOptions): Promise<PrepareFailedError | undefined> {
  const answered = new Map(requests.map((r) => [r, preparedAlready(root, r)]));
  const todo = requests.filter((r) => !answered.get(r));
  for (const [request, prepared] of answered) if (prepared) await options.onPrepared?.(request, prepared);
  const width = Math.max(1, Math.min(options.concurrency ?? prepareConcurrency(), todo.length));
  if (todo.length) options.onStart?.(todo, width);
  if (width > 1) await installNpxPackages(root, todo, options.toolsLog);

  const queue = [...todo];
  const failed = new Map<PrepareRequest, PrepareFailedError>();
  const running = new Set<PrepareRequest>();
  const overlapped = new Set<PrepareRequest>(); // ran while another prepare ran
  const run = async (request: PrepareRequest, note?: string): Promise<void> => {
    if (running.size) [request, ...running].forEach((r) => overlapped.add(r));
    running.add(request);
    try {
      const asked = note ? { ...request, notes: [...(request.notes ?? []), note] } : request;
      const prepared = await preparePin(root, asked);
      await options.onPrepared?.(request, prepared);
      failed.delete(request);
    } catch (e) {
      if (!(e instanceof PrepareFailedError)) {
        queue.length = 0; // start nothing more; the prepares already running finish first
        throw e;
      }
      failed.set(request, e);
    } finally {
      running.delete(request);
    }
  };
  const worker = async (): Promise<void> => {
    for (let next = takeNext(queue, running); next; next = takeNext(queue, running)) await run(next);
  };
  const workers = await Promise.allSettled(Array.from({ length: width }, worker));
  const broken = workers.find((w): w is PromiseRejectedResult => w.status === 'rejected');
  if (broken) throw broken.reason;

  for (const request of todo.filter((r) => failed.has(r) && !r.problem)) {
    if (overlapped.has(request)) {
      const why = 'tried again alone: it failed while another pin was being prepared';
      options.onRetry?.(request, why);
      await run(request, why);
      continue;
    }
    const line = registryFailureLine(await readFile(failed.get(request)!.log, 'utf8').catch(() => ''));
    if (!line) continue;
    const delayMs = options.registryRetryDelayMs ?? 10_000;
    options.onRetry?.(request, `the registry or the network failed it (${line}); once more in ${Math.round(delayMs / 1000)} s`);
    await sleep(delayMs);
    await run(request, `tried again: the registry or the network failed the first try (${line})`);
    const still = failed.get(request);
    const again = still && registryFailureLine(await readFile(still.log, 'utf8').catch(() => ''));
    // Said where the run reports it: not a fact about the commit, worth running again later.
    if (still && again)
      failed.set(
        request,
        new PrepareFailedError(still.component, still.sha, still.log, `${still.what} twice, the registry or the network failing it (${again})`, again),
      );
  }
  return todo.map((r) => failed.get(r)).find((e) => e !== undefined);
}

/** The next request whose exclusive tools no running prepare holds (it leaves the queue). */
function takeNext(queue: PrepareRequest[], running: ReadonlySet<PrepareRequest>): PrepareRequest | undefined {
  const held = new Set([...running].flatMap((r) => exclusiveTools(r.commands)));
  const i = queue.findIndex((r) => exclusiveTools(r.commands).every((tool) => !held.has(tool)));
  return i < 0 ? undefined : queue.splice(i, 1)[0];
}

/**
 * `npx -y [its options] -p <package> node --version` once per package the prepares launch through
 * npx, in the checkout of the first pin that uses it (its .npmrc names the registry),
 * with the environment its prepare gets. A failure here is left to that prepare to report.
 */
async function installNpxPackages(root: string, requests: readonly PrepareRequest[], logFile: string): Promise<void> {
  const first = new Map<string, { request: PrepareRequest; options: string[] }>();
  for (const request of requests)
    for (const command of request.commands) for (const p of npxPackages(command)) if (!first.has(p)) first.set(p, { request, options: npxOptions(command) });
  if (!first.size) return;
  const log = createWriteStream(logFile, { flags: 'a' });
  const said = new Set<string>();
  try {
    for (const [spec, { request, options }] of first) {
      const command = ['npx', '-y', ...options, '-p', spec, 'node', '--version'];
      log.write(`$ ${showCommand(command)}  # in ${request.component}'s checkout\n`);
      const result = await runPrepareCommand(root, command, request.dir, log, said);
      log.write(`${result.exitCode === 0 ? 'exit 0' : commandOutcome(commandEnd(result))}\n`);
    }
  } finally {
    await new Promise((r) => log.end(r));
  }
}
