import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** The author and committer of every test commit. */
export const gitAuthorEnv = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
};

export async function gitIn(cwd: string, args: string[]): Promise<string> {
  const { execa } = await import('execa');
  return (await execa('git', args, { cwd, env: gitAuthorEnv })).stdout.trim();
}

export interface TestRepo {
  dir: string;
  url: string;
  /** SHAs of the commits, oldest first. */
  shas: string[];
  commit(files: Record<string, string>, message?: string): Promise<string>;
}

/**
 * Real git repositories for tests, served over file:// URLs with
 * `uploadpack.allowAnySHA1InWant` set, as GitHub serves any SHA.
 */
export async function createRepo(parent: string, name: string, commits: Record<string, string>[], options: { allowAnySha?: boolean } = {}): Promise<TestRepo> {
  const dir = join(parent, `${name}.git`);
  await mkdir(dir, { recursive: true });
  // Not `init -b main` (git 2.28): the git specs also run by hand on older releases (docs/compatibility.md#git).
  await gitIn(dir, ['init', '-q']);
  await gitIn(dir, ['symbolic-ref', 'HEAD', 'refs/heads/main']);
  if (options.allowAnySha !== false) await gitIn(dir, ['config', 'uploadpack.allowAnySHA1InWant', 'true']);
  const repo: TestRepo = {
    dir,
    url: `file://${dir}`,
    shas: [],
    async commit(files, message = `change ${repo.shas.length + 1}`) {
      for (const [path, text] of Object.entries(files)) {
        await mkdir(dirname(join(dir, path)), { recursive: true });
        await writeFile(join(dir, path), text);
      }
      await gitIn(dir, ['add', '-A']);
      await gitIn(dir, ['commit', '-q', '--allow-empty', '-m', message]);
      const sha = await gitIn(dir, ['rev-parse', 'HEAD']);
      repo.shas.push(sha);
      return sha;
    },
  };
  for (const files of commits) await repo.commit(files);
  return repo;
}
