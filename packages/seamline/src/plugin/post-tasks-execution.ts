import { writeFileSync } from 'node:fs';
import type { PostTasksExecution } from '@nx/devkit';
import type { SeamTaskRecord } from '../core/run/seam-task-record';
import type * as NxCachedOutput from '../run/nx-cached-output';

/**
 * After `nx run-many` ran a run's seams, hand their results (status, cache
 * status, timings, output) to the run through the file it named; other Nx
 * invocations are left alone.
 */
export const postTasksExecution: PostTasksExecution = async (_options, context) => {
  const file = process.env.SEAMLINE_TASKS_FILE;
  if (!file) return;
  // Loaded here, not at the top: Nx loads this module on every project-graph build, which needs nothing of run/.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { taskTerminalOutput } = require('../run/nx-cached-output') as typeof NxCachedOutput;
  const records: Record<string, SeamTaskRecord> = {};
  for (const [id, result] of Object.entries(context.taskResults)) {
    records[id] = {
      project: result.task.target.project,
      target: result.task.target.target,
      status: result.status,
      code: result.code,
      startTime: result.task.startTime,
      endTime: result.task.endTime,
      terminalOutput: taskTerminalOutput(context.workspaceRoot, result),
    };
  }
  writeFileSync(file, JSON.stringify(records));
};
