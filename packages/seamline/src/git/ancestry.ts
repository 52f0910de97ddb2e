import { redactUrl } from '../core/config/git-url';
import { SeamlineError } from '../core/errors';
import { shortSha } from '../core/tuple';
import { withFileLock } from '../fs/file-lock';
import { pinCacheDir, shownPath } from '../workspace/layout';
import { hasCommit, openCache } from './pin-cache';
import { classifyRemoteFailure } from './remote-errors';
import { firstErrorLine, git, runGit } from './run-git';

/**
 * Whether `ancestor` is `descendant` or one of its ancestors, in the component's
 * pin cache. Pins are fetched at depth 1, so the branches' history is fetched
 * (unshallowed) the first time a question needs it, as bisect does, under the
 * cache's lock.
 */
export async function isAncestor(
  root: string,
  component: string,
  url: string,
  ancestor: string,
  descendant: string,
  /** What the answer is for, in errors: who asks and why. */
  purpose = { who: 'prepare', why: 'to check a `when` on ancestry' },
): Promise<boolean> {
  const cache = pinCacheDir(root, component);
  return withFileLock(
    cache,
    async () => {
      await openCache(cache);
      const ask = () => runGit(['merge-base', '--is-ancestor', ancestor, descendant], { cwd: cache });
      const shallow = (await git(['rev-parse', '--is-shallow-repository'], { cwd: cache })) === 'true';
      if (!shallow && (await hasCommit(cache, ancestor)) && (await hasCommit(cache, descendant))) {
        const answer = await ask();
        if (answer.exitCode === 0 || answer.exitCode === 1) return answer.exitCode === 0;
      }
      const fetch = async (args: string[], sha?: string) => {
        const result = await runGit(['fetch', '--no-tags', ...args], { cwd: cache });
        // A commit the server will not serve is one it does not have: say that, not git's "not our ref".
        if (result.exitCode !== 0 && sha && classifyRemoteFailure(result.stderr) === 'sha-refused')
          throw new SeamlineError(
            `${purpose.who}: ${component}: commit ${sha} does not exist in ${redactUrl(url)} (not on any branch); check the SHA, or push the commit`,
          );
        if (result.exitCode !== 0)
          throw new SeamlineError(
            `${purpose.who}: ${component}: could not fetch the history from ${redactUrl(url)} ${purpose.why}: ${firstErrorLine(result.stderr) || `exit ${result.exitCode}`}`,
          );
      };
      const unshallow = shallow ? ['--unshallow'] : [];
      await fetch([...unshallow, '--', url, '+refs/heads/*:refs/seamline/heads/*']);
      for (const sha of [ancestor, descendant]) {
        if (!(await hasCommit(cache, sha))) await fetch(['--', url, `${sha}:refs/seamline/ancestry/${sha}`], sha);
        if (!(await hasCommit(cache, sha))) throw new SeamlineError(`${purpose.who}: ${component}: commit ${shortSha(sha)} is not in ${redactUrl(url)}`);
      }
      const answer = await ask();
      if (answer.exitCode === 0 || answer.exitCode === 1) return answer.exitCode === 0;
      throw new SeamlineError(`${purpose.who}: ${component}: git merge-base failed in ${shownPath(root, cache)}: ${firstErrorLine(answer.stderr)}`);
    },
    { staleMs: 10_000, waitMs: 600_000, displayPath: shownPath(root, cache) },
  );
}
