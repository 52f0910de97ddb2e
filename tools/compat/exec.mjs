// Child processes for the compatibility matrix: argument arrays (never a shell),
// a timeout per step that kills the whole process group, and every byte a step
// prints appended to the cell's log.
import { spawn } from 'node:child_process';
import { appendFile } from 'node:fs/promises';

// eslint-disable-next-line no-control-regex -- strips ANSI colour codes, ESC (\x1b) is the point
const ANSI_COLOUR = /\x1b\[[0-9;]*[A-Za-z]/g;

/** Process groups still running, so an interrupted matrix leaves nothing behind. */
const running = new Set();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const pid of running) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    process.exit(130);
  });
}

/**
 * Run `command args` in `cwd`; resolve with { code, all, stdout, timedOut, ms } (`all`
 * interleaves stderr; read an answer from `stdout`: npm 12 warns on stderr about every
 * ~/.npmrc key it does not know). Never
 * rejects on a non-zero exit or a timeout; `log` (a file) gets the command line
 * and its interleaved output.
 */
export function exec(command, args, { cwd, env, timeoutMs = 5 * 60_000, log, input } = {}) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, detached: true, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    if (child.pid) running.add(child.pid);
    const chunks = [];
    const out = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.stdout.on('data', (c) => {
      chunks.push(c);
      out.push(c);
    });
    child.stderr.on('data', (c) => chunks.push(c));
    if (input !== undefined) child.stdin.end(input);
    const finish = async (code, spawnError) => {
      clearTimeout(timer);
      running.delete(child.pid);
      let all = Buffer.concat(chunks).toString('utf8').replace(ANSI_COLOUR, '');
      if (spawnError) all += `\n${spawnError.message}`;
      if (timedOut) all += `\ntimed out after ${Math.round(timeoutMs / 1000)}s`;
      const ms = Date.now() - started;
      if (log)
        await appendFile(
          log,
          `\n$ (cd ${cwd}) ${[command, ...args].join(' ')}\n${all.trimEnd()}\n[exit ${code}${timedOut ? ', timed out' : ''}, ${(ms / 1000).toFixed(1)}s]\n`,
        );
      resolve({ code, all, stdout: Buffer.concat(out).toString('utf8'), timedOut, ms });
    };
    child.on('error', (error) => finish(127, error));
    child.on('close', (code, signal) => finish(code ?? (signal ? 128 : 1)));
  });
}
