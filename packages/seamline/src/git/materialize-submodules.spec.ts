import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRepo, gitIn, type TestRepo } from '../__fixtures__/git-repos';
import { startGitHttpServer } from '../__fixtures__/git-http-server';
import { checkoutDir, checkoutMarker } from '../workspace/layout';
import { materializePins } from './materialize';

jest.setTimeout(60_000);

/**
 * `submodules: true` against real repositories: api records proto (by a relative
 * URL, as most repositories do) at proto's first commit, and proto records types
 * (a nested submodule); both have moved on since.
 */
describe('materializePins with submodules', () => {
  let tmp: string;
  let root: string;
  let types: TestRepo;
  let proto: TestRepo;
  let api: TestRepo;
  const file = ['-c', 'protocol.file.allow=always'];

  beforeEach(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'seamline-submodules-'));
    root = join(tmp, 'workspace');
    await mkdir(root);
    const remotes = join(tmp, 'remotes');
    types = await createRepo(remotes, 'types', [{ 'ids.txt': 'ids v1\n' }, { 'ids.txt': 'ids v2\n' }]);
    proto = await createRepo(remotes, 'proto', [{ 'schema.txt': 'schema v1\n' }]);
    await gitIn(proto.dir, [...file, 'submodule', 'add', '--quiet', '../types.git', 'types']);
    await gitIn(join(proto.dir, 'types'), ['checkout', '--quiet', types.shas[0]]);
    await proto.commit({}, 'proto: types v1');
    await proto.commit({ 'schema.txt': 'schema v2\n' }, 'proto: schema v2');
    api = await createRepo(remotes, 'api', [{ 'README.md': 'api\n' }]);
    await gitIn(api.dir, [...file, 'submodule', 'add', '--quiet', '../proto.git', 'proto']);
    await gitIn(join(api.dir, 'proto'), ['checkout', '--quiet', proto.shas[1]]);
    await gitIn(join(api.dir, 'proto'), [...file, 'submodule', 'update', '--init', '--quiet']);
    await api.commit({}, 'api: proto with types v1');
  });
  afterEach(() => rm(tmp, { recursive: true, force: true }));

  const pin = (submodules?: boolean) => ({ component: 'api', url: api.url, sha: api.shas[1], ...(submodules === undefined ? {} : { submodules }) });

  it('checks out each submodule, recursively, at the commit the pinned commit records', async () => {
    const [done] = await materializePins(root, [pin(true)]);
    expect(await readFile(join(done.dir, 'proto/schema.txt'), 'utf8')).toBe('schema v1\n');
    expect(await readFile(join(done.dir, 'proto/types/ids.txt'), 'utf8')).toBe('ids v1\n');
    expect(await gitIn(join(done.dir, 'proto'), ['rev-parse', 'HEAD'])).toBe(proto.shas[1]);
    expect(await readFile(checkoutMarker(root, 'api', api.shas[1]), 'utf8')).toBe(`${api.shas[1]}\nsubmodules\n`);
  });

  it('leaves them out by default, and a checkout made without them is made again once they are asked for', async () => {
    const [without] = await materializePins(root, [pin()]);
    expect(await readdir(join(without.dir, 'proto'))).toEqual([]);
    const [again] = await materializePins(root, [pin(false)]);
    expect(again.status).toBe('cached');
    const [withThem] = await materializePins(root, [pin(true)]);
    expect(await readFile(join(withThem.dir, 'proto/types/ids.txt'), 'utf8')).toBe('ids v1\n');
    // The commit came from the pin cache, the submodules from their remotes: the progress line says fetched.
    expect(withThem.status).toBe('fetched');
    // Then reused as it is, with the remotes gone.
    await rm(join(tmp, 'remotes'), { recursive: true, force: true });
    const [reused] = await materializePins(root, [pin(true)]);
    expect(reused.status).toBe('cached');
  });

  it('clones a submodule whole when its server will not serve the recorded commit at depth 1', async () => {
    await gitIn(types.dir, ['config', 'uploadpack.allowAnySHA1InWant', 'false']);
    const saved = { ...process.env };
    // Protocol v0 without allowAnySHA1InWant: what an old or locked-down server does.
    Object.assign(process.env, { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'protocol.version', GIT_CONFIG_VALUE_0: '0' });
    try {
      const [done] = await materializePins(root, [pin(true)]);
      expect(await readFile(join(done.dir, 'proto/types/ids.txt'), 'utf8')).toBe('ids v1\n');
    } finally {
      process.env = saved;
    }
  });

  it("never sends Seamline's git token for a submodule: the commit under test chooses their URLs", async () => {
    const served = join(tmp, 'served');
    for (const repo of [api, proto, types]) {
      const bare = join(served, repo.dir.split('/').pop()!);
      await gitIn(tmp, ['clone', '--quiet', '--bare', repo.dir, bare]);
      await gitIn(bare, ['config', 'uploadpack.allowAnySHA1InWant', 'true']);
    }
    const server = await startGitHttpServer(served);
    const saved = { ...process.env };
    // The token goes to the "GitHub server", which serves every repository here.
    Object.assign(process.env, { SEAMLINE_GIT_TOKEN: 'tok-secret', GITHUB_SERVER_URL: server.url });
    try {
      const [done] = await materializePins(root, [{ component: 'api', url: `${server.url}/api.git`, sha: api.shas[1], submodules: true }]);
      expect(await readFile(join(done.dir, 'proto/types/ids.txt'), 'utf8')).toBe('ids v1\n');
      const to = (name: string) => server.requests.filter((r) => r.path.startsWith(`/${name}.git/`));
      expect(to('api').length).toBeGreaterThan(0);
      expect(to('api').every((r) => r.authorization?.startsWith('basic '))).toBe(true);
      expect(to('proto').length).toBeGreaterThan(0);
      expect(to('types').length).toBeGreaterThan(0);
      expect([...to('proto'), ...to('types')].filter((r) => r.authorization)).toEqual([]);
    } finally {
      process.env = saved;
      await server.close();
    }
  });

  it('names a submodule that cannot be fetched in one line, and leaves no checkout behind', async () => {
    await rm(types.dir, { recursive: true, force: true });
    const failure = materializePins(root, [pin(true)]);
    await expect(failure).rejects.toThrow(
      new RegExp(
        `^api: the submodules of ${api.shas[1].slice(0, 12)} could not be checked out \\(.+\\); check \\.gitmodules at that commit and that this machine can fetch them, or set submodules: false$`,
      ),
    );
    await expect(failure).rejects.toMatchObject({ file: 'components/api/component.yaml', field: 'submodules' });
    expect(existsSync(checkoutDir(root, 'api', api.shas[1]))).toBe(false);
    expect(existsSync(checkoutMarker(root, 'api', api.shas[1]))).toBe(false);
  });
});
