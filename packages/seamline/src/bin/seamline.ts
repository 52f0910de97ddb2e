#!/usr/bin/env node
/**
 * `seamline run <project>:<target> [options]`: one of Seamline's targets without `nx run`
 * around it (cli/run-target.ts). `nx run` forks a second process for every executor and
 * loads Nx's task code again there; on a warm `pr-fast` that process is most of what
 * Seamline adds to running the seams by hand (docs/benchmarks.md, bench/orchestration).
 */
// First, for its side effects: V8's compile cache for everything loaded after it (Nx's modules too).
import '../process/executor-process';
import { parseRunCommandLine, RUN_USAGE } from '../cli/run-command-line';
import { runTarget } from '../cli/run-target';
import { logger } from '../terminal/logger';
import { explainFailure } from '../run/explain-failure';

async function main(): Promise<number> {
  const parsed = parseRunCommandLine(process.argv.slice(2));
  if (parsed === 'help') {
    console.info(RUN_USAGE);
    return 0;
  }
  if ('error' in parsed) {
    logger.error(`seamline: ${parsed.error}; seamline --help shows how to run a target`);
    return 1;
  }
  try {
    return await runTarget(parsed);
  } catch (error) {
    // What Nx says of options that do not fit the schema, a graph that cannot be built, or
    // a workspace without Nx: one line, the stack only under --verbose.
    const { message } = await explainFailure(error, process.cwd());
    logger.error(`seamline run ${parsed.project}:${parsed.target}: ${message.trim()}`);
    const frames = (error as Error).stack?.split('\n').slice(1).join('\n');
    if (parsed.verbose && frames) logger.error(frames);
    return 1;
  }
}

// process.exit, as Nx's CLI ends: it also stops the plugin workers the project graph started.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    logger.error(`seamline: unexpected error: ${(error as Error).message}`);
    process.exit(1);
  },
);
