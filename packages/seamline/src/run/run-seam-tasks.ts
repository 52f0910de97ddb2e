import { untrustedEnv } from '../process/untrusted-env';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { SeamlineError } from '../core/errors';
import { NX_REMOTE_CACHE_SERVER, NX_REMOTE_CACHE_TOKEN } from '../core/nx-remote-cache';
import type { SeamTaskRecord } from '../core/run/seam-task-record';
import { runTargetInProcess } from './nx-in-process';

export interface SeamTask {
  seam: string;
  target: string;
}

/**
 * Run seams as Nx tasks, as `nx run-many` runs them, so Nx caching (local and
 * remote), --parallel and per-task terminal output apply; one run per target
 * name. In this process when Nx allows it (nx-in-process.ts), else through the
 * workspace's own `nx run-many`.
 */
export async function runSeamTasks(
  root: string,
  tasks: readonly SeamTask[],
  env: Record<string, string>,
  options: { parallel: number; tasksFile: string; skipCache?: boolean },
): Promise<Map<string, SeamTaskRecord>> {
  const results = new Map<string, SeamTaskRecord>();
  const byTarget = new Map<string, string[]>();
  for (const t of tasks) byTarget.set(t.target, [...(byTarget.get(t.target) ?? []), t.seam]);
  for (const [target, seams] of byTarget) {
    // A seam failure is never replayed from the cache (NX_CACHE_FAILURES would): a retry must run it
    // again, and a status of `failure` then always means it ran. The outer `nx run` has just computed
    // the project graph and cached it: the run reuses it (NX_FORCE_REUSE_CACHED_GRAPH) and loads the
    // plugins in its own process (NX_ISOLATE_PLUGINS) instead of a worker per plugin.
    const nxEnv = untrustedEnv({
      ...env,
      NX_DAEMON: 'false',
      NX_TUI: 'false',
      NX_CACHE_FAILURES: 'false',
      NX_FORCE_REUSE_CACHED_GRAPH: 'true',
      NX_ISOLATE_PLUGINS: 'false',
    });
    let records: Map<string, SeamTaskRecord>;
    try {
      records =
        (await runTargetInProcess(root, { target, projects: seams, parallel: options.parallel, skipCache: options.skipCache, env: nxEnv })) ??
        (await runNested(root, target, seams, nxEnv, options));
    } catch (e) {
      if (e instanceof SeamlineError) throw e;
      throw new SeamlineError(nxStopped(target, (e as Error).message, nxEnv));
    }
    const asked = new Set(seams);
    for (const record of records.values()) if (asked.has(record.project) && record.target === target) results.set(record.project, record);
  }
  return results;
}

export const tasksFileIn = (runDir: string, attempt: number) => join(runDir, `.nx-tasks-${attempt}.json`);

/**
 * The same run through the workspace's `nx run-many` in a child process, when
 * Nx cannot run it in this one (another Nx shape). Results come
 * back through Seamline's postTasksExecution hook, not by parsing output.
 */
async function runNested(
  root: string,
  target: string,
  seams: readonly string[],
  nxEnv: Record<string, string>,
  options: { parallel: number; tasksFile: string; skipCache?: boolean },
): Promise<Map<string, SeamTaskRecord>> {
  const { execa } = await import('execa');
  const nx = require.resolve('nx/bin/nx.js', { paths: [root] });
  await rm(options.tasksFile, { force: true });
  const args = [
    nx,
    'run-many',
    `--targets=${target}`,
    `--projects=${seams.join(',')}`,
    `--parallel=${options.parallel}`,
    '--outputStyle=static',
    '--nxBail=false',
    // A probe that checks an earlier result (bisect: good still passes, bad still fails) must run.
    ...(options.skipCache ? ['--skipNxCache'] : []),
  ];
  // The daemon would run the hook with its own environment, which does not name our file.
  // stderr is also kept: where Nx stops before any task (a remote cache that refuses, say), it says why there.
  const nested = await execa(process.execPath, args, {
    cwd: root,
    reject: false,
    stdin: 'inherit',
    stdout: 'inherit',
    stderr: ['inherit', 'pipe'],
    env: { ...nxEnv, SEAMLINE_TASKS_FILE: options.tasksFile },
    extendEnv: false,
  });
  if (!existsSync(options.tasksFile)) {
    const said = [...stripVTControlCharacters(String(nested.stderr ?? '')).matchAll(/^\s*NX\s+(.+?)\s*$/gm)].at(-1)?.[1];
    // (Nx before 22.7.2 prints it on stdout, which is left to the terminal.)
    if (nested.exitCode !== 0)
      throw new SeamlineError(nxStopped(target, said ?? `nx run-many exited ${nested.exitCode}; its message is in the output above`, nxEnv));
    throw new SeamlineError(`nx run-many -t ${target} reported no task results; is @seamline/nx registered in nx.json plugins? (nx g @seamline/nx:init)`);
  }
  const records = JSON.parse(await readFile(options.tasksFile, 'utf8')) as Record<string, SeamTaskRecord>;
  return new Map(Object.values(records).map((record) => [record.project, record]));
}

/**
 * Nx stopped before it reported the seams' results: say so, with Nx's words, and name the
 * self-hosted remote cache when one is set, the usual cause (a wrong token, a server down).
 */
function nxStopped(target: string, message: string, env: Record<string, string | undefined>): string {
  const cache = env[NX_REMOTE_CACHE_SERVER]
    ? `; a self-hosted remote cache is set (${NX_REMOTE_CACHE_SERVER}): check that it is up and that ${NX_REMOTE_CACHE_TOKEN} is a token it takes`
    : '';
  return `Nx stopped before it reported the results of ${target}: ${message.trim()}${cache}`;
}
