import { untrustedEnv } from './untrusted-env';

export interface UntrustedRun {
  /** undefined when the command could not be started or was killed. */
  exitCode: number | undefined;
  signal?: string;
  /** execa's one-line account of what happened. */
  shortMessage: string;
}

/**
 * Run code under test (a seam, a component's prepare or test command) with the
 * terminal attached and without Seamline's tokens; argument arrays only.
 */
export async function runUntrusted(
  command: string,
  args: readonly string[],
  options: { cwd: string; localDir?: string; env?: Record<string, string> },
): Promise<UntrustedRun> {
  const { execa } = await import('execa');
  const result = await execa(command, args, {
    cwd: options.cwd,
    stdio: 'inherit',
    reject: false,
    ...(options.localDir ? { preferLocal: true, localDir: options.localDir } : {}),
    env: untrustedEnv(options.env),
    extendEnv: false,
  });
  return { exitCode: result.exitCode, signal: result.signal, shortMessage: result.shortMessage ?? '' };
}
