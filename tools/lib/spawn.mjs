// Child processes with node:child_process only (no execa): the demo runs these
// before the repository's own dependencies are installed. Argument arrays, never a shell.
import { spawn } from 'node:child_process';

/**
 * The environment of a user's shell: none of the NX_* variables of an Nx task
 * this may run in (NX_SKIP_NX_CACHE would turn caching off, NX_INVOCATION_ROOT_PID
 * would make two runs look like one recursive task chain), none of the variables
 * `npm run` sets for its own package, no daemon, no Nx Cloud, no TUI, no colour.
 */
export function userEnv(extra = {}) {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !key.startsWith('NX_') && !/^npm_(package_|lifecycle_|config_local_prefix$)/i.test(key) && key !== 'INIT_CWD',
    ),
  );
  return { ...inherited, FORCE_COLOR: '0', NO_COLOR: '1', NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', ...extra };
}

/**
 * Run `command` with `args` and collect stdout and stderr interleaved, as a
 * terminal shows them. Resolves with the exit code (never rejects on a non-zero one).
 */
export function run(command, args, { cwd, env = userEnv(), input } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    const chunks = [];
    const out = [];
    const err = [];
    child.stdout.on('data', (c) => (chunks.push(c), out.push(c)));
    child.stderr.on('data', (c) => (chunks.push(c), err.push(c)));
    if (input !== undefined) child.stdin.end(input);
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({
        code: code ?? (signal ? 128 : 1),
        all: Buffer.concat(chunks).toString('utf8'),
        stdout: Buffer.concat(out).toString('utf8').trim(),
        stderr: Buffer.concat(err).toString('utf8').trim(),
      }),
    );
  });
}

/** Like `run`, but a non-zero exit throws with the command and everything it printed. */
export async function mustRun(command, args, options) {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    const error = new Error(`${command} ${args.join(' ')} exited ${result.code}\n${result.all}`);
    error.result = result;
    throw error;
  }
  return result;
}
