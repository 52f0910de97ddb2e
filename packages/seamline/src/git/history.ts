import { redactUrl } from '../core/config/git-url';
import { SeamlineError } from '../core/errors';
import { shortSha } from '../core/tuple';
import { withFileLock } from '../fs/file-lock';
import { pinCacheDir, shownPath } from '../workspace/layout';
import { hasCommit, openCache } from './pin-cache';
import { git, runGit } from './run-git';

export interface CommitInfo {
  sha: string;
  subject: string;
  author: string;
  date: string;
}

/**
 * `git rev-list --first-parent --reverse good..bad` of one component, oldest
 * first, ending at bad: the commits bisect walks. Pins are fetched at depth 1,
 * so the history is fetched here (the branches, unshallowed) into the same
 * pin cache, under its lock.
 */
export async function firstParentCommits(root: string, component: string, url: string, good: string, bad: string, goodLabel = 'known good'): Promise<string[]> {
  const cache = pinCacheDir(root, component);
  return withFileLock(
    cache,
    async () => {
      await openCache(cache);
      const shallow = (await git(['rev-parse', '--is-shallow-repository'], { cwd: cache })) === 'true';
      if (shallow || !(await hasCommit(cache, good)) || !(await hasCommit(cache, bad))) {
        await fetchOrExplain(cache, component, url, ['fetch', '--no-tags', ...(shallow ? ['--unshallow'] : []), url, '+refs/heads/*:refs/seamline/heads/*']);
      }
      // A bad SHA that is on no branch (a PR head, a deleted branch): fetch it by SHA with its history.
      if (!(await hasCommit(cache, bad))) await fetchOrExplain(cache, component, url, ['fetch', '--no-tags', url, `${bad}:refs/bisect/${bad}`]);
      for (const sha of [good, bad]) {
        if (!(await hasCommit(cache, sha))) throw new SeamlineError(`bisect: ${component}: commit ${sha} is not in ${redactUrl(url)}`);
      }
      if ((await runGit(['merge-base', '--is-ancestor', good, bad], { cwd: cache })).exitCode !== 0) {
        throw new SeamlineError(
          `bisect: ${component}: the ${goodLabel} ${shortSha(good)} is not an ancestor of ${shortSha(bad)} (history rewritten?); pass --good=<manifest> with an ancestor`,
        );
      }
      const out = await git(['rev-list', '--first-parent', '--reverse', `${good}..${bad}`], { cwd: cache });
      return out.split('\n').filter(Boolean);
    },
    { staleMs: 10_000, waitMs: 600_000, displayPath: shownPath(root, cache) },
  );
}

async function fetchOrExplain(cache: string, component: string, url: string, args: string[]): Promise<void> {
  const result = await runGit(args, { cwd: cache });
  if (result.exitCode !== 0)
    throw new SeamlineError(
      `bisect: ${component}: could not fetch the history from ${redactUrl(url)}: ${result.stderr.split('\n').find((l) => l.trim()) ?? `exit ${result.exitCode}`}`,
    );
}

/** Subject, author name and date of a commit already in the pin cache (no email: verdicts go into public issues). */
export async function commitInfo(root: string, component: string, sha: string): Promise<CommitInfo> {
  const out = await git(['log', '-1', '--format=%H%x00%s%x00%an%x00%aI', sha], { cwd: pinCacheDir(root, component) });
  const [full, subject, author, date] = out.split('\0');
  return { sha: full, subject, author, date };
}
