import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRepo, gitIn, type TestRepo } from '../__fixtures__/git-repos';
import { checkoutDir, pinCacheDir } from '../workspace/layout';

/**
 * The pin cache under real concurrent processes and SIGKILL. The processes
 * run the built plugin (the test target depends on `build`).
 */
const dist = resolve(__dirname, '../../../../dist/packages/seamline');
const cli = join(__dirname, '__fixtures__', 'materialize-cli.cjs');
jest.setTimeout(180_000);

beforeAll(() => {
  if (!existsSync(join(dist, 'src/git/materialize.js'))) throw new Error(`${dist} is missing: run \`npx nx build seamline\` first`);
});

describe('pin cache under real processes', () => {
  let tmp: string;
  let root: string;
  beforeEach(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'seamline-gitprocs-'));
    root = join(tmp, 'workspace');
    await mkdir(root);
  });
  afterEach(() => rm(tmp, { recursive: true, force: true }));

  it('12 concurrent materializations of overlapping manifests all succeed; every cache passes git fsck', async () => {
    const { execa } = await import('execa');
    const repos: TestRepo[] = [];
    for (const name of ['auth', 'users', 'billing', 'ledger']) {
      repos.push(await createRepo(join(tmp, 'remotes'), name, [{ f: `${name} 1` }, { f: `${name} 2` }, { f: `${name} 3` }]));
    }
    // Manifest i pins three of the four components, at SHAs that overlap between manifests.
    const manifests = Array.from({ length: 12 }, (_, i) =>
      [0, 1, 2, 3]
        .filter((c) => c !== i % 4)
        .map((c) => ({ component: ['auth', 'users', 'billing', 'ledger'][c], url: repos[c].url, sha: repos[c].shas[(i + c) % 3] })),
    );
    const runs = await Promise.all(manifests.map((pins) => execa('node', [cli, root, JSON.stringify(pins)], { env: { SEAMLINE_DIST: dist }, reject: false })));
    for (const run of runs) expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({ exitCode: 0, stderr: '' });
    for (const [i, pins] of manifests.entries()) {
      const reported = String(runs[i].stdout)
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(reported.map((r) => `${r.component}@${r.sha}`)).toEqual(pins.map((p) => `${p.component}@${p.sha}`));
      for (const pin of pins) expect(await gitIn(checkoutDir(root, pin.component, pin.sha), ['rev-parse', 'HEAD'])).toBe(pin.sha);
    }
    // Each distinct pin was fetched by exactly one process; the others found it cached.
    const fetched = runs
      .flatMap((r) =>
        String(r.stdout)
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l)),
      )
      .filter((r) => r.status === 'fetched');
    const distinct = new Set(manifests.flat().map((p) => `${p.component}@${p.sha}`));
    expect(fetched.length).toBeLessThanOrEqual(distinct.size);
    for (const name of ['auth', 'users', 'billing', 'ledger']) {
      const fsck = await execa('git', ['fsck', '--full', '--strict'], { cwd: pinCacheDir(root, name), reject: false });
      // A bare pin cache has no branch, so fsck notes an unborn HEAD; anything else is a problem.
      const problems = String(fsck.stderr)
        .split('\n')
        .filter((l) => l && !l.startsWith('notice: HEAD points to an unborn branch'));
      expect({ name, exitCode: fsck.exitCode, problems }).toEqual({ name, exitCode: 0, problems: [] });
    }
  });

  it('SIGKILL of a run mid-fetch leaves nothing that blocks the next run', async () => {
    const { execa } = await import('execa');
    // A repository large enough that a fetch takes a while: random, incompressible blobs.
    const big = await createRepo(join(tmp, 'remotes'), 'big', [{ seed: '0' }]);
    const { randomBytes } = await import('node:crypto');
    for (let i = 0; i < 4; i++) await writeFile(join(big.dir, `blob${i}.bin`), randomBytes(8 * 1024 * 1024));
    const sha = await big.commit({ README: 'big' });
    const pins = JSON.stringify([{ component: 'big', url: big.url, sha }]);
    const lockDir = `${pinCacheDir(root, 'big')}.lock`;

    let killedMidFetch = 0;
    for (let round = 0; round < 3; round++) {
      await rm(join(root, '.seamline'), { recursive: true, force: true });
      // detached: the run leads its own process group, so the kill takes its git children too, as a CI cancel does.
      const child = execa('node', [cli, root, pins, '2000'], { env: { SEAMLINE_DIST: dist }, reject: false, detached: true });
      for (let i = 0; i < 2000 && !existsSync(lockDir); i++) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, 50 + round * 60));
      const stillRunning = child.exitCode === null;
      process.kill(-child.pid!, 'SIGKILL');
      await child;
      if (stillRunning && existsSync(lockDir)) killedMidFetch++;

      const next = await execa('node', [cli, root, pins, '2000'], { env: { SEAMLINE_DIST: dist }, reject: false });
      expect({ exitCode: next.exitCode, stderr: next.stderr }).toEqual({ exitCode: 0, stderr: '' });
      expect(JSON.parse(String(next.stdout))).toMatchObject({ component: 'big', sha });
      expect(await gitIn(checkoutDir(root, 'big', sha), ['rev-parse', 'HEAD'])).toBe(sha);
      const fsck = await execa('git', ['fsck', '--full', '--strict'], { cwd: pinCacheDir(root, 'big'), reject: false });
      expect(fsck.exitCode).toBe(0);
    }
    expect(killedMidFetch).toBeGreaterThan(0);
  });
});
