import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRepo, gitIn, type TestRepo } from '../__fixtures__/git-repos';
import { startGitHttpServer } from '../__fixtures__/git-http-server';
import { checkoutDir, checkoutMarker } from '../workspace/layout';
import { lfsPointersNote } from './checkout-lfs';
import { materializePins } from './materialize';

jest.setTimeout(60_000);

const POINTER = 'version https://git-lfs.github.com/spec/v1\n';

/**
 * Git LFS with the real git-lfs: api's first commit predates LFS, its second tracks
 * *.bin with it. git-lfs's filter is set up as `git lfs install` (or the Debian and
 * Ubuntu package, GitHub's runners included) sets it up, in a global config of the test's own.
 */
describe('materializePins with Git LFS', () => {
  let tmp: string;
  let root: string;
  let api: TestRepo;
  let saved: NodeJS.ProcessEnv;

  beforeAll(() => {
    try {
      execFileSync('git', ['lfs', 'version'], { stdio: 'ignore' });
    } catch {
      throw new Error('these tests need git-lfs (Debian: apt-get install git-lfs; .ci/run installs it)');
    }
  });

  beforeEach(async () => {
    saved = { ...process.env };
    tmp = await mkdtemp(join(tmpdir(), 'seamline-lfs-'));
    root = join(tmp, 'workspace');
    await mkdir(root);
    const globalConfig = join(tmp, 'gitconfig');
    await writeFile(globalConfig, '');
    Object.assign(process.env, { GIT_CONFIG_GLOBAL: globalConfig, GIT_CONFIG_NOSYSTEM: '1' });
    await gitIn(tmp, ['lfs', 'install', '--skip-repo']);
    api = await createRepo(join(tmp, 'remotes'), 'api', [{ 'README.md': 'api\n' }]);
    await gitIn(api.dir, ['lfs', 'track', '*.bin']);
    await api.commit({ 'logo.bin': 'logo v1\n' }, 'logo in LFS');
  });
  afterEach(async () => {
    // Nothing to undo when beforeAll stopped for want of git-lfs: its one line stays the only error.
    if (!saved) return;
    process.env = saved;
    await rm(tmp, { recursive: true, force: true });
  });

  const pin = (lfs?: boolean, sha = api.shas[1]) => ({ component: 'api', url: api.url, sha, ...(lfs === undefined ? {} : { lfs }) });

  /** A PATH whose git has no git-lfs beside it, and (unless kept) a global config without its filter: a machine without git-lfs. */
  async function withoutGitLfs({ keepFilter = false } = {}) {
    const bin = join(tmp, 'bin-without-lfs');
    await mkdir(bin);
    await symlink(realpathSync(execFileSync('which', ['git'], { encoding: 'utf8' }).trim()), join(bin, 'git'));
    if (!keepFilter) await writeFile(process.env.GIT_CONFIG_GLOBAL!, '');
    process.env.PATH = bin;
  }

  it('leaves LFS files as pointers by default, where the filter would fail the checkout, and says how to fetch them', async () => {
    const [done] = await materializePins(root, [pin()]);
    expect(await readFile(join(done.dir, 'logo.bin'), 'utf8')).toMatch(new RegExp(`^${POINTER}oid sha256:[0-9a-f]{64}\nsize 8\n$`));
    expect(done.note).toBe(lfsPointersNote('api'));
    expect(await readFile(checkoutMarker(root, 'api', api.shas[1]), 'utf8')).toBe(`${api.shas[1]}\n`);
    // Said again on every run that uses the checkout, not only the one that made it.
    const [reused] = await materializePins(root, [pin()]);
    expect([reused.status, reused.extras, reused.note]).toEqual(['cached', [], lfsPointersNote('api')]);
    // A commit before the repository took up LFS has nothing to say.
    const [before] = await materializePins(root, [pin(undefined, api.shas[0])]);
    expect(before.note).toBeUndefined();
  });

  it('checks out pointers where the git config names a git-lfs that is not installed (a copied dotfile)', async () => {
    await withoutGitLfs({ keepFilter: true });
    // What plain git does there: the checkout fails.
    const clone = await gitIn(tmp, ['clone', '--quiet', api.url, join(tmp, 'clone')]).catch((error: Error) => error.message);
    expect(clone).toMatch(/git-lfs/);
    const [done] = await materializePins(root, [pin()]);
    expect(await readFile(join(done.dir, 'logo.bin'), 'utf8')).toMatch(new RegExp(`^${POINTER}`));
    expect(done.note).toBe(lfsPointersNote('api'));
  });

  it('lfs: true fetches them into a clean checkout; one made with pointers is made again, then reused with the remote gone', async () => {
    await materializePins(root, [pin()]);
    const [done] = await materializePins(root, [pin(true)]);
    expect([done.status, done.extras, done.note]).toEqual(['fetched', ['lfs'], undefined]);
    expect(await readFile(join(done.dir, 'logo.bin'), 'utf8')).toBe('logo v1\n');
    expect(await gitIn(done.dir, ['status', '--porcelain'])).toBe('');
    expect(await readFile(checkoutMarker(root, 'api', api.shas[1]), 'utf8')).toBe(`${api.shas[1]}\nlfs\n`);
    await rm(join(tmp, 'remotes'), { recursive: true, force: true });
    const [reused] = await materializePins(root, [pin(true)]);
    expect(reused.status).toBe('cached');
    // Asked for without lfs, the same checkout serves, and says it has the files (for the run hash): no note.
    const [without] = await materializePins(root, [pin()]);
    expect([without.status, without.extras, without.note]).toEqual(['cached', ['lfs'], undefined]);
  });

  it('lfs: true needs no git-lfs for a commit without LFS files, and names it in one line for one with them', async () => {
    await withoutGitLfs();
    const [before] = await materializePins(root, [pin(true, api.shas[0])]);
    expect(await readFile(join(before.dir, 'README.md'), 'utf8')).toBe('api\n');

    const failure = materializePins(root, [pin(true)]);
    await expect(failure).rejects.toThrow(
      /^api: lfs: true needs git-lfs, and this machine has none; install it \(https:\/\/git-lfs\.com\), or set lfs: false$/,
    );
    await expect(failure).rejects.toMatchObject({ file: 'components/api/component.yaml', field: 'lfs' });
    expect(existsSync(checkoutDir(root, 'api', api.shas[1]))).toBe(false);
    expect(existsSync(checkoutMarker(root, 'api', api.shas[1]))).toBe(false);
  });

  describe('over HTTP', () => {
    let served: string;
    beforeEach(async () => {
      served = join(tmp, 'served', 'api.git');
      await gitIn(tmp, ['clone', '--quiet', '--bare', api.dir, served]);
      await gitIn(served, ['config', 'uploadpack.allowAnySHA1InWant', 'true']);
    });
    const httpPin = (url: string) => ({ component: 'api', url: `${url}/api.git`, sha: api.shas[1], lfs: true });

    it("sends Seamline's git token to the component's LFS server, never to the host its objects come from", async () => {
      await cp(join(api.dir, '.git', 'lfs'), join(served, 'lfs'), { recursive: true });
      const server = await startGitHttpServer(join(tmp, 'served'));
      // The token goes to the "GitHub server"; the objects come from another port, as from another host.
      Object.assign(process.env, { SEAMLINE_GIT_TOKEN: 'tok-secret', GITHUB_SERVER_URL: server.url });
      try {
        const [done] = await materializePins(root, [httpPin(server.url)]);
        expect(await readFile(join(done.dir, 'logo.bin'), 'utf8')).toBe('logo v1\n');
        const batch = server.requests.filter((r) => r.path === '/api.git/info/lfs/objects/batch');
        expect(batch.length).toBeGreaterThan(0);
        expect(batch.every((r) => r.authorization?.startsWith('basic '))).toBe(true);
        const downloads = server.requests.filter((r) => r.storage);
        expect(downloads.map((r) => r.path)).toEqual([expect.stringMatching(/^\/api\.git\/[0-9a-f]{64}$/)]);
        expect(downloads.filter((r) => r.authorization)).toEqual([]);
      } finally {
        await server.close();
      }
    });

    it('names an LFS file the server cannot give in one line, and leaves no checkout behind', async () => {
      const server = await startGitHttpServer(join(tmp, 'served'));
      try {
        const failure = materializePins(root, [httpPin(server.url)]);
        await expect(failure).rejects.toThrow(
          new RegExp(
            `^api: the Git LFS files of ${api.shas[1].slice(0, 12)} could not be fetched \\(.+\\); check that this machine can reach the repository's LFS server, or set lfs: false$`,
          ),
        );
        await expect(failure).rejects.toMatchObject({ file: 'components/api/component.yaml', field: 'lfs' });
        expect(existsSync(checkoutDir(root, 'api', api.shas[1]))).toBe(false);
        expect(existsSync(checkoutMarker(root, 'api', api.shas[1]))).toBe(false);
      } finally {
        await server.close();
      }
    });
  });
});
