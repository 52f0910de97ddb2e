import { realpathSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRepo } from '../__fixtures__/git-repos';
import { materializePins } from '../git/materialize';
import { PrepareFailedError, preparePin } from './prepare-pin';

jest.setTimeout(30_000);

describe('preparePin', () => {
  let root: string;
  let dir: string;
  const sha = 'a'.repeat(40);
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'seamline-prepare-'));
    dir = join(root, 'checkout');
    await mkdir(dir);
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  // Appends to count.txt in the checkout, slowly, so overlapping preparations would show.
  const counting = [['node', '-e', "require('fs').appendFileSync('count.txt', 'x'); setTimeout(() => console.log('built'), 300)"]];

  it('runs the commands once per SHA and commands, and reuses the result', async () => {
    const first = await preparePin(root, { component: 'schema', sha, dir, commands: counting });
    const second = await preparePin(root, { component: 'schema', sha, dir, commands: counting });
    expect([first.status, second.status]).toEqual(['prepared', 'reused']);
    expect(await readFile(join(dir, 'count.txt'), 'utf8')).toBe('x');
    // Each argument quoted as a shell would need it, so where one ends is visible.
    expect(await readFile(first.log!, 'utf8')).toContain(`$ node -e 'require('\\''fs'\\'').appendFileSync`);
    expect(await readFile(first.log!, 'utf8')).toContain('built');
    const changed = await preparePin(root, { component: 'schema', sha, dir, commands: [...counting, ['node', '-e', '0']] });
    expect(changed.status).toBe('prepared');
    expect(await readFile(join(dir, 'count.txt'), 'utf8')).toBe('xx');
  });

  it('prepares again a checkout made again after its checkouts were deleted', async () => {
    const remotes = await mkdtemp(join(tmpdir(), 'seamline-prepare-remote-'));
    try {
      const repo = await createRepo(remotes, 'schema', [{ 'index.js': '1' }]);
      const pin = { component: 'schema', url: repo.url, sha: repo.shas[0] };
      const [first] = await materializePins(root, [pin]);
      expect((await preparePin(root, { component: 'schema', sha: pin.sha, dir: first.dir, commands: counting })).status).toBe('prepared');
      expect((await preparePin(root, { component: 'schema', sha: pin.sha, dir: first.dir, commands: counting })).status).toBe('reused');
      // The checkouts themselves, in the folder outside the workspace that .seamline/checkouts links to.
      await rm(realpathSync(join(root, '.seamline/checkouts')), { recursive: true, force: true });
      const [again] = await materializePins(root, [pin]);
      expect((await preparePin(root, { component: 'schema', sha: pin.sha, dir: again.dir, commands: counting })).status).toBe('prepared');
      expect(await readFile(join(again.dir, 'count.txt'), 'utf8')).toBe('x');
    } finally {
      await rm(remotes, { recursive: true, force: true });
    }
  });

  it('concurrent runs never prepare the same pin twice', async () => {
    const all = await Promise.all(Array.from({ length: 4 }, () => preparePin(root, { component: 'schema', sha, dir, commands: counting })));
    expect(all.map((p) => p.status).sort()).toEqual(['prepared', 'reused', 'reused', 'reused']);
    expect(await readFile(join(dir, 'count.txt'), 'utf8')).toBe('x');
  });

  it('a failing command is reported as the component failing to prepare, with its log; it is tried again next time', async () => {
    const failing = [['node', '-e', "console.error('tsc: 3 errors'); process.exit(2)"]];
    const error = await preparePin(root, { component: 'schema', sha, dir, commands: failing }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrepareFailedError);
    expect((error as Error).message).toMatch(
      /^component schema at aaaaaaaaaaaa failed to prepare: `node -e 'console\.error\('\\''tsc: 3 errors'\\''\); process\.exit\(2\)'` exited with 2 \(log: .*\.log\)$/,
    );
    expect((error as PrepareFailedError).what).toBe("`node -e 'console.error('\\''tsc: 3 errors'\\''); process.exit(2)'` exited with 2");
    expect(await readFile((error as PrepareFailedError).log, 'utf8')).toContain('tsc: 3 errors');
    await expect(preparePin(root, { component: 'schema', sha, dir, commands: failing })).rejects.toBeInstanceOf(PrepareFailedError);
  });

  it('names a command that cannot be started, or was killed, in one line', async () => {
    await expect(preparePin(root, { component: 'schema', sha, dir, commands: [['no-such-tool-xyz', 'build']] })).rejects.toThrow(
      /^component schema at aaaaaaaaaaaa failed to prepare: `no-such-tool-xyz build` could not run \(spawn no-such-tool-xyz ENOENT\) \(log: [^\n]*\.log\)$/,
    );
    await expect(preparePin(root, { component: 'schema', sha, dir, commands: [['node', '-e', "process.kill(process.pid, 'SIGKILL')"]] })).rejects.toThrow(
      /^component schema at aaaaaaaaaaaa failed to prepare: `node -e .*` was killed by SIGKILL \(log: [^\n]*\.log\)$/,
    );
  });

  it('writes why these commands (the notes) at the top of the log, and says the environment', async () => {
    const prepared = await preparePin(root, {
      component: 'schema',
      sha,
      dir,
      commands: [['node', '-e', '0']],
      notes: ['auto: npm (the npm on PATH): no lockfile'],
    });
    expect((await readFile(prepared.log!, 'utf8')).split('\n').slice(0, 3)).toEqual([
      '# auto: npm (the npm on PATH): no lockfile',
      '# environment: CI=true, FORCE_COLOR=0, without the tokens Seamline holds',
      '$ node -e 0',
    ]);
  });

  it('a problem found before anything runs fails the pin, with the notes and the problem in its log', async () => {
    const error = await preparePin(root, {
      component: 'schema',
      sha,
      dir,
      commands: [],
      notes: ['variant 1: does not apply'],
      problem: 'no prepare variant applies',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrepareFailedError);
    expect((error as PrepareFailedError).what).toBe('no prepare variant applies');
    expect(await readFile((error as PrepareFailedError).log, 'utf8')).toBe('variant 1: does not apply\nno prepare variant applies\n');
  });

  it('nothing to prepare without commands', async () => {
    expect(await preparePin(root, { component: 'users', sha, dir, commands: [] })).toEqual({ status: 'nothing to prepare' });
  });
});
