import { existsSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { dirname, join } from 'node:path';
import type { ExecutorContext, ProjectGraph, ProjectsConfigurations, TaskGraph } from '@nx/devkit';
import { SeamlineError } from '../core/errors';
import { withPluginLoadCauses } from './plugin-load-causes';
import { loadPluginsInThisProcess } from './plugins-in-process';
import type { RunCommandLine } from './run-command-line';
import { type NxFunction, nxFunction, type NxModule, workspaceNx, workspaceNxIfPresent } from '../run/workspace-nx';

/** The folder of the Nx workspace `cwd` is in: the nearest one up with an nx.json. */
export function findWorkspaceRoot(cwd: string): string | undefined {
  for (let dir = cwd; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Run one of Seamline's targets as `nx run` would, in this process: the workspace's
 * root .env files, the project graph (the daemon's or computed here, as Nx decides),
 * the target's options merged with the command line and checked against the
 * executor's schema by Nx's own `runExecutor`, and the environment Nx gives a task's
 * process, so the executor runs its seams in this process on the graph just cached.
 * What it saves is the second process `nx run` forks for every executor, with Nx's
 * task code loaded again there. Resolves with the exit code.
 */
export async function runTarget(request: RunCommandLine, cwd = process.cwd()): Promise<number> {
  const root = findWorkspaceRoot(cwd);
  if (!root) throw new SeamlineError(`${cwd} is not in an Nx workspace (no nx.json here or above): run seamline from the integration workspace`);
  const nx = (path: string): NxModule => {
    try {
      return workspaceNx(root, path);
    } catch (error) {
      throw new SeamlineError(`cannot load nx/${path} from ${root} (${(error as Error).message.split('\n')[0]}): install nx in the workspace (npm i -D nx)`);
    }
  };
  const fn = (mod: NxModule, name: string, path: string): NxFunction => {
    const found = nxFunction(mod, name);
    if (!found) throw new SeamlineError(`this Nx has no ${name} in nx/${path}: use nx run ${request.project}:${request.target}`);
    return found;
  };

  // As Nx's CLI does first: .env, .local.env and .env.local of the workspace.
  nxFunction(nx('src/utils/dotenv'), 'loadRootEnvFiles')?.(root);
  // Where another Nx release has moved the daemon's client, plugins load as Nx decides.
  const restoreEnv = loadPluginsInThisProcess(nxFunction(workspaceNxIfPresent(root, 'src/daemon/client/client'), 'isDaemonEnabled'));
  const devkit = nx('src/devkit-exports');
  let graph: ProjectGraph;
  try {
    graph = (await fn(devkit, 'createProjectGraphAsync', 'src/devkit-exports')({ exitOnError: false })) as ProjectGraph;
  } catch (error) {
    throw withPluginLoadCauses(error);
  } finally {
    restoreEnv();
  }
  const projectsConfigurations = fn(devkit, 'readProjectsConfigurationFromProjectGraph', 'src/devkit-exports')(graph) as ProjectsConfigurations;
  const { project, target } = request;
  const where = `${project}:${target}`;
  const projectConfig = projectsConfigurations.projects[project];
  if (!projectConfig) throw new SeamlineError(`no project "${project}" in ${root} (nx show projects lists them)`);
  const targetConfig = projectConfig.targets?.[target];
  if (!targetConfig) throw new SeamlineError(`project "${project}" has no target "${target}" (nx show project ${project} lists them)`);
  if (!targetConfig.executor?.startsWith('@seamline/nx:'))
    throw new SeamlineError(
      `${where} runs ${targetConfig.executor ?? 'a command'}, not a Seamline executor: seamline run runs only @seamline/nx targets; use nx run ${where}`,
    );
  if ((targetConfig.dependsOn ?? []).length > 0)
    throw new SeamlineError(`${where} has dependsOn, which seamline run does not run: use nx run ${where}, or remove dependsOn from the target`);
  const configuration = request.configuration ?? targetConfig.defaultConfiguration;

  // The options as `nx run` parses them (Nx's own parser), with the command line kept for the executor.
  const overrides = fn(nx('src/utils/command-line-utils'), 'createOverrides', 'src/utils/command-line-utils')(request.overrides) as Record<string, unknown>;
  const id = [project, target, configuration].filter(Boolean).join(':');
  const taskGraph = {
    roots: [id],
    tasks: {
      [id]: { id, target: { project, target, configuration }, overrides, outputs: [], projectRoot: projectConfig.root, parallelism: true, cache: false },
    },
    dependencies: { [id]: [] },
    continuousDependencies: { [id]: [] },
  } as unknown as TaskGraph;
  // What Nx sets for a task's process (nx/src/tasks-runner/task-env): the executor's seam run
  // reads it to know it may run Nx's task runner here.
  Object.assign(process.env, {
    NX_WORKSPACE_ROOT: root,
    NX_TASK_TARGET_PROJECT: project,
    NX_TASK_TARGET_TARGET: target,
    NX_TUI: 'false',
    ...(configuration ? { NX_TASK_TARGET_CONFIGURATION: configuration } : {}),
    ...(request.skipNxCache ? { NX_SKIP_NX_CACHE: 'true' } : {}),
  });
  const context: ExecutorContext = {
    root,
    cwd,
    projectName: project,
    targetName: target,
    configurationName: configuration,
    target: targetConfig,
    projectGraph: graph,
    projectsConfigurations,
    nxJsonConfiguration: fn(nx('src/config/nx-json'), 'readNxJson', 'src/config/nx-json')(root) as ExecutorContext['nxJsonConfiguration'],
    taskGraph,
    isVerbose: request.verbose,
  };
  const results = (await fn(devkit, 'runExecutor', 'src/devkit-exports')({ project, target, configuration }, overrides, context)) as AsyncIterable<{
    success?: boolean;
    interrupted?: string;
  }>;
  let last: { success?: boolean; interrupted?: string } | undefined;
  for await (const result of results) last = result;
  // A run a signal stopped ends as a shell reports it (130 for Ctrl-C), as `nx run` does.
  const signal = last?.interrupted && osConstants.signals[last.interrupted as NodeJS.Signals];
  if (signal) return 128 + signal;
  return last?.success === true ? 0 : 1;
}
