import { SeamlineError } from '../core/errors';
import { redactUrl } from '../core/config/git-url';
import { classifyRemoteFailure, isTransient, remoteError, withRetries } from './remote-errors';
import { GitCommandError, runGit } from './run-git';

interface RetryOptions {
  attempts?: number;
  retryDelayMs?: number;
}

/** The SHA a branch of a remote points at now, via `git ls-remote`. */
export function resolveBranch(component: string, url: string, branch: string, options: RetryOptions = {}): Promise<string> {
  return resolveRef(
    component,
    url,
    `refs/heads/${branch}`,
    `branch "${branch}" does not exist in ${redactUrl(url)}; check "branch" in components/${component}/component.yaml`,
    options,
  );
}

/**
 * The head SHA of a pull request (GitHub's refs/pull/<n>/head): the PR head, never the merge
 * commit. `instead` is how the command that asked takes a SHA, for when there is no such ref.
 */
export function resolvePullHead(component: string, url: string, pr: number, options: RetryOptions & { instead?: string } = {}): Promise<string> {
  return resolveRef(
    component,
    url,
    `refs/pull/${pr}/head`,
    `PR #${pr} does not exist in ${redactUrl(url)} (no refs/pull/${pr}/head); pass its head SHA as ${options.instead ?? `${component}#${pr}@<sha>`}`,
    options,
  );
}

async function resolveRef(component: string, url: string, ref: string, missing: string, options: RetryOptions): Promise<string> {
  const args = ['ls-remote', '--exit-code', '--', url, ref];
  let stdout: string;
  try {
    ({ value: stdout } = await withRetries(
      async () => {
        const result = await runGit(args);
        if (result.exitCode !== 0) throw new GitCommandError(args, result);
        return result.stdout;
      },
      (error) => error instanceof GitCommandError && isTransient(classifyRemoteFailure(error.result.stderr)),
      options.attempts ?? 3,
      options.retryDelayMs ?? 500,
    ));
  } catch (error) {
    if (!(error instanceof GitCommandError)) throw error;
    // --exit-code: 2 means the remote answered but has no such ref.
    if (error.result.exitCode === 2) {
      throw new SeamlineError(`${component}: ${missing}`);
    }
    throw remoteError(component, url, classifyRemoteFailure(error.result.stderr), error.result.stderr, (error as { attempts?: number }).attempts);
  }
  const sha = stdout.split(/\s+/)[0];
  if (!/^[0-9a-f]{40}$/.test(sha)) throw new SeamlineError(`${component}: ls-remote of ${redactUrl(url)} gave no SHA for ${ref}`);
  return sha;
}
