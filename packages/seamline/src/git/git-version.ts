import { execFile } from 'node:child_process';

/** A git release, as `git --version` names it. */
export interface GitVersion {
  major: number;
  minor: number;
}

/**
 * `git version 2.39.5`, `git version 2.39.3 (Apple Git-146)`,
 * `git version 2.45.1.windows.1`: the major and minor numbers, or undefined
 * for anything else (a wrapper that prints its own banner).
 */
export function parseGitVersion(output: string): GitVersion | undefined {
  const match = /^git version (\d+)\.(\d+)/m.exec(output);
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : undefined;
}

/** Whether `version` is at least `major.minor`; an unknown version counts as new (what git ships today). */
export function gitAtLeast(version: GitVersion | undefined, major: number, minor: number): boolean {
  return version === undefined || version.major > major || (version.major === major && version.minor >= minor);
}

const asked = new Map<string, Promise<GitVersion | undefined>>();

/**
 * The version of the git on PATH, asked once per process and PATH (about 3 ms).
 * Only the few features Ubuntu 22.04's git 2.34 or Debian 11's 2.30 lack
 * wait for it; a git that cannot be started answers undefined, and the
 * command that needed it then fails with its own clear line.
 */
export function gitVersion(): Promise<GitVersion | undefined> {
  const key = process.env.PATH ?? '';
  let answer = asked.get(key);
  if (!answer) {
    answer = new Promise((resolve) => {
      // The environment runGit starts git with, so both find the same git.
      execFile('git', ['--version'], { encoding: 'utf8', env: process.env }, (error, stdout) => resolve(error ? undefined : parseGitVersion(stdout)));
    });
    asked.set(key, answer);
  }
  return answer;
}

/** The oldest git Seamline is checked with: Ubuntu 20.04's (docs/compatibility.md). */
export const OLDEST_GIT: GitVersion = { major: 2, minor: 25 };

/**
 * A failure's `message`, followed on the same line by the cause when the git
 * on PATH is older than OLDEST_GIT. Asked only after something failed: an
 * older git fails on an option it lacks (`git worktree failed: unknown
 * option 'quiet'` on 2.17), which names neither the cause nor the cure.
 */
export async function withOlderGitNamed(message: string): Promise<string> {
  const version = await gitVersion();
  if (!version || gitAtLeast(version, OLDEST_GIT.major, OLDEST_GIT.minor)) return message;
  const oldest = `${OLDEST_GIT.major}.${OLDEST_GIT.minor}`;
  return `${message}; the git on PATH is ${version.major}.${version.minor}, and Seamline needs git ${oldest} or later: install a newer git and run again`;
}
