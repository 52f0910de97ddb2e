import type { SeamTaskRecord } from '../core/run/seam-task-record';
import { taskTerminalOutput } from './nx-cached-output';
import { type NxFunction, type NxModule, nxFunction, workspaceNxIfPresent } from './workspace-nx';

/** What `nx run-many` is asked for; the same options the nested command line carries. */
export interface InProcessRequest {
  target: string;
  projects: readonly string[];
  parallel: number;
  skipCache?: boolean;
  /** The whole environment of the run (tasks inherit it): replaces process.env while Nx runs. */
  env: Record<string, string>;
}

let ranInThisProcess = false;

interface NxTaskResult {
  task: { target: { project: string; target: string }; hash?: string; startTime?: number; endTime?: number };
  status: string;
  code: number;
  terminalOutput?: string;
}

/**
 * Run one target of some seams with Nx's own task runner, in this process,
 * on the project graph the outer `nx run` cached moments ago: what
 * `nx run-many` does after it starts, without a second Nx start (node,
 * the CLI, the graph, a worker per plugin), which cost seconds per run.
 *
 * These are Nx internals, not its public API: Nx 23.0-23.2 runs
 * `runCommandForTasks(projects, ...)`, 23.3 and 24.x select the tasks first
 * (`selectTasksForProjects`) and run `runTasksForCommand(selection, ...)`.
 * Any other shape, a daemon client that cannot be told to choose again, a
 * process that is not an Nx task's own, or a second run in the same process
 * returns undefined, and the caller starts `nx run-many` instead.
 */
export async function runTargetInProcess(root: string, request: InProcessRequest): Promise<Map<string, SeamTaskRecord> | undefined> {
  // Only in the process Nx forked for the executor: the outer task runner's own process is left alone.
  if (!process.env.NX_TASK_TARGET_PROJECT || process.env.SEAMLINE_NX_IN_PROCESS === 'false' || ranInThisProcess) return undefined;
  const nx = (path: string) => workspaceNxIfPresent(root, path);
  const runCommand = nx('src/tasks-runner/run-command');
  const cli = nx('src/utils/command-line-utils');
  const config = nx('src/config/nx-json');
  const graphs = nx('src/project-graph/project-graph');
  const daemon = nx('src/daemon/client/client');
  const cloud = nx('src/utils/nx-cloud-utils');
  const split = nxFunction(cli, 'splitArgsIntoNxArgsAndOverrides');
  const readNxJson = nxFunction(config, 'readNxJson');
  const createGraph = nxFunction(graphs, 'createProjectGraphAsync');
  const select = nxFunction(runCommand, 'selectTasksForProjects');
  const run24 = nxFunction(runCommand, 'runTasksForCommand');
  const run23 = nxFunction(runCommand, 'runCommandForTasks');
  const daemonOn = nxFunction(daemon, 'isDaemonEnabled');
  const decideDaemonAgain = daemonClientReset(daemon);
  const cloudUsed = nxFunction(cloud, 'isNxCloudUsed');
  if (!split || !readNxJson || !createGraph || !daemonOn || !((select && run24) || run23)) return undefined;

  // Nx keeps some of a run's state in module variables for the life of the process (23.2 caches each
  // task's environment by task id), so a second run here would see the first one's pins: a retry or a
  // bisect probe gets a fresh `nx run-many` instead.
  ranInThisProcess = true;
  const saved = { ...process.env };
  replaceEnv(request.env);
  let chooseAgain: (() => void) | undefined;
  try {
    // The run's environment turns the daemon off: with it the graph, the hashes and the hooks would come
    // from another process with its own environment. Nx's client keeps the choice it made first, and
    // `seamline run` got its graph from the daemon: the client (its own reset) chooses again here, and
    // once more in the command's environment after the run.
    if (daemonOn()) {
      chooseAgain = decideDaemonAgain;
      chooseAgain?.();
    }
    if (daemonOn()) return undefined;
    const nxJson = readNxJson(root);
    const graph = (await createGraph({ exitOnError: false })) as { nodes: Record<string, unknown> };
    const args = {
      targets: [request.target],
      projects: [...request.projects],
      parallel: request.parallel,
      outputStyle: 'static',
      // Nx 23.3+ renders by these two, which its CLI derives from --outputStyle; without them a
      // terminal got Nx's spinner, which hides every passing seam's output.
      specifiedOutputStyle: 'static',
      resolvedOutputStyle: 'static',
      nxBail: false,
      ...(request.skipCache ? { skipNxCache: true } : {}),
    };
    const { nxArgs, overrides } = split(args, 'run-many', { printWarnings: false }, nxJson) as { nxArgs: unknown; overrides: unknown };
    const extraOptions = { excludeTaskDependencies: false, loadDotEnvFiles: process.env.NX_LOAD_DOT_ENV_FILES !== 'false' };
    const first = select && run24 ? select(graph, [...request.projects], nxArgs, overrides, {}, false) : request.projects.map((p) => graph.nodes[p]);
    const runTasks = select && run24 ? run24 : run23!;
    const context = { nxJson: withoutCloudOnboarding(nxJson, cloudUsed) };
    const { taskResults } = (await runTasks(first, graph, context, nxArgs, overrides, null, {}, extraOptions)) as {
      taskResults: Record<string, NxTaskResult>;
    };
    const records = new Map<string, SeamTaskRecord>();
    const asked = new Set(request.projects);
    for (const result of Object.values(taskResults)) {
      const { project, target } = result.task.target;
      if (target !== request.target || !asked.has(project)) continue;
      records.set(project, {
        project,
        target,
        status: result.status,
        code: result.code,
        startTime: result.task.startTime,
        endTime: result.task.endTime,
        terminalOutput: taskTerminalOutput(root, result),
      });
    }
    return records;
  } finally {
    replaceEnv(saved);
    chooseAgain?.();
  }
}

/** Nx's `daemonClient.reset()` (22.0 to 24.x): it forgets whether the daemon is on, and decides again when next asked. */
function daemonClientReset(daemon: NxModule | undefined): (() => void) | undefined {
  const client = daemon?.daemonClient as NxModule | undefined;
  const reset = nxFunction(client, 'reset');
  return reset && (() => reset.call(client));
}

/**
 * Nx 23.2 and 24 (not 22) start every task run by asking Nx Cloud for an onboarding link when the
 * workspace's remote is on GitHub and it does not use Nx Cloud: an HTTP client loaded and up to
 * two requests, about 130 ms of this process on a 2-core machine. The outer `nx run` has asked
 * already. Marked as never connecting only when Nx Cloud is not used (by Nx's own test, in the
 * run's environment), where the mark changes nothing else: the runner, its caches and a
 * self-hosted remote cache stay as they are.
 */
function withoutCloudOnboarding(nxJson: unknown, cloudUsed: NxFunction | undefined): unknown {
  if (!cloudUsed || !nxJson || typeof nxJson !== 'object' || cloudUsed(nxJson)) return nxJson;
  return { ...nxJson, neverConnectToCloud: true };
}

/** process.env becomes exactly `env` (Nx forks the tasks with this process's environment). */
function replaceEnv(env: Record<string, string | undefined>) {
  for (const name of Object.keys(process.env)) if (!(name in env)) delete process.env[name];
  for (const [name, value] of Object.entries(env)) if (value !== undefined) process.env[name] = value;
}
