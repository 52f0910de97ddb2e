import { realpathSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRepo, gitIn, type TestRepo } from '../__fixtures__/git-repos';
import { choosePrepare } from '../prepare/choose-prepare';
import { pinCacheDir } from '../workspace/layout';
import { materializePins } from './materialize';
import { refusedOwnership } from './ownership';
import { runGit } from './run-git';

jest.setTimeout(60_000);

/**
 * A pin cache or checkout another user owns (a container, or a CI agent that
 * runs as someone else), which git 2.35.2 and later refuse as "dubious
 * ownership". Git's own test switch makes it refuse here as it would there.
 */
describe('a pin cache and checkouts git refuses (another user owns them)', () => {
  let tmp: string;
  let root: string;
  let repo: TestRepo;
  let saved: NodeJS.ProcessEnv;
  beforeEach(async () => {
    saved = { ...process.env };
    tmp = await mkdtemp(join(tmpdir(), 'seamline-owner-'));
    root = join(tmp, 'workspace');
    repo = await createRepo(join(tmp, 'remotes'), 'auth', [
      { 'package.json': '{"name":"@acme/auth"}', 'package-lock.json': '{"lockfileVersion":3}' },
      { 'a.js': '2' },
    ]);
  });
  afterEach(async () => {
    process.env = saved;
    await rm(tmp, { recursive: true, force: true });
  });
  const pin = (i: number) => ({ component: 'auth', url: repo.url, sha: repo.shas[i] });
  const refuse = () => (process.env.GIT_TEST_ASSUME_DIFFERENT_OWNER = '1');

  it('keeps the cache with every pin in it, and stops on one line naming git’s way to trust it', async () => {
    await materializePins(root, [pin(0)]);
    refuse();
    const cache = pinCacheDir(root, 'auth');
    await expect(materializePins(root, [pin(1)])).rejects.toThrow(
      `git refuses the pin cache ${cache}: another user owns it (detected dubious ownership); run as that user, delete it to start afresh, or let git read it (git config --global --add safe.directory ${cache})`,
    );
    // Do what the line says (with a HOME of the test's own): nothing was lost, the first pin is still in the cache.
    process.env.HOME = join(tmp, 'home');
    await mkdir(process.env.HOME);
    const trust = (path: string) => gitIn(tmp, ['config', '--global', '--add', 'safe.directory', path]);
    await trust(cache);
    expect(await gitIn(cache, ['for-each-ref', '--format=%(refname)', 'refs/pins/'])).toBe(`refs/pins/${repo.shas[0]}`);
    // The component's repository is refused as well by the git of Debian 12 (2.39.5) and older: a file:// URL
    // to another user's repository, or a share. Newer git (2.55 checked) serves a fetch from it.
    const remote = `${repo.dir}/.git`;
    const asked = await runGit(['ls-remote', repo.url]);
    if (refusedOwnership(asked.stderr)) {
      await expect(materializePins(root, [pin(1)])).rejects.toThrow(
        `auth: git refuses ${remote}: another user owns it (detected dubious ownership); if you trust its owner, let git read it (git config --global --add safe.directory ${remote})`,
      );
      await trust(remote);
    } else expect(asked.exitCode).toBe(0);
    // The switch makes git refuse even the checkout this run makes; a real other user's cache does not.
    delete process.env.GIT_TEST_ASSUME_DIFFERENT_OWNER;
    const [second] = await materializePins(root, [pin(1)]);
    expect(second.status).toBe('fetched');
  });

  it('never takes a refused checkout for one without package.json: choosing its prepare fails with git’s reason', async () => {
    const [checkout] = await materializePins(root, [pin(0)]);
    const auto = () => choosePrepare({ component: 'auth', sha: repo.shas[0], dir: checkout.dir }, [{ run: 'auto' }], async () => true);
    expect((await auto()).commands.map((c) => c.join(' '))).toEqual(['npm ci --ignore-scripts --no-audit --no-fund']);
    refuse();
    await expect(auto()).rejects.toThrow(
      // git names the checkout by its real path (outside the workspace, behind .seamline/checkouts).
      `git ls-tree failed: detected dubious ownership in repository at '${realpathSync(checkout.dir)}'; if you trust its owner, let git read it (git config --global --add safe.directory ${realpathSync(checkout.dir)})`,
    );
  });
});
