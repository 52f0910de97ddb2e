import { redactUrl } from '../core/config/git-url';
import { SeamlineError } from '../core/errors';
import { shortSha } from '../core/tuple';
import { withFileLock } from '../fs/file-lock';
import { pinCacheDir, shownPath } from '../workspace/layout';
import { CacheDamage, dropIncompletePins, dropUnreadableLooseObjects, isMissingObject } from './cache-damage';
import { hasCommit, openCache } from './pin-cache';
import { firstErrorLine, git, GitCommandError, runGit } from './run-git';
import { refetching } from './refetch';

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
 * pin cache, under its lock. When git finds an object of that history
 * missing (a fetch was killed while its objects landed one by one), the
 * history is fetched once more, trusting nothing the cache has (`refetching`),
 * before failing.
 */
export async function firstParentCommits(root: string, component: string, url: string, good: string, bad: string, goodLabel = 'known good'): Promise<string[]> {
  const cache = pinCacheDir(root, component);
  return withFileLock(
    cache,
    async () => {
      await openCache(cache);
      try {
        return await walk(cache, component, url, good, bad, goodLabel);
      } catch (error) {
        if (!(error instanceof CacheDamage)) throw error;
        await dropUnreadableLooseObjects(cache, error.stderr);
      }
      await dropIncompletePins(cache);
      try {
        return await refetching(cache, (fresh) => walk(cache, component, url, good, bad, goodLabel, fresh));
      } catch (error) {
        if (!(error instanceof CacheDamage)) throw error;
        throw new SeamlineError(
          `bisect: ${component}: the history ${shortSha(good)}..${shortSha(bad)} is still incomplete in ${shownPath(root, cache)} after fetching it again (${firstErrorLine(error.stderr)}); ` +
            `check ${redactUrl(url)} with git fsck, or delete ${shownPath(root, cache)} to start the cache afresh`,
        );
      }
    },
    { staleMs: 10_000, waitMs: 600_000, displayPath: shownPath(root, cache) },
  );
}

/** `fresh`: fetch again with these arguments (see refetching), whatever the cache holds. */
async function walk(cache: string, component: string, url: string, good: string, bad: string, goodLabel: string, fresh?: string[]): Promise<string[]> {
  const refetch = fresh !== undefined;
  const shallow = (await git(['rev-parse', '--is-shallow-repository'], { cwd: cache })) === 'true';
  if (refetch || shallow || !(await hasCommit(cache, good)) || !(await hasCommit(cache, bad))) {
    await fetchOrExplain(cache, component, url, [
      'fetch',
      ...(fresh ?? []),
      '--no-tags',
      ...(shallow ? ['--unshallow'] : []),
      '--',
      url,
      '+refs/heads/*:refs/seamline/heads/*',
    ]);
  }
  // A bad SHA that is on no branch (a PR head, a deleted branch): fetch it by SHA with its history.
  if (!(await hasCommit(cache, bad)))
    await fetchOrExplain(cache, component, url, ['fetch', ...(fresh ?? []), '--no-tags', '--', url, `${bad}:refs/bisect/${bad}`]);
  for (const sha of [good, bad]) {
    if (!(await hasCommit(cache, sha))) throw new SeamlineError(`bisect: ${component}: commit ${sha} is not in ${redactUrl(url)}`);
  }
  const ancestor = await runGit(['merge-base', '--is-ancestor', good, bad], { cwd: cache });
  if (ancestor.exitCode !== 0 && isMissingObject(ancestor.stderr)) throw new CacheDamage(ancestor.stderr);
  if (ancestor.exitCode !== 0) {
    // The usual case is no rewrite at all: the bad run is older than the latest known good.
    const newer = await runGit(['merge-base', '--is-ancestor', bad, good], { cwd: cache });
    throw new SeamlineError(
      newer.exitCode === 0
        ? `bisect: ${component}: the ${goodLabel} ${shortSha(good)} is newer than ${shortSha(bad)}, so the run bisected is older than it; pass --good=<run id or manifest> of a passing run before that one`
        : `bisect: ${component}: the ${goodLabel} ${shortSha(good)} is not an ancestor of ${shortSha(bad)} (history rewritten, or ${shortSha(bad)} on a branch that left it behind); pass --good=<run id or manifest> with an ancestor`,
    );
  }
  const args = ['rev-list', '--first-parent', '--reverse', `${good}..${bad}`];
  const listed = await runGit(args, { cwd: cache });
  if (listed.exitCode !== 0) {
    if (isMissingObject(listed.stderr)) throw new CacheDamage(listed.stderr);
    throw new GitCommandError(args, listed);
  }
  return listed.stdout.split('\n').filter(Boolean);
}

async function fetchOrExplain(cache: string, component: string, url: string, args: string[]): Promise<void> {
  const result = await runGit(args, { cwd: cache });
  if (result.exitCode === 0) return;
  if (isMissingObject(result.stderr)) throw new CacheDamage(result.stderr);
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
