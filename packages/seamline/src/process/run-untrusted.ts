import type { CommandEnd } from '../core/command-outcome';
import { untrustedEnv } from './untrusted-env';

export interface UntrustedRun {
  /** undefined when the command could not be started or was killed. */
  exitCode: number | undefined;
  signal?: string;
  /** The system's code when it could not be started (ENOENT, EACCES). */
  code?: string;
  /** Why it could not be started, in one line. */
  startError?: string;
}

/**
 * How an execa command ended. Why it could not start is the system's one line (`spawn tsc
 * ENOENT`): execa's shortMessage is two lines then, and names the command twice.
 */
export function commandEnd(result: { exitCode?: number; signal?: string; cause?: unknown; shortMessage?: string }): CommandEnd {
  const { exitCode, signal } = result;
  if (exitCode !== undefined || signal) return { exitCode, signal };
  // Not `instanceof Error`: execa's cause may come from another realm (a test's VM context).
  const cause = (result.cause as { message?: unknown } | undefined)?.message;
  return { startError: typeof cause === 'string' ? cause : result.shortMessage?.split('\n')[0] };
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
  return { exitCode: result.exitCode, code: result.code, ...commandEnd(result) };
}
