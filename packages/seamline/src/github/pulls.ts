import { SeamlineError } from '../core/errors';
import type { GitHub } from './client';
import { gitHubFailure } from './github-error';

export interface PullInfo {
  slug: string;
  number: number;
  /** The PR head commit: what is tested and where statuses go. */
  headSha: string;
  /** GitHub's test merge commit; never tested, never reported on. */
  mergeSha: string | null;
  state: 'open' | 'closed';
  merged: boolean;
  labels: string[];
  body: string;
  url: string;
}

export const splitSlug = (slug: string) => {
  const [owner, repo] = slug.split('/');
  return { owner, repo };
};

/** A pull request, or a SeamlineError naming it and what GitHub answered (`GitHub: reading acme/users#5: HTTP 502 Bad Gateway after 3 attempts`). */
export async function fetchPull(gh: GitHub, slug: string, number: number): Promise<PullInfo> {
  const { data } = await gh.rest.pulls.get({ ...splitSlug(slug), pull_number: number }).catch((e: unknown) => {
    throw new SeamlineError(gitHubFailure(`reading ${slug}#${number}`, e));
  });
  // What answers at another URL than the REST API root (a proxy's page, a web UI) can be JSON too.
  if (typeof data?.head?.sha !== 'string')
    throw new SeamlineError(
      `GitHub: reading ${slug}#${number}: the answer is not a pull request (no head.sha); is github.base_url in integration/seamline.yaml (or $GITHUB_API_URL) the REST API root, such as https://ghe.example.com/api/v3?`,
    );
  return {
    slug,
    number,
    headSha: data.head.sha,
    mergeSha: data.merge_commit_sha,
    state: data.state === 'open' ? 'open' : 'closed',
    merged: data.merged,
    labels: data.labels.map((l) => l.name),
    body: data.body ?? '',
    url: data.html_url,
  };
}

/**
 * A dispatch payload's SHA must be the PR's head: a stale head would report
 * on a commit nobody is looking at, the merge SHA on one nobody pushed.
 */
export async function checkPullHead(gh: GitHub, slug: string, number: number, sha: string, file: string): Promise<PullInfo> {
  const pull = await fetchPull(gh, slug, number);
  if (pull.headSha === sha) return pull;
  const what = sha === pull.mergeSha ? "is the PR's merge SHA" : 'is not the PR head (a newer push?)';
  throw SeamlineError.at(file, 'sha', `${sha} ${what}; ${slug}#${number} head is ${pull.headSha}; dispatch pull_request.head.sha`);
}
