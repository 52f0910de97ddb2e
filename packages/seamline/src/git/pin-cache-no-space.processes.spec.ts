import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRepo } from '../__fixtures__/git-repos';
import { canMountSmallDisk, onSmallDisk } from '../__fixtures__/small-disk';

/** A pin fetched onto a disk that fills up during the fetch (needs the build: the process runs dist). */
const dist = resolve(__dirname, '../../../../dist/packages/seamline');
const cli = join(__dirname, '__fixtures__', 'fetch-on-full-disk-cli.cjs');

const mountable = canMountSmallDisk();
if (!mountable) process.stdout.write('pin-cache-no-space.processes.spec: skipped: this machine lets no test mount a tmpfs (unshare -m, unshare -r -m)\n');
const withSmallDisk = mountable ? it : it.skip;
// Two fetches and a 3 MB random file through real processes: past jest's 5 s under CI's load (seen: 5.7 s).
jest.setTimeout(60_000);

describe('a pin fetched onto a full disk', () => {
  let tmp: string;
  beforeAll(() => {
    if (!existsSync(join(dist, 'src/git/materialize.js'))) throw new Error(`${dist} is missing: run \`npx nx build seamline\` first`);
  });
  beforeEach(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'seamline-fetch-full-'));
  });
  afterEach(() => rm(tmp, { recursive: true, force: true }));

  withSmallDisk('says the disk is full, not that the repository is broken; with room again the same cache serves the pin', async () => {
    const { execa } = await import('execa');
    const { randomBytes } = await import('node:crypto');
    const big = await createRepo(join(tmp, 'remotes'), 'big', [{ seed: '0' }]);
    // About 3 MB of pack: random bytes do not compress.
    await writeFile(join(big.dir, 'blob.bin'), randomBytes(3 * 1024 * 1024));
    const sha = await big.commit({ README: 'big' });
    const root = join(tmp, 'workspace');
    await mkdir(root);

    // A 16 MB disk with 14 MB taken: the fetch runs out of room; then the filler goes.
    const [command, args] = onSmallDisk(root, '16m', ['node', cli, root, JSON.stringify([{ component: 'big', url: big.url, sha }]), String(14 * 1024 * 1024)]);
    const run = await execa(command, args, { env: { SEAMLINE_DIST: dist }, reject: false });
    expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({ exitCode: 0, stderr: '' });
    const seen = JSON.parse(run.stdout);

    expect(seen.full.ok).toBe(false);
    expect(seen.full.line).toMatch(
      new RegExp(
        `^big: fetching ${big.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} ran out of disk space \\([^)]*[Nn]o space left on device\\); a disk is full \\([0-9.]+ [KM]?B free where \\.seamline is\\): free space \\(nx run integration:gc`,
      ),
    );
    expect(seen.full.line).not.toMatch(/git fsck|check that repository|cannot reach/);
    // With room again, the cache the failed fetch left behind fetches the pin on the first attempt.
    expect(seen.again).toEqual([{ status: 'fetched', head: sha, blobBytes: 3 * 1024 * 1024 }]);
  });
});
