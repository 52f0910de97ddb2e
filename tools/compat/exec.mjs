// Child processes for the compatibility matrix: argument arrays (never a shell),
// a timeout per step that kills the whole process group, and every byte a step
// prints appended to the cell's log.
import { spawn } from 'node:child_process';
import { appendFile } from 'node:fs/promises';

/**
 * Run `command args` in `cwd`; resolve with { code, all, timedOut, ms }. Never
 * rejects on a non-zero exit or a timeout; `log` (a file) gets the command line
 * and its interleaved output.
 */
export function exec(command, args, { cwd, env, timeoutMs = 5 * 60_000, log, input } = {}) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, detached: true, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    const chunks = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.stdout.on('data', (c) => chunks.push(c));
    child.stderr.on('data', (c) => chunks.push(c));
    if (input !== undefined) child.stdin.end(input);
    const finish = async (code, spawnError) => {
      clearTimeout(timer);
      let all = Buffer.concat(chunks).toString('utf8').replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
      if (spawnError) all += `\n${spawnError.message}`;
      if (timedOut) all += `\ntimed out after ${Math.round(timeoutMs / 1000)}s`;
      const ms = Date.now() - started;
      if (log) await appendFile(log, `\n$ (cd ${cwd}) ${[command, ...args].join(' ')}\n${all.trimEnd()}\n[exit ${code}${timedOut ? ', timed out' : ''}, ${(ms / 1000).toFixed(1)}s]\n`);
      resolve({ code, all, timedOut, ms });
    };
    child.on('error', (error) => finish(127, error));
    child.on('close', (code, signal) => finish(code ?? (signal ? 128 : 1)));
  });
}
