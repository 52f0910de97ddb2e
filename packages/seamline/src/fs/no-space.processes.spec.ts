import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { canMountSmallDisk, onSmallDisk } from '../__fixtures__/small-disk';

const dist = resolve(__dirname, '../../../../dist/packages/seamline');
const cli = join(__dirname, '__fixtures__', 'full-disk-cli.cjs');

const mountable = canMountSmallDisk();
if (!mountable) process.stdout.write('no-space.processes.spec: skipped: this machine lets no test mount a tmpfs (unshare -m, unshare -r -m)\n');
const withSmallDisk = mountable ? it : it.skip;

describe('a really full disk (a small tmpfs, filled to the last block)', () => {
  let tmp: string;
  beforeAll(() => {
    if (!existsSync(join(dist, 'src/store/known-good-store.js'))) throw new Error(`${dist} is missing: run \`npx nx build seamline\` first`);
  });
  beforeEach(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'seamline-full-disk-'));
  });
  afterEach(() => rm(tmp, { recursive: true, force: true }));

  withSmallDisk('a store append fails and leaves the store as it was; a replaced file leaves no half copy; with space again the store goes on', async () => {
    const { execa } = await import('execa');
    const dir = join(tmp, 'disk');
    await mkdir(dir);
    const [command, args] = onSmallDisk(dir, '512k', ['node', cli, dir]);
    const run = await execa(command, args, { env: { SEAMLINE_DIST: dist }, reject: false });
    expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({ exitCode: 0, stderr: '' });
    const seen = JSON.parse(run.stdout);
    expect(seen.append.code).toBe('ENOSPC');
    expect(seen.storeUnchanged).toBe(true);
    expect(seen.verifyWhenFull).toBe(true);
    // The write that failed names its file, and its temp file is gone.
    expect(seen.atomic).toEqual({ code: 'ENOSPC', message: `ENOSPC: no space left on device, write '${join(dir, 'results.json')}'` });
    expect(seen.left).toEqual(['.seamline', 'filler', 'known-good.jsonl']);
    // The full disk is the one .seamline is on: gc is the way out.
    expect(seen.line).toBe(
      `${seen.atomic.message}; a disk is full (0 B free where .seamline is): free space (nx run integration:gc --max-size=<limit> removes the least recently used checkouts; old runs are in .seamline/runs) and run again`,
    );
    // The first record, those the last page still held, and one more once there is space.
    expect(seen.recordsAfter).toBe(1 + seen.appended + 1);
    expect(seen.verifyAfter).toBe(true);
  });
});
