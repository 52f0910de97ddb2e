import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { SeamlineError } from '../core/errors';
import { redactUrl } from '../core/config/git-url';
import { shortSha } from '../core/tuple';
import { writeFileAtomic } from '../fs/atomic-write';
import { withFileLock } from '../fs/file-lock';
import { checkoutDir, checkoutMarker, checkoutsRoot, pinCacheDir, shownPath } from '../workspace/layout';
import { classifyRemoteFailure, isTransient, remoteError, withRetries } from './remote-errors';
import { git, GitCommandError, runGit } from './run-git';

export interface PinRequest {
  component: string;
  url: string;
  sha: string;
}

export interface MaterializedPin extends PinRequest {
  dir: string;
  /** fetched: git talked to the remote; cached: the pin was already here. */
  status: 'fetched' | 'cached';
  attempts: number;
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

/**
 * Make `<component>@<sha>` available as an immutable worktree under
 * `.seamline/checkouts/`. A complete checkout is reused without touching git;
 * otherwise, under the component's lock, the commit is fetched into the
 * component's bare pin cache (depth 1 by SHA, or a full fetch when the server
 * refuses that) and checked out with `git worktree add --detach`.
 */
export async function materializePin(root: string, pin: PinRequest, options: PinCacheOptions = {}): Promise<MaterializedPin> {
  const dir = checkoutDir(root, pin.component, pin.sha);
  if (existsSync(checkoutMarker(root, pin.component, pin.sha))) return { ...pin, dir, status: 'cached', attempts: 0 };

  const cache = pinCacheDir(root, pin.component);
  await mkdir(checkoutsRoot(root), { recursive: true });
  return withFileLock(
    cache,
    async (assertHeld) => {
      // Checked again under the lock: another process may have just finished it.
      if (existsSync(checkoutMarker(root, pin.component, pin.sha))) return { ...pin, dir, status: 'cached' as const, attempts: 0 };
      await openCache(cache);
      let status: MaterializedPin['status'] = 'cached';
      let attempts = 0;
      if (!(await hasCommit(cache, pin.sha))) {
        attempts = await fetchPin(cache, pin, options);
        status = 'fetched';
      }
      await git(['update-ref', `refs/pins/${pin.sha}`, pin.sha], { cwd: cache });
      assertHeld();
      await addWorktree(root, cache, pin);
      return { ...pin, dir, status, attempts };
    },
    { staleMs: options.lockStaleMs ?? 10_000, waitMs: options.lockWaitMs ?? 600_000, displayPath: shownPath(root, cache) },
  );
}

/**
 * Create the bare cache, or repair one a killed run left half-made, and clear
 * what a killed git left behind. Call under the lock. A new cache is made in
 * a temp dir and renamed into place, so it is complete or absent.
 */
export async function openCache(cache: string): Promise<void> {
  const healthy = existsSync(join(cache, 'HEAD')) && (await runGit(['rev-parse', '--is-bare-repository'], { cwd: cache })).stdout.trim() === 'true';
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

export async function hasCommit(cache: string, sha: string): Promise<boolean> {
  return (await runGit(['cat-file', '-e', `${sha}^{commit}`], { cwd: cache })).exitCode === 0;
}

/** Fetch one commit by SHA at depth 1; fall back to a full fetch when the server refuses. */
async function fetchPin(cache: string, pin: PinRequest, options: PinCacheOptions): Promise<number> {
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
    const failure = classifyRemoteFailure(error.result.stderr);
    throw remoteError(pin.component, pin.url, failure, error.result.stderr, (error as { attempts?: number }).attempts);
  };

  try {
    return (await attempt(['fetch', '--no-tags', '--depth', '1', pin.url, `${pin.sha}:refs/pins/${pin.sha}`])).attempts;
  } catch (error) {
    if (!(error instanceof GitCommandError) || classifyRemoteFailure(error.result.stderr) !== 'sha-refused') fail(error);
  }
  // The server will not serve a SHA it does not advertise (or does not have it): fetch every branch.
  const shallow = (await git(['rev-parse', '--is-shallow-repository'], { cwd: cache })) === 'true';
  const full = ['fetch', '--no-tags', ...(shallow ? ['--unshallow'] : []), pin.url, '+refs/heads/*:refs/seamline/heads/*'];
  const { attempts } = await attempt(full).catch(fail);
  if (!(await hasCommit(cache, pin.sha))) {
    throw new SeamlineError(
      `${pin.component}: commit ${pin.sha} does not exist in ${redactUrl(pin.url)} (not on any branch); check the SHA, or push the commit`,
      `components/${pin.component}/component.yaml`,
    );
  }
  return attempts + 1;
}

/** `git worktree add --detach`, replacing whatever a killed run left at that path. */
async function addWorktree(root: string, cache: string, pin: PinRequest): Promise<void> {
  const dir = checkoutDir(root, pin.component, pin.sha);
  if (existsSync(dir)) {
    await rm(dir, { recursive: true, force: true });
  }
  await git(['worktree', 'prune'], { cwd: cache });
  await git(['worktree', 'add', '--detach', '--quiet', dir, pin.sha], { cwd: cache });
  const head = await git(['rev-parse', 'HEAD'], { cwd: dir });
  if (head !== pin.sha) throw new SeamlineError(`${pin.component}: checkout ${dir} is at ${shortSha(head)}, expected ${shortSha(pin.sha)}`);
  await writeFileAtomic(checkoutMarker(root, pin.component, pin.sha), `${pin.sha}\n`);
}
