import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/**
 * Puts first on PATH a `git` that answers `--version` as an older release
 * and hands every other command to this machine's git: the paths Seamline
 * takes for an older git (no `--refetch`, no GIT_CONFIG_COUNT) then run
 * against real git, here in CI. The releases themselves are checked by hand
 * (docs/compatibility.md). Returns what puts PATH back.
 */
export async function claimGitVersion(version: string): Promise<() => Promise<void>> {
  const real = realGitPath();
  const dir = await mkdtemp(join(tmpdir(), 'seamline-git-'));
  const script = ['#!/bin/sh', `if [ "$1" = "--version" ]; then echo 'git version ${version}'; exit 0; fi`, `exec '${real}' "$@"`, ''].join('\n');
  await writeFile(join(dir, 'git'), script, { mode: 0o755 });
  const saved = process.env.PATH;
  process.env.PATH = [dir, saved].filter(Boolean).join(delimiter);
  return async () => {
    process.env.PATH = saved;
    await rm(dir, { recursive: true, force: true });
  };
}

/** This machine's git binary, for a wrapper on PATH to hand commands to: git's exec path holds it, whatever PATH finds first. */
export const realGitPath = (): string => join(execFileSync('git', ['--exec-path'], { encoding: 'utf8' }).trim(), 'git');
