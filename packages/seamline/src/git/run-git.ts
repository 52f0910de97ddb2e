import { redactUrl } from '../core/config/git-url';
import { gitAuthEnv } from './auth-env';

export interface GitResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * Run git with an argument array (never a shell string). Git never prompts:
 * a credential prompt would hang an unattended run. A GitHub token, when there
 * is one, reaches git as a header for the GitHub server (see gitAuthEnv).
 */
export async function runGit(args: readonly string[], options: { cwd?: string; timeoutMs?: number } = {}): Promise<GitResult> {
  const { execa } = await import('execa');
  const result = await execa('git', args, {
    cwd: options.cwd,
    env: { GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: '', SSH_ASKPASS: '', ...gitAuthEnv() },
    reject: false,
    stdin: 'ignore',
    timeout: options.timeoutMs,
  });
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout ?? ''), stderr: redactUrl(String(result.stderr ?? '')) };
}

/** Run git and return stdout, or throw with git's own first error line. */
export async function git(args: readonly string[], options: { cwd?: string; timeoutMs?: number } = {}): Promise<string> {
  const result = await runGit(args, options);
  if (result.exitCode !== 0) throw new GitCommandError(args, result);
  return result.stdout.trim();
}

export class GitCommandError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly result: GitResult,
  ) {
    super(`git ${args[0]} failed: ${firstErrorLine(result.stderr) || `exit ${result.exitCode}`}`);
    this.name = 'GitCommandError';
  }
}

/** The line of git's stderr that says what went wrong. */
export function firstErrorLine(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return (lines.find((l) => /^(fatal|error):/.test(l)) ?? lines[0] ?? '').replace(/^(fatal|error):\s*/, '');
}
