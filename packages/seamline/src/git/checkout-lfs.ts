import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SeamlineError } from '../core/errors';
import { readBoundedFile } from '../fs/read-bounded';
import { shortSha } from '../core/tuple';
import { firstErrorLine, git, runGit } from './run-git';

/**
 * Git options that make a checkout without Git LFS's filter. Where git-lfs is set up (its
 * Debian and Ubuntu packages set it up for every user, GitHub's runners included), the
 * filter would otherwise download each LFS file during `git worktree add` from a server it
 * cannot find (the pin cache has no remote), and fail the checkout; where the setup names
 * a git-lfs that is not installed, it fails too. Without the filter the checkout holds the
 * pointer files, as on a machine without git-lfs: the same on every machine, and git-lfs is
 * not even started. `lfs: true` in component.yaml fetches the files afterwards (checkOutLfs).
 */
export const WITHOUT_LFS_FILTER = ['-c', 'filter.lfs.process=', '-c', 'filter.lfs.smudge=', '-c', 'filter.lfs.required=false'] as const;

/** The checkout's top-level .gitattributes sends files through Git LFS (where `git lfs track` writes). */
export function hasLfsFiles(dir: string): boolean {
  // Asked of every reused checkout: a stat, not a failed read (its error costs more), for the many without the file.
  const attributes = join(dir, '.gitattributes');
  return existsSync(attributes) && /\bfilter=lfs\b/.test(readBoundedFile(attributes) ?? '');
}

/** What a run's progress line says of a checkout left with LFS pointer files. */
export const lfsPointersNote = (component: string) => `Git LFS files left as pointers: set lfs: true in components/${component}/component.yaml to fetch them`;

/**
 * `git lfs pull` in a new checkout: the commit's LFS files, in one batch, from the
 * component's own LFS server (git-lfs finds it from the URL, or the commit's .lfsconfig)
 * with Seamline's git token, which goes to the GitHub server only, as for the commit
 * itself. The objects stay in the pin cache (`lfs/objects`), shared by every checkout of
 * the component. True when the commit has LFS files.
 */
export async function checkOutLfs(cache: string, dir: string, pin: { component: string; url: string; sha: string }): Promise<boolean> {
  if (!hasLfsFiles(dir)) return false;
  await git(['config', 'remote.origin.url', pin.url], { cwd: cache });
  const pulled = await runGit(['lfs', 'pull', 'origin'], { cwd: dir });
  if (pulled.exitCode === 0) return true;
  const missing = /'lfs' is not a git command/.test(pulled.stderr);
  throw new SeamlineError(
    missing
      ? `${pin.component}: lfs: true needs git-lfs, and this machine has none; install it (https://git-lfs.com), or set lfs: false`
      : `${pin.component}: the Git LFS files of ${shortSha(pin.sha)} could not be fetched (${firstErrorLine(pulled.stderr)}); ` +
          "check that this machine can reach the repository's LFS server, or set lfs: false",
    `components/${pin.component}/component.yaml`,
    'lfs',
  );
}
