import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { logger } from '../terminal/logger';
import type { WorkspaceModel } from '../core/config/workspace-model';
import { sha256 } from '../core/hash';
import { allPins, type Manifest, manifestHash, manifestTuple } from '../core/manifest/manifest';
import { serializeManifest } from '../core/manifest/manifest-yaml';
import { decideVerdict, failedSeams, interruptedReason, type PrepareFailure, type RunResults, type SeamResult } from '../core/run/results';
import { activeQuarantine, couplingFromModel, type Shard, selectSeams } from '../core/run/select-seams';
import { nameList } from '../core/name-list';
import { seconds, utcTimestamp } from '../core/time';
import { shortSha } from '../core/tuple';
import { writeFileAtomic } from '../fs/atomic-write';
import { RunInterrupted } from '../core/errors';
import { type InterruptWatch, watchInterrupts } from '../process/interrupts';
import { runManifestFile, shownPath } from '../workspace/layout';
import { openStore } from '../workspace/open-store';
import { manifestPinRequests } from '../workspace/resolve-pins';
import { leaseCheckouts } from '../fs/checkout-leases';
import { logNoSpaceWords, saysNoSpace, withNoSpaceNamed } from '../fs/no-space';
import { materializePins } from '../git/materialize';
import { placeCheckouts } from '../git/pin-cache';
import { progressLine } from '../git/progress-line';
import { RemoteUnreachable } from '../git/remote-errors';
import type { PrepareRequest } from '../prepare/prepare-pin';
import { preparePins } from '../prepare/prepare-pins';
import { renderOverrides } from '../render/render-overrides';
import { collectGarbage, logGcReport } from './collect-garbage';
import { pinPrepare, prepareWhy } from './pin-prepare';
import { runSeamTasks, tasksFileIn } from './run-seam-tasks';
import { recordAttempt, type SeamAttempts, seamResults } from './seam-attempts';
import { newRunDir, writeRunFiles } from './write-run-files';
import { explainFailure } from './explain-failure';
import { refuseMissingSeamCommands } from '../workspace/seam-commands';

export interface SuiteRequest {
  root: string;
  model: WorkspaceModel;
  manifest: Manifest;
  /** component -> component edges beyond dependsOn (from the Nx project graph). */
  graphEdges?: [string, string][];
  /** Narrow the subset to the seams these components reach; undefined runs the whole subset. */
  moved?: string[];
  shard?: Shard;
  parallel?: number;
  /** Run exactly these seams instead of selecting from the subset (bisect probes). */
  seams?: readonly string[];
  /** Prefix of the run id; the manifest's kind unless given (bisect probes say `bisect`). */
  runKind?: string;
  /** Run every seam, never answer from the Nx cache (`--skipNxCache`): bisect's checks of an earlier result. */
  skipCache?: boolean;
}

export interface SuiteOutcome {
  results: RunResults;
  runDir: string;
}

/**
 * One run: manifest -> materialize -> prepare -> render overrides -> select
 * seams -> run them as Nx tasks -> artifacts. The artifacts are written in a
 * `finally`, pass or fail: manifest.yaml, overrides/, logs/, results.json,
 * junit.xml, summary.md (also appended to $GITHUB_STEP_SUMMARY).
 */
export async function runSuite(request: SuiteRequest): Promise<SuiteOutcome> {
  const selection = selectedSeams(request);
  refuseMissingSeamCommands(request.root, request.model, selection.selected);
  // Before the run: a machine whose checkouts cannot be placed (a node_modules above their folder, say) says nothing
  // of the tuple, so the run does not start, and a PR's status is an error, not a failure.
  await placeCheckouts(request.root);
  // Held from before they are materialized until the run is over: gc (another process's, or this run's own) keeps them.
  const release = await leaseCheckouts(
    request.root,
    allPins(request.manifest).map((p) => ({ component: p.name, sha: p.sha })),
  );
  try {
    const outcome = await runWatched(request, selection);
    // Cut short: no verdict to report, record, bisect or open an issue for; the caller stops here.
    if (outcome.results.interrupted)
      throw new RunInterrupted(
        `Run ${outcome.results.run_id}: ${outcome.results.reason} (what it did: ${shownPath(request.root, outcome.runDir)})`,
        outcome.results.interrupted,
      );
    const maxBytes = request.model.integration.cache?.max_size;
    if (maxBytes !== undefined) {
      await collectGarbage({ root: request.root, maxBytes, model: request.model }).then(
        (report) => logGcReport(report, maxBytes),
        (e: Error) => logger.warn(`cache.max_size: gc after the run failed: ${e.message}`),
      );
    }
    return outcome;
  } finally {
    await release();
  }
}

/** The run with Ctrl-C noted, not obeyed, until it is over, however it ends: a listener left behind would swallow a later Ctrl-C. */
async function runWatched(request: SuiteRequest, selection: Selection): Promise<SuiteOutcome> {
  const interrupts = watchInterrupts((signal) =>
    logger.warn(`${signal}: stopping the run at its next step and writing what it did (Ctrl-C again, a second later, stops at once)`),
  );
  try {
    return await runHeld(request, selection, interrupts);
  } finally {
    interrupts.stop();
  }
}

type Selection = { selected: string[]; notSelected: number };

/** The seams the run tests: those named, or those of the subset the moved components reach (in this shard). */
function selectedSeams(request: SuiteRequest): Selection {
  const { model, manifest } = request;
  if (request.seams) return { selected: [...request.seams].sort(), notSelected: 0 };
  return selectSeams(model, manifest.subset, couplingFromModel(model, request.graphEdges), request.moved, request.shard);
}

async function runHeld(request: SuiteRequest, { selected, notSelected: skipped }: Selection, interrupts: InterruptWatch): Promise<SuiteOutcome> {
  const { root, model, manifest } = request;
  const started = new Date();
  const hash = manifestHash(manifest);
  const kind = request.runKind ?? manifest.kind;
  const { id, runDir } = await newRunDir(root, kind, hash, started);
  const rel = (path: string) => shownPath(root, path);
  await writeFileAtomic(runManifestFile(root, id), serializeManifest(manifest));
  logger.info(`Run ${id}: ${manifest.kind}, subset ${manifest.subset}, manifest ${shortSha(hash)} (${rel(runDir)})`);
  const stopIfInterrupted = () => {
    if (interrupts.signal) throw new RunInterrupted(interruptedReason(interrupts.signal), interrupts.signal);
  };

  const knownGood = await openStore(root, model)
    .verifyEnd()
    .catch(() => undefined);
  const subset = model.integration.subsets[manifest.subset];
  const seams: SeamResult[] = [];
  let notSelected = 0;
  let seamsMs = 0;
  let prepareFailure: PrepareFailure | undefined;
  let error: string | undefined;
  // What failed for want of disk space: then the run blames no commit and no seam for it.
  let noSpace: string | undefined;
  // The network kept git from a pin: the run tested nothing, and blames nobody for it.
  let unreachable: string | undefined;
  const outOfSpace = async (what: string, log: string, words: string) => {
    noSpace = what;
    error = await withNoSpaceNamed(`${what} failed for want of disk space: its log says "${words}" (${rel(log)})`, root);
    logger.error(error);
  };
  // A pin that failed to materialize is on its own progress line, and the run's reason (the last
  // line) repeats it: the error is printed here too only when explaining it added something.
  let materializing = false;
  try {
    const pins = manifestPinRequests(model, manifest);
    const width = Math.max(...pins.map((p) => p.component.length));
    materializing = true;
    const materialized = await materializePins(root, pins, { onProgress: (e) => logger.info(progressLine(e, width, root)) });
    materializing = false;
    stopIfInterrupted();
    const checkouts = Object.fromEntries(materialized.map((p) => [p.component, p.dir]));

    // The commands each pin was prepared with, as chosen in its checkout: part of the run hash.
    const preparedWith: Record<string, string[][]> = {};
    const requests: PrepareRequest[] = [];
    for (const pin of materialized) {
      const choice = await pinPrepare(root, model, pin);
      preparedWith[pin.component] = choice.commands;
      requests.push({ component: pin.component, sha: pin.sha, dir: pin.dir, ...choice });
    }
    const failure = await preparePins(root, requests, {
      toolsLog: join(runDir, 'logs', 'prepare-npx-packages.log'),
      // A prepare can take minutes: say what is being prepared before the first one ends.
      onStart: (pins, atOnce) =>
        logger.info(
          `Preparing ${pins.length} pin${pins.length === 1 ? '' : 's'}${pins.length > 1 ? `, ${atOnce} at a time` : ''}: ${nameList(pins.map((p) => `${p.component}@${shortSha(p.sha)}`))}`,
        ),
      onPrepared: async (request, prepared) => {
        if (prepared.log) await copyFile(prepared.log, join(runDir, 'logs', `prepare-${request.component}.log`));
        if (prepared.status !== 'nothing to prepare') logger.info(`  ${request.component}@${shortSha(request.sha)}: ${prepared.status}${prepareWhy(request)}`);
      },
      onRetry: (request, why) => logger.info(`  ${request.component}@${shortSha(request.sha)}: ${why}`),
    });
    // A prepare the signal killed is not the commit's failure.
    stopIfInterrupted();
    if (failure) {
      const log = join(runDir, 'logs', `prepare-${failure.component}.log`);
      await copyFile(failure.log, log).catch(() => undefined);
      // A full disk is not the commit's fault: bisect would skip it as unbuildable.
      const words = await logNoSpaceWords(failure.log);
      if (words) await outOfSpace(`prepare ${failure.component}@${shortSha(failure.sha)}`, log, words);
      else {
        prepareFailure = {
          component: failure.component,
          sha: failure.sha,
          log: rel(log),
          message: failure.what,
          ...(failure.registry ? { registry: failure.registry } : {}),
        };
        logger.error(failure.message);
      }
      return await finish();
    }

    const overridesDir = join(runDir, 'overrides');
    const rendered = await renderOverrides(
      { manifest, manifestHash: hash, components: model.components, checkouts, overridesDir, root },
      model.integration.renderers,
    );
    logger.info(`Rendered overrides: ${rendered.files.join(', ')}`);

    notSelected = skipped;
    const parallel = request.parallel ?? 3;
    logger.info(
      selected.length ? `Seams to run (${selected.length}): ${nameList(selected)}; ${parallel} at a time` : 'No seam of the subset is reached by this change.',
    );

    // What decides a seam's outcome besides its own files: the pins, what their checkouts hold
    // (submodules, LFS files), and how they are prepared and rendered.
    const extras = Object.fromEntries(materialized.filter((p) => p.extras.length > 0).map((p) => [p.component, p.extras]));
    const runHash = sha256(
      JSON.stringify({
        hash,
        renderers: model.integration.renderers,
        prepare: preparedWith,
        ...(Object.keys(extras).length ? { checkouts: extras } : {}),
      }),
    );
    const env: Record<string, string> = { ...rendered.env, SEAMLINE_RUN_DIR: runDir, SEAMLINE_RUN_HASH: runHash };
    // The overrides' hooks come on top of whatever NODE_OPTIONS the user runs with.
    if (rendered.env.NODE_OPTIONS && process.env.NODE_OPTIONS) env.NODE_OPTIONS = `${process.env.NODE_OPTIONS} ${rendered.env.NODE_OPTIONS}`;
    const quarantined = activeQuarantine(model, utcTimestamp(started).slice(0, 10));
    const attempts = new Map<string, SeamAttempts>();
    let pending = selected;
    const seamsStarted = Date.now();
    for (let attempt = 1; pending.length; attempt++) {
      stopIfInterrupted();
      const records = await runSeamTasks(
        root,
        pending.map((seam) => ({ seam, target: model.seams[seam].target })),
        env,
        { parallel, tasksFile: tasksFileIn(runDir, attempt), skipCache: request.skipCache },
      );
      pending = recordAttempt({ runDir, attempt, pending, records, attempts, retries: (seam) => model.seams[seam].retries });
    }
    seamsMs = Date.now() - seamsStarted;
    // Seams the signal killed are not failures: their logs are kept, and the run is marked interrupted.
    if (interrupts.signal) return await finish();
    // One push each: spreading 100,000 results into one call would overflow the stack.
    for (const result of seamResults(selected, attempts, quarantined, (seam) => rel(join(runDir, 'logs', `${seam}.log`)))) seams.push(result);
    // A seam that failed because the disk was full says nothing about the tuple.
    for (const seam of failedSeams({ seams })) {
      const log = join(runDir, 'logs', `${seam}.log`);
      const words = await logNoSpaceWords(log);
      if (words) {
        await outOfSpace(`seam ${seam}`, log, words);
        break;
      }
    }
  } catch (e) {
    // What a signal broke (a killed git or prepare) is the signal's doing: finish() says so once.
    if (interrupts.signal) return finish();
    if (saysNoSpace((e as Error).message)) noSpace = 'run';
    error = (await explainFailure(e, root)).message;
    if (e instanceof RemoteUnreachable) unreachable = error;
    if (!materializing || error !== (e as Error).message) logger.error(error);
  }
  return finish();

  async function finish(): Promise<SuiteOutcome> {
    const budgetS = subset?.budget ?? 0;
    const interrupted = interrupts.signal;
    const { verdict, reason } = decideVerdict({ seams, budgetS, seamsDurationS: seconds(seamsMs), prepareFailure, unreachable, interrupted, error });
    const results: RunResults = {
      run_id: id,
      kind: manifest.kind,
      manifest_sha256: hash,
      subset: manifest.subset,
      tuple: manifestTuple(manifest),
      verdict,
      reason,
      seams,
      not_selected: notSelected,
      ...(request.shard ? { shard: `${request.shard.index}/${request.shard.count}` } : {}),
      budget_s: budgetS,
      seams_duration_s: seconds(seamsMs),
      ...(prepareFailure ? { prepare_failure: prepareFailure } : {}),
      ...(noSpace ? { no_space: noSpace } : {}),
      ...(unreachable ? { unreachable } : {}),
      ...(interrupted ? { interrupted } : {}),
      started: utcTimestamp(started),
      finished: utcTimestamp(new Date()),
      ...(knownGood?.ok ? { known_good_head: knownGood.head } : {}),
    };
    await writeRunFiles(root, runDir, results, manifest);
    return { results, runDir };
  }
}
