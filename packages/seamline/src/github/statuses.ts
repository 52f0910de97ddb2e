import type { CommitStatus } from '../core/report/commit-status';
import type { GitHub } from './client';
import { describeGitHubError } from './github-error';
import { splitSlug } from './pulls';

export interface StatusTarget {
  slug: string;
  sha: string;
}

/**
 * One status on each PR head. Octokit's plugins retry 5xx and rate limits;
 * what still fails is returned as one line per head, never thrown: a run's
 * verdict and artifacts do not depend on GitHub answering.
 */
export async function postStatuses(gh: GitHub, targets: readonly StatusTarget[], context: string, status: CommitStatus): Promise<string[]> {
  const problems: string[] = [];
  for (const target of targets) {
    try {
      await gh.rest.repos.createCommitStatus({ ...splitSlug(target.slug), sha: target.sha, context, ...status });
    } catch (e) {
      problems.push(`could not post ${status.state} status ${context} to ${target.slug}@${target.sha.slice(0, 12)}: ${describeGitHubError(e)}`);
    }
  }
  return problems;
}
