import { untrustedEnv } from '../process/untrusted-env';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { SeamlineError } from '../core/errors';
import type { SeamTaskRecord } from '../core/run/seam-task-record';

export interface SeamTask {
  seam: string;
  target: string;
}

/**
 * Run seams as Nx tasks through the workspace's own `nx run-many`, so Nx
 * caching and --parallel apply; one run-many per target name. Results come
 * back through Seamline's postTasksExecution hook, not by parsing output.
 */
export async function runSeamTasks(
  root: string,
  tasks: readonly SeamTask[],
  env: Record<string, string>,
  options: { parallel: number; tasksFile: string; skipCache?: boolean },
): Promise<Map<string, SeamTaskRecord>> {
  const { execa } = await import('execa');
  const nx = require.resolve('nx/bin/nx.js', { paths: [root] });
  const results = new Map<string, SeamTaskRecord>();
  const byTarget = new Map<string, string[]>();
  for (const t of tasks) byTarget.set(t.target, [...(byTarget.get(t.target) ?? []), t.seam]);
  for (const [target, seams] of byTarget) {
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
    await execa(process.execPath, args, {
      cwd: root,
      reject: false,
      stdio: 'inherit',
      // The daemon would run the hook with its own environment, which does not name our file.
      // A seam failure is never replayed from the cache (NX_CACHE_FAILURES would): a retry must run it
      // again, and a status of `failure` then always means it ran.
      env: untrustedEnv({ ...env, SEAMLINE_TASKS_FILE: options.tasksFile, NX_DAEMON: 'false', NX_TUI: 'false', NX_CACHE_FAILURES: 'false' }),
      extendEnv: false,
    });
    if (!existsSync(options.tasksFile)) {
      throw new SeamlineError(`nx run-many -t ${target} reported no task results; is @seamline/nx registered in nx.json plugins? (nx g @seamline/nx:init)`);
    }
    const records = JSON.parse(await readFile(options.tasksFile, 'utf8')) as Record<string, SeamTaskRecord>;
    for (const record of Object.values(records)) if (seams.includes(record.project) && record.target === target) results.set(record.project, record);
  }
  return results;
}

export const tasksFileIn = (runDir: string, attempt: number) => join(runDir, `.nx-tasks-${attempt}.json`);
