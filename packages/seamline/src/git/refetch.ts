import { gitAtLeast, gitVersion } from './git-version';
import { git } from './run-git';

/**
 * Fetch again trusting nothing the cache has, as a fresh clone would: the way
 * a damaged pin cache heals (a ref that points at an incomplete commit makes
 * git offer it as a "have", or skip a wanted commit as one it already has).
 * `fetch` gets the arguments that make its `git fetch` do that.
 *
 * From git 2.36 on that is `--refetch`. An older git (Ubuntu 22.04's 2.34,
 * Debian 11's 2.30) has no such option, and two things make it trust the cache:
 * - its refs: git offers their commits as "haves", and takes them and their
 *   history as complete. They are set aside for the fetch, and those the fetch
 *   did not make again are put back after. A run killed in between loses only
 *   refs: a pin is found by its objects, not its ref, so at worst an old pin is
 *   fetched again.
 * - a checkout's HEAD (a worktree of the cache), which cannot be set aside:
 *   before fetching, git skips a fetch whose commits look connected to it. A
 *   fetch that deepens never skips, so a complete cache gets the infinite
 *   depth `--unshallow` stands for (a shallow one gets `--unshallow` itself,
 *   or `--depth 1`, from the caller), which changes nothing else there.
 */
export async function refetching<T>(cache: string, fetch: (args: string[]) => Promise<T>): Promise<T> {
  if (gitAtLeast(await gitVersion(), 2, 36)) return fetch(['--refetch']);
  const shallow = (await git(['rev-parse', '--is-shallow-repository'], { cwd: cache })) === 'true';
  const before = await refs(cache);
  await updateRefs(
    cache,
    [...before.keys()].map((ref) => `delete ${ref}\n`),
  );
  try {
    return await fetch(shallow ? [] : [`--depth=${INFINITE_DEPTH}`]);
  } finally {
    const now = await refs(cache);
    await updateRefs(
      cache,
      [...before].filter(([ref]) => !now.has(ref)).map(([ref, sha]) => `create ${ref} ${sha}\n`),
    );
  }
}

/** What git's `--unshallow` means: a depth no history reaches. */
const INFINITE_DEPTH = 2147483647;

async function refs(cache: string): Promise<Map<string, string>> {
  const listed = await git(['for-each-ref', '--format=%(refname) %(objectname)'], { cwd: cache });
  return new Map(
    listed
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(' ') as [string, string]),
  );
}

async function updateRefs(cache: string, lines: string[]): Promise<void> {
  if (lines.length === 0) return;
  await git(['update-ref', '--stdin'], { cwd: cache, input: lines.join('') });
}
