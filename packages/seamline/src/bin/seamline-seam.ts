#!/usr/bin/env node
/**
 * `seamline-seam`: runs one seam's command, for the seam's inferred target. That target is an
 * `nx:run-commands` one because Nx runs those without forking an executor process per task
 * (which cost about 0.65 CPU-seconds a seam; bench/seams). The command arrives as a JSON list
 * of arguments in SEAMLINE_SEAM_COMMAND and runs without a shell, in this process's folder (the
 * seam's), with the run's environment minus Seamline's tokens. Loads nothing but Node's own
 * modules and three small ones of its own: it starts once per seam.
 */
import { spawn } from 'node:child_process';
import { noColorWins } from '../process/no-color';
import { untrustedEnv } from '../process/untrusted-env';
import { notInsideRunWarning, parseSeamCommand, seamCommandFailure } from '../core/run/seam-command';

const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function main(): void {
  const seam = process.env.NX_TASK_TARGET_PROJECT ?? 'seam';
  const parsed = parseSeamCommand(process.env.SEAMLINE_SEAM_COMMAND);
  if (typeof parsed === 'string') {
    console.error(`${seam}: ${parsed}`);
    process.exit(1);
  }
  if (!process.env.SEAMLINE_RUN_DIR) console.warn(notInsideRunWarning(seam));
  noColorWins();
  const env = untrustedEnv({ SEAMLINE_SEAM_COMMAND: undefined });
  const [command, ...args] = parsed;
  const child = spawn(command, args, { stdio: 'inherit', env });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  for (const signal of FORWARDED) process.on(signal, forward(signal));
  child.on('error', (error: NodeJS.ErrnoException) => {
    console.error(`${seam}: ${seamCommandFailure(parsed, { code: error.code, message: error.message })}`);
    process.exit(127);
  });
  child.on('exit', (code, signal) => {
    if (signal === null) {
      if (code) console.error(`${seam}: ${seamCommandFailure(parsed, { exitCode: code })}`);
      process.exit(code ?? 1);
    }
    console.error(`${seam}: ${seamCommandFailure(parsed, { signal })}`);
    // Ended by the same signal, as if the command had been run directly.
    for (const s of FORWARDED) process.removeAllListeners(s);
    process.kill(process.pid, signal);
    process.exitCode = 1;
  });
}

main();
