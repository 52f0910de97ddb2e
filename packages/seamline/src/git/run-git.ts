import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { redactUrl } from '../core/config/git-url';
import { gitAuthEnv, gitToken } from './auth-env';
import { gitVersion } from './git-version';
import { letGitRead, refusedOwnership } from './ownership';

export interface GitResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * Run git with an argument array (never a shell string). Git never prompts:
 * a credential prompt would hang an unattended run. A GitHub token, when there
 * is one, reaches git as a header for the GitHub server (see gitAuthEnv).
 *
 * Node's own execFile rather than execa: git needs no more than it gives, and
 * loading execa's ES modules cost about 100 ms of every executor run (a third
 * of a warm pr-fast's own time; docs/benchmarks.md, bench/orchestration).
 */
export async function runGit(
  args: readonly string[],
  options: { cwd?: string; timeoutMs?: number; withoutToken?: boolean; input?: string } = {},
): Promise<GitResult> {
  // How the token reaches git depends on its version: asked only when there is a token to pass.
  const auth = options.withoutToken || !gitToken() ? {} : gitAuthEnv(process.env, await gitVersion());
  return new Promise((resolve) => {
    const child = execFile(
      'git',
      args,
      {
        cwd: options.cwd,
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: '', SSH_ASKPASS: '', ...auth },
        timeout: options.timeoutMs ?? 0,
        maxBuffer: MAX_OUTPUT,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        const code = (error as { code?: unknown } | null)?.code;
        const exitCode = !error ? 0 : typeof code === 'number' && !error.killed ? code : -1;
        // git could not be started at all: say so in git's own terms, for the callers that read stderr.
        const spawnError = !error || typeof code !== 'string' || stderr ? '' : `fatal: ${code === 'ENOENT' ? notStarted(options.cwd) : error.message}\n`;
        resolve({ exitCode, stdout: withoutFinalNewline(stdout), stderr: redactUrl(withoutFinalNewline(spawnError + stderr)) });
      },
    );
    child.stdin?.end(options.input);
  });
}

export const GIT_MISSING = 'cannot run git: it is not installed or not on PATH';

/** Node says ENOENT both for a missing git and for a missing working folder. */
const notStarted = (cwd: string | undefined) => (cwd && !existsSync(cwd) ? `cannot run git in ${cwd}: no such folder` : GIT_MISSING);

/** Git output kept in memory at most (execa's default): a repository's largest answer, `ls-tree -r`, stays far below it. */
const MAX_OUTPUT = 100 * 1024 * 1024;

/** As execa gave it: callers compare and split git's output without its last newline. */
const withoutFinalNewline = (text: string) => text.replace(/\r?\n$/, '');

/** Run git and return stdout, or throw with git's own first error line. */
export async function git(args: readonly string[], options: { cwd?: string; timeoutMs?: number; input?: string } = {}): Promise<string> {
  const result = await runGit(args, options);
  if (result.exitCode !== 0) throw new GitCommandError(args, result);
  return result.stdout.trim();
}

/** The git command an argument list runs, after its `-c <name>=<value>` options. */
function subcommand(args: readonly string[]): string {
  let i = 0;
  while (args[i] === '-c') i += 2;
  return args[i] ?? 'git';
}

export class GitCommandError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly result: GitResult,
  ) {
    const owner = refusedOwnership(result.stderr);
    const trust = owner ? `; if you trust its owner, ${letGitRead(owner)}` : '';
    super(`git ${subcommand(args)} failed: ${firstErrorLine(result.stderr) || `exit ${result.exitCode}`}${trust}`);
    this.name = 'GitCommandError';
  }
}

/** The line of git's stderr that says what went wrong (a server's own `remote: fatal:` included), without its prefix and final period. */
export function firstErrorLine(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const prefix = /^(remote:\s*)?(fatal|error):\s*/;
  return (lines.find((l) => prefix.test(l)) ?? lines[0] ?? '').replace(prefix, '').replace(/\.$/, '');
}
