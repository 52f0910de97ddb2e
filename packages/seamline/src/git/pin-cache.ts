import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { SeamlineError } from '../core/errors';
import { redactUrl } from '../core/config/git-url';
import { shortSha } from '../core/tuple';
import { writeFileAtomic } from '../fs/atomic-write';
import { withFileLock } from '../fs/file-lock';
import { placeCheckoutsOutside } from '../fs/checkouts-outside';
import { checkoutDir, checkoutMarker, checkoutName, pinCacheDir, shownPath } from '../workspace/layout';
import { checkOutLfs, hasLfsFiles, lfsPointersNote, WITHOUT_LFS_FILTER } from './checkout-lfs';
import { CacheDamage, dropIncompletePins, dropUnreadableLooseObjects, isMissingObject, pinComplete, pinProblem } from './cache-damage';
import { classifyRemoteFailure, isTransient, remoteError, withRetries } from './remote-errors';
import { firstErrorLine, git, GitCommandError, runGit } from './run-git';
import { refetching } from './refetch';
import { reconnectCheckouts } from './relocated-checkouts';
import { letGitRead, refusedOwnership } from './ownership';

export interface PinRequest {
  component: string;
  url: string;
  sha: string;
  /** Also check out the commit's git submodules (component.yaml `submodules: true`). */
  submodules?: boolean;
  /** Also fetch the commit's Git LFS files (component.yaml `lfs: true`). */
  lfs?: boolean;
}

export interface MaterializedPin extends PinRequest {
  dir: string;
  /** fetched: git talked to the remote; cached: the pin was already here. */
  status: 'fetched' | 'cached';
  attempts: number;
  /** What the checkout holds beyond the commit's own files (`submodules`, `lfs`): it may hold more than was asked. */
  extras: string[];
  /** Something the checkout lacks that its component may want, for the progress line. */
  note?: string;
}

export interface PinCacheOptions {
  /** How long to wait for another process working on the same component. */
  lockWaitMs?: number;
  /** After how long a lock whose holder died is taken over. */
  lockStaleMs?: number;
  /** Attempts for transient network failures. */
  attempts?: number;
  retryDelayMs?: number;
}

/** `.seamline/checkouts` and the package store outside the workspace, settled after a move or a copy: once per process, then an lstat and a stat. */
export const placeCheckouts = (root: string): Promise<void> => placeCheckoutsOutside(root, (how) => reconnectCheckouts(root, how));

/**
 * Make `<component>@<sha>` available as an immutable worktree under
 * `.seamline/checkouts/`. A complete checkout is reused without touching git;
 * otherwise, under the component's lock, the commit is fetched into the
 * component's bare pin cache (depth 1 by SHA, or a full fetch when the server
 * refuses that) and checked out with `git worktree add --detach`.
 *
 * A pin is used only once its objects are verified (`pinComplete`): a fetch
 * killed while `unpack-objects` ran leaves the commit without its tree, which
 * must not pass for a pin. When git still finds an object missing (the
 * verification, the fetch or the checkout says so), the pin is fetched again,
 * once, trusting nothing the cache has (`refetching`), before failing
 * with one line.
 */
export async function materializePin(root: string, pin: PinRequest, options: PinCacheOptions = {}): Promise<MaterializedPin> {
  // Before a checkout is looked for: one an older Seamline made under the workspace moves out first.
  await placeCheckouts(root);
  const dir = checkoutDir(root, pin.component, pin.sha);
  const result = (status: MaterializedPin['status'], attempts: number, extras: string[]): MaterializedPin => ({
    ...pin,
    dir,
    status,
    attempts,
    extras,
    // A checkout of LFS pointers says so on every run, not only the one that made it.
    ...(!extras.includes('lfs') && hasLfsFiles(dir) ? { note: lfsPointersNote(pin.component) } : {}),
  });
  // The marker says the checkout was made, and with what; the folder must still be there (someone may have
  // deleted it by hand), and hold what the pin asks for beyond the commit (a checkout without it is made again).
  const reusable = (): MaterializedPin | undefined => {
    const extras = markerExtras(root, pin);
    const complete =
      extras !== undefined && existsSync(join(dir, '.git')) && worktreeRegistered(root, pin) && checkoutExtras(pin).every((extra) => extras.includes(extra));
    return complete ? result('cached', 0, extras) : undefined;
  };
  const reused = reusable();
  if (reused) return reused;

  const cache = pinCacheDir(root, pin.component);
  return withFileLock(
    cache,
    async (assertHeld) => {
      // Checked again under the lock: another process may have just finished it.
      const reusedNow = reusable();
      if (reusedNow) return reusedNow;
      // A marker without its folder is made again: the marker goes first, so no one trusts it meanwhile.
      await rm(checkoutMarker(root, pin.component, pin.sha), { force: true });
      // A cache made just now holds no object and no ref: nothing to check or drop before the first fetch.
      const fresh = await openCache(cache);
      let attempts = 0;
      const prepare = async (refetch: boolean): Promise<MaterializedPin['status']> => {
        let status: MaterializedPin['status'] = 'cached';
        if (refetch || fresh || !(await pinComplete(cache, pin.sha))) {
          // A ref at an incomplete commit would be offered to the server as a "have": drop it first.
          if (refetch || !fresh) await runGit(['update-ref', '-d', `refs/pins/${pin.sha}`], { cwd: cache });
          attempts += refetch ? await refetching(cache, (args) => fetchPin(cache, pin, options, args)) : await fetchPin(cache, pin, options, []);
          status = 'fetched';
          const problem = await pinProblem(cache, pin.sha);
          if (problem) throw new CacheDamage(problem);
        }
        await git(['update-ref', `refs/pins/${pin.sha}`, pin.sha], { cwd: cache });
        assertHeld();
        // Submodules or LFS files fetched for the checkout count as fetching, though the commit was cached.
        return (await addWorktree(root, cache, pin)) ? 'fetched' : status;
      };
      const done = (status: MaterializedPin['status']) => result(status, attempts, checkoutExtras(pin));
      try {
        return done(await prepare(false));
      } catch (error) {
        if (!(error instanceof CacheDamage)) throw error;
        await dropUnreadableLooseObjects(cache, error.stderr);
      }
      await dropIncompletePins(cache);
      try {
        return done(await prepare(true));
      } catch (error) {
        if (!(error instanceof CacheDamage)) throw error;
        const shown = shownPath(root, cache);
        throw new SeamlineError(
          `${pin.component}: commit ${shortSha(pin.sha)} is still incomplete in the pin cache after fetching it again (${firstErrorLine(error.stderr)}); ` +
            `check ${redactUrl(pin.url)} with git fsck, or delete ${shown} to start the cache afresh`,
          `components/${pin.component}/component.yaml`,
        );
      }
    },
    { staleMs: options.lockStaleMs ?? 10_000, waitMs: options.lockWaitMs ?? 600_000, displayPath: shownPath(root, cache) },
  );
}

/**
 * Create the bare cache, or repair one a killed run left half-made, and clear
 * what a killed git left behind. Call under the lock. A new cache is made in
 * a temp dir and renamed into place, so it is complete or absent. True when it was made now.
 */
export async function openCache(cache: string): Promise<boolean> {
  const bare = existsSync(join(cache, 'HEAD')) ? await runGit(['rev-parse', '--is-bare-repository'], { cwd: cache }) : undefined;
  const owner = bare && refusedOwnership(bare.stderr);
  if (owner) {
    // Whole, only another user's: made again, it would lose every pin in it (and that user's checkouts).
    throw new SeamlineError(
      `git refuses the pin cache ${owner}: another user owns it (detected dubious ownership); run as that user, delete it to start afresh, or ${letGitRead(owner)}`,
    );
  }
  const healthy = bare?.stdout.trim() === 'true';
  if (!healthy) {
    await rm(cache, { recursive: true, force: true });
    const tmp = `${cache}.init-${process.pid}`;
    await rm(tmp, { recursive: true, force: true });
    await mkdir(tmp, { recursive: true });
    await git(['init', '--bare', '--quiet'], { cwd: tmp });
    // The cache only ever holds pins; never let gc drop a pin or prune a live worktree.
    await git(['config', 'gc.auto', '0'], { cwd: tmp });
    await rename(tmp, cache);
  }
  await removeStaleGitLocks(cache);
  await removeKilledGitLeftovers(cache);
  return !healthy;
}

/**
 * Every git process on a pin cache runs under the component's lock, so a git
 * `*.lock` file found while holding it belongs to a git that was killed.
 */
export async function removeStaleGitLocks(cache: string): Promise<string[]> {
  const removed: string[] = [];
  const visit = async (dir: string, depth: number): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && depth < 6 && entry.name !== 'objects') await visit(path, depth + 1);
      else if (entry.isFile() && entry.name.endsWith('.lock')) {
        await rm(path, { force: true });
        removed.push(path);
      }
    }
  };
  await visit(cache, 0);
  return removed;
}

/**
 * What a git killed mid-fetch leaves under `objects/`: temp files of a pack
 * being written (`tmp_pack_*`, `tmp_idx_*`, ...), of a loose object
 * (`objects/xx/tmp_obj_*`), and a pack renamed into place whose index never
 * was (git reads a pack only through its `.idx`, written last). Git never uses
 * them, but they can be as large as the pack. Call under the lock, like
 * `removeStaleGitLocks`.
 */
export async function removeKilledGitLeftovers(cache: string): Promise<string[]> {
  const removed: string[] = [];
  const remove = async (path: string) => {
    await rm(path, { force: true });
    removed.push(path);
  };
  const objects = join(cache, 'objects');
  const packDir = join(objects, 'pack');
  const packFiles = await readdir(packDir).catch(() => [] as string[]);
  const indexed = new Set(packFiles.filter((name) => name.endsWith('.idx')).map((name) => name.slice(0, -'.idx'.length)));
  for (const name of packFiles) {
    const base = /^(pack-[0-9a-f]+)\.(pack|rev|keep|promisor|mtimes|bitmap)$/.exec(name)?.[1];
    if (name.startsWith('tmp_') || (base && !indexed.has(base))) await remove(join(packDir, name));
  }
  for (const entry of await readdir(objects, { withFileTypes: true }).catch(() => [])) {
    if (!entry.isDirectory() || !/^[0-9a-f]{2}$/.test(entry.name)) continue;
    for (const name of await readdir(join(objects, entry.name)).catch(() => [] as string[])) {
      if (name.startsWith('tmp_obj_')) await remove(join(objects, entry.name, name));
    }
  }
  return removed;
}

export async function hasCommit(cache: string, sha: string): Promise<boolean> {
  return (await runGit(['cat-file', '-e', `${sha}^{commit}`], { cwd: cache })).exitCode === 0;
}

/**
 * Fetch one commit by SHA at depth 1; fall back to a full fetch when the server
 * refuses. `fresh`: the arguments that make it trust nothing the cache has
 * (see refetching), or none. A fetch that fails on a missing object is cache
 * damage (CacheDamage), not a remote failure.
 */
async function fetchPin(cache: string, pin: PinRequest, options: PinCacheOptions, fresh: string[]): Promise<number> {
  const attempt = (args: string[]) =>
    withRetries(
      async () => {
        const result = await runGit(args, { cwd: cache });
        if (result.exitCode !== 0) throw new GitCommandError(args, result);
      },
      (error) => error instanceof GitCommandError && isTransient(classifyRemoteFailure(error.result.stderr)),
      options.attempts ?? 3,
      options.retryDelayMs ?? 500,
    );
  const fail = (error: unknown): never => {
    if (!(error instanceof GitCommandError)) throw error;
    if (isMissingObject(error.result.stderr)) throw new CacheDamage(error.result.stderr);
    const failure = classifyRemoteFailure(error.result.stderr);
    throw remoteError(pin.component, pin.url, failure, error.result.stderr, (error as { attempts?: number }).attempts);
  };

  try {
    return (await attempt(['fetch', ...fresh, '--no-tags', '--depth', '1', '--', pin.url, `${pin.sha}:refs/pins/${pin.sha}`])).attempts;
  } catch (error) {
    if (!(error instanceof GitCommandError) || classifyRemoteFailure(error.result.stderr) !== 'sha-refused') fail(error);
  }
  // The server will not serve a SHA it does not advertise (or does not have it): fetch every branch.
  const shallow = (await git(['rev-parse', '--is-shallow-repository'], { cwd: cache })) === 'true';
  const full = ['fetch', ...fresh, '--no-tags', ...(shallow ? ['--unshallow'] : []), '--', pin.url, '+refs/heads/*:refs/seamline/heads/*'];
  const { attempts } = await attempt(full).catch(fail);
  if (!(await hasCommit(cache, pin.sha))) {
    throw new SeamlineError(
      `${pin.component}: commit ${pin.sha} does not exist in ${redactUrl(pin.url)} (not on any branch); check the SHA, or push the commit`,
      `components/${pin.component}/component.yaml`,
    );
  }
  return attempts + 1;
}

/** `git worktree add --detach`, replacing whatever a killed run left at that path; true when it fetched submodules or LFS files. */
async function addWorktree(root: string, cache: string, pin: PinRequest): Promise<boolean> {
  const dir = checkoutDir(root, pin.component, pin.sha);
  if (existsSync(dir)) {
    await rm(dir, { recursive: true, force: true });
  }
  // `git worktree add` locks the entry it is creating and unlocks it when done; prune skips a locked
  // entry, and add refuses its path. The cache's worktrees are never locked otherwise: a lock is a killed add's.
  const entries = await readdir(join(cache, 'worktrees')).catch(() => [] as string[]);
  for (const entry of entries) {
    await rm(join(cache, 'worktrees', entry, 'locked'), { force: true });
  }
  // Prune looks only at those entries: with none there is nothing to prune (the first pin of a cache).
  if (entries.length > 0) await git(['worktree', 'prune'], { cwd: cache });
  const args = [...WITHOUT_LFS_FILTER, 'worktree', 'add', '--detach', '--quiet', '--', dir, pin.sha];
  const added = await runGit(args, { cwd: cache });
  if (added.exitCode !== 0) {
    await dropCheckout(cache, dir);
    if (isMissingObject(added.stderr)) throw new CacheDamage(added.stderr);
    throw new GitCommandError(args, added);
  }
  const head = await git(['rev-parse', 'HEAD'], { cwd: dir });
  if (head !== pin.sha) throw new SeamlineError(`${pin.component}: checkout ${dir} is at ${shortSha(head)}, expected ${shortSha(pin.sha)}`);
  let fetched = false;
  try {
    if (pin.submodules) fetched = await checkOutSubmodules(cache, dir, pin);
    if (pin.lfs) fetched = (await checkOutLfs(cache, dir, pin)) || fetched;
  } catch (error) {
    await dropCheckout(cache, dir);
    throw error;
  }
  await writeFileAtomic(checkoutMarker(root, pin.component, pin.sha), [pin.sha, ...checkoutExtras(pin), ''].join('\n'));
  return fetched;
}

/**
 * Whether the pin cache still has the checkout's worktree entry (git names it after the
 * checkout's folder, `<component>@<sha>`, unique in its cache). Checkouts live outside the
 * workspace, so `rm -rf .seamline` takes the pin caches and leaves them: such a checkout is made
 * again, not reused without its repository. One stat: this runs for every pin of every run.
 */
const worktreeRegistered = (root: string, pin: PinRequest): boolean =>
  existsSync(join(pinCacheDir(root, pin.component), 'worktrees', checkoutName(pin.component, pin.sha)));

/** What git wrote of a checkout that failed goes: the next attempt starts from nothing. */
async function dropCheckout(cache: string, dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await runGit(['worktree', 'prune'], { cwd: cache });
}

/** What a checkout holds beyond the commit's own files (the marker's lines after the SHA). */
const checkoutExtras = (pin: PinRequest): string[] => [...(pin.submodules ? ['submodules'] : []), ...(pin.lfs ? ['lfs'] : [])];

/** What the checkout's marker says it holds beyond the commit's files; undefined without a marker (not made, or gone: gc). */
function markerExtras(root: string, pin: PinRequest): string[] | undefined {
  const marker = checkoutMarker(root, pin.component, pin.sha);
  try {
    // Asked of every reused checkout, most of them with nothing beyond the commit: a marker of just
    // `<sha>\n` is known by its size, one stat, as before there were extras.
    const stat = statSync(marker, { throwIfNoEntry: false });
    if (!stat) return undefined;
    if (stat.size === pin.sha.length + 1) return [];
    return readFileSync(marker, 'utf8').split('\n').slice(1).filter(Boolean);
  } catch {
    return undefined; // gone meanwhile (gc)
  }
}

/**
 * `git submodule update --init --recursive` in a new checkout, each submodule at depth 1
 * (when a server will not serve a recorded commit that way, every submodule is cloned whole).
 * Relative submodule URLs resolve against the component's URL. A file:// submodule is
 * fetched only for a file:// component: git refuses that transport to submodules by
 * default, and a commit under test must not reach into this machine's other repositories.
 * For the same reason Seamline's git token is not sent: a PR could name any repository
 * the token can read as a submodule and have its code read it from the checkout.
 */
async function checkOutSubmodules(cache: string, dir: string, pin: PinRequest): Promise<boolean> {
  if (!existsSync(join(dir, '.gitmodules'))) return false;
  await git(['config', 'remote.origin.url', pin.url], { cwd: cache });
  const local = pin.url.startsWith('file:') ? ['-c', 'protocol.file.allow=always'] : [];
  const update = (depth: string[]) =>
    withRetries(
      async () => {
        const args = [...WITHOUT_LFS_FILTER, ...local, 'submodule', 'update', '--init', '--recursive', ...depth, '--jobs', '4'];
        // Never with Seamline's token: the commit under test chooses these URLs, and the token reads every component.
        const result = await runGit(args, { cwd: dir, withoutToken: true });
        if (result.exitCode !== 0) throw new GitCommandError(args, result);
      },
      (error) => error instanceof GitCommandError && isTransient(classifyRemoteFailure(error.result.stderr)),
    );
  // What a failed shallow update cloned goes, so the full one starts from nothing.
  const full = async () => {
    await runGit([...local, 'submodule', 'deinit', '--all', '--force'], { cwd: dir });
    await rm(join(await git(['rev-parse', '--absolute-git-dir'], { cwd: dir }), 'modules'), { recursive: true, force: true });
    await update([]);
  };
  try {
    await update(['--depth', '1']).catch(full);
  } catch (error) {
    if (!(error instanceof GitCommandError)) throw error;
    throw new SeamlineError(
      `${pin.component}: the submodules of ${shortSha(pin.sha)} could not be checked out (${firstErrorLine(error.result.stderr)}); ` +
        'check .gitmodules at that commit and that this machine can fetch them, or set submodules: false',
      `components/${pin.component}/component.yaml`,
      'submodules',
    );
  }
  return true;
}
