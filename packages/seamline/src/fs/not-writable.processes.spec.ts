import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { canMountSmallDisk, onSmallDisk } from '../__fixtures__/small-disk';

const dist = resolve(__dirname, '../../../../dist/packages/seamline');
const cli = join(__dirname, '__fixtures__', 'not-writable-cli.cjs');
const uid = process.getuid?.() ?? -1;

describe('a workspace Seamline may not write, said in one line with what to do', () => {
  let tmp: string;
  beforeAll(() => {
    if (!existsSync(join(dist, 'src/fs/not-writable.js'))) throw new Error(`${dist} is missing: run \`npx nx build seamline\` first`);
  });
  beforeEach(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'seamline-not-writable-'));
  });
  afterEach(async () => {
    await chmod(join(tmp, 'ws', '.seamline'), 0o755).catch(() => undefined);
    await rm(tmp, { recursive: true, force: true });
  });

  it('a .seamline another user owns (a checkout made by root in a container, a run as another user): whose it is, and the chown', async () => {
    const { execa } = await import('execa');
    const root = join(tmp, 'ws');
    await mkdir(join(root, '.seamline'), { recursive: true });
    await chmod(tmp, 0o755);
    // As root, the run is another user's (nobody); as a user, the folder is made read-only, as another owner's would be.
    const run =
      uid === 0
        ? await execa('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'node', cli, root], { env: { SEAMLINE_DIST: dist }, reject: false })
        : (await chmod(join(root, '.seamline'), 0o555), await execa('node', [cli, root], { env: { SEAMLINE_DIST: dist }, reject: false }));
    expect(run.stderr).toBe('');
    const seen = JSON.parse(run.stdout);
    expect(seen.code).toBe('EACCES');
    const runner = uid === 0 ? 65534 : uid;
    expect(seen.line).toBe(
      `EACCES: permission denied, mkdir '${join(root, '.seamline', 'leases')}'; this user (uid ${runner}) may not write there${uid === 0 ? '; uid 0 owns it' : ''}: run as the workspace's owner, or sudo chown -R ${runner} .seamline`,
    );
  });

  (canMountSmallDisk() ? it : it.skip)('a read-only file system: the known-good store cannot be appended to', async () => {
    const { execa } = await import('execa');
    const root = join(tmp, 'ws');
    await mkdir(root, { recursive: true });
    // The tmpfs is mounted read-only: nothing can be written there, whoever runs.
    const [command, args] = onSmallDisk(root, '64k,ro', ['node', cli, root, 'store']);
    const run = await execa(command, args, { env: { SEAMLINE_DIST: dist }, reject: false });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({
      code: 'EROFS',
      line: `EROFS: read-only file system, open '${join(root, 'known-good.jsonl')}'; that file system is read-only: run where the workspace can be written (.seamline holds the checkouts and runs)`,
    });
    // Node's recursive mkdir, as a run makes its folder, says ENOENT there: the line says why.
    const [again, argsAgain] = onSmallDisk(root, '64k,ro', ['node', cli, root, 'runs']);
    const runs = await execa(again, argsAgain, { env: { SEAMLINE_DIST: dist }, reject: false });
    expect(JSON.parse(runs.stdout)).toEqual({
      code: 'ENOENT',
      line: `ENOENT: no such file or directory, mkdir '${join(root, '.seamline')}'; ${root} is on a read-only file system: run where the workspace can be written (.seamline holds the checkouts and runs)`,
    });
  });
});
