import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRepo, gitIn, type TestRepo } from '../__fixtures__/git-repos';
import { firstParentCommits } from './history';

/** Bisect's history walk against a real repository: the commits it walks, and what it says when good does not lead to bad. */
describe('firstParentCommits', () => {
  let tmp: string;
  let root: string;
  let repo: TestRepo;
  const short = (sha: string) => sha.slice(0, 12);

  beforeEach(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'seamline-history-'));
    root = join(tmp, 'workspace');
    repo = await createRepo(join(tmp, 'remotes'), 'auth', [{ 'a.js': '1' }, { 'a.js': '2' }, { 'a.js': '3' }]);
  });
  afterEach(() => rm(tmp, { recursive: true, force: true }));

  it('walks good..bad, oldest first, ending at bad', async () => {
    expect(await firstParentCommits(root, 'auth', repo.url, repo.shas[0], repo.shas[2])).toEqual([repo.shas[1], repo.shas[2]]);
  });

  it('a bad run older than the known good is said to be so, not taken for rewritten history', async () => {
    await expect(firstParentCommits(root, 'auth', repo.url, repo.shas[2], repo.shas[0])).rejects.toThrow(
      `bisect: auth: the known good ${short(repo.shas[2])} is newer than ${short(repo.shas[0])}, so the run bisected is older than it; pass --good=<run id or manifest> of a passing run before that one`,
    );
  });

  it('a bad commit on a branch that left the known good behind is named as such', async () => {
    await gitIn(repo.dir, ['checkout', '-q', '-b', 'side', repo.shas[0]]);
    const side = await repo.commit({ 'b.js': 'side' }, 'on a side branch');
    await gitIn(repo.dir, ['checkout', '-q', 'main']);
    await expect(firstParentCommits(root, 'auth', repo.url, repo.shas[1], side)).rejects.toThrow(
      `bisect: auth: the known good ${short(repo.shas[1])} is not an ancestor of ${short(side)} (history rewritten, or ${short(side)} on a branch that left it behind); pass --good=<run id or manifest> with an ancestor`,
    );
  });
});
