import { existsSync, realpathSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRepo, gitIn, type TestRepo } from '../__fixtures__/git-repos';
import { isLeased } from '../fs/checkout-leases';
import { collectGarbage } from './collect-garbage';
import { checkoutDir, checkoutUsedMarker, pinCacheDir, preparedRoot } from '../workspace/layout';
import { materializePins } from '../git/materialize';

/**
 * gc against real checkouts, with the checkout it must not touch leased by
 * another real process (the built plugin's leaseCheckouts, as a run leases).
 */
const dist = resolve(__dirname, '../../../../dist/packages/seamline');
const cli = join(__dirname, '../git/__fixtures__/lease-cli.cjs');
jest.setTimeout(180_000);

beforeAll(() => {
  if (!existsSync(join(dist, 'src/fs/checkout-leases.js'))) throw new Error(`${dist} is missing: run \`npx nx build seamline\` first`);
});

describe('gc of prepared checkouts', () => {
  let tmp: string;
  let root: string;
  let repo: TestRepo;
  const pin = (i: number) => ({ component: 'users', url: repo.url, sha: repo.shas[i] });
  const entries = async () => (await readdir(join(root, '.seamline/checkouts'))).filter((n) => !n.startsWith('.')).sort();

  beforeEach(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'seamline-gc-'));
    root = join(tmp, 'workspace');
    await mkdir(root);
    // Four commits, each checkout about 200 KB.
    repo = await createRepo(
      join(tmp, 'remotes'),
      'users',
      [1, 2, 3, 4].map((i) => ({ 'data.txt': `${i}`.repeat(200_000) })),
    );
    await materializePins(root, [0, 1, 2, 3].map(pin), { concurrency: 1 });
    // Used in the order 0, 1, 2, 3 (oldest first); each with a prepared marker.
    for (const i of [0, 1, 2, 3]) {
      const when = new Date(Date.UTC(2026, 10, 1, 12, i));
      await utimes(checkoutUsedMarker(root, 'users', repo.shas[i]), when, when);
      await mkdir(preparedRoot(root), { recursive: true });
      await writeFile(join(preparedRoot(root), `users@${repo.shas[i]}-abc.done`), '{}\n');
    }
  });
  afterEach(() => rm(tmp, { recursive: true, force: true }));

  it('frees the least recently used first, down to the limit, and removes their worktrees and prepared markers', async () => {
    const report = await collectGarbage({ root, maxBytes: 450 * 1024 });
    expect(report.removed).toEqual([`users@${repo.shas[0]}`, `users@${repo.shas[1]}`]);
    expect(report.freedBytes).toBeGreaterThan(400 * 1024);
    expect(report.afterBytes).toBeLessThanOrEqual(450 * 1024);
    expect(report.afterBytes).toBe(report.totalBytes - report.freedBytes);
    expect(await entries()).toEqual([`users@${repo.shas[2]}`, `users@${repo.shas[3]}`].sort());
    const worktrees = await gitIn(pinCacheDir(root, 'users'), ['worktree', 'list', '--porcelain']);
    expect(worktrees).not.toContain(repo.shas[0]);
    // git names a worktree by its real path: outside the workspace, behind .seamline/checkouts.
    expect(worktrees).toContain(realpathSync(checkoutDir(root, 'users', repo.shas[3])));
    expect((await readdir(preparedRoot(root))).sort()).toEqual([`users@${repo.shas[2]}-abc.done`, `users@${repo.shas[3]}-abc.done`].sort());
    // Only the kept checkouts' markers are left (a .used marker without its checkout goes too).
    await writeFile(checkoutUsedMarker(root, 'users', 'f'.repeat(40)), '');
    await collectGarbage({ root, maxBytes: 450 * 1024 });
    expect((await readdir(join(root, '.seamline/checkouts'))).filter((n) => n.endsWith('.used')).sort()).toEqual(
      [2, 3].map((i) => `.users@${repo.shas[i]}.used`).sort(),
    );
    // A removed pin comes back on its next use, from the pin cache.
    const [again] = await materializePins(root, [pin(0)]);
    expect(await gitIn(again.dir, ['rev-parse', 'HEAD'])).toBe(repo.shas[0]);
  });

  it('--dry-run reports the same and removes nothing', async () => {
    const report = await collectGarbage({ root, maxBytes: 450 * 1024, dryRun: true });
    expect(report.removed).toHaveLength(2);
    expect(await entries()).toHaveLength(4);
  });

  it('a limit below the current size, while another process leases the oldest checkout: every other one goes, the leased one stays and its process still reads it', async () => {
    const { execa } = await import('execa');
    const holder = execa('node', [cli, root, JSON.stringify([pin(0)])], { env: { SEAMLINE_DIST: dist }, reject: false, stdin: 'pipe' });
    await new Promise<void>((done, fail) => {
      holder.stdout!.on('data', (chunk: Buffer) => (chunk.toString().includes('leased') ? done() : undefined));
      holder.on('exit', () => fail(new Error('the leasing process exited early')));
    });
    const report = await collectGarbage({ root, maxBytes: 0 });
    expect(report.removed).toEqual([1, 2, 3].map((i) => `users@${repo.shas[i]}`));
    expect(report.kept).toEqual([{ name: `users@${repo.shas[0]}`, bytes: expect.any(Number), reason: 'in use by a running process' }]);
    expect(report.withinLimit).toBe(false);
    expect(await entries()).toEqual([`users@${repo.shas[0]}`]);
    holder.stdin!.end('go\n');
    const done = await holder;
    expect({ exitCode: done.exitCode, stderr: done.stderr, stdout: String(done.stdout) }).toEqual({
      exitCode: 0,
      stderr: '',
      stdout: `leased\nread users@${repo.shas[0]}`,
    });
    // Released: the next gc may take it.
    expect((await collectGarbage({ root, maxBytes: 0 })).removed).toEqual([`users@${repo.shas[0]}`]);
  });

  it('a run killed with SIGKILL while it leases a checkout: its lease counts until it goes stale, then gc removes the checkout', async () => {
    const { execa } = await import('execa');
    const staleMs = 2000;
    const holder = execa('node', [cli, root, JSON.stringify([pin(0)])], {
      env: { SEAMLINE_DIST: dist, SEAMLINE_LEASE_STALE_MS: String(staleMs) },
      reject: false,
      stdin: 'pipe',
    });
    await new Promise<void>((done, fail) => {
      holder.stdout!.on('data', (chunk: Buffer) => (chunk.toString().includes('leased') ? done() : undefined));
      holder.on('exit', () => fail(new Error('the leasing process exited early')));
    });
    holder.kill('SIGKILL');
    expect((await holder).signal).toBe('SIGKILL');
    const name = `users@${repo.shas[0]}`;
    const leases = join(root, '.seamline/leases', name);
    // Killed, it released nothing: its lock is still fresh and still counts.
    expect(await isLeased(root, name, { staleMs })).toBe(true);
    expect((await readdir(leases)).filter((f) => f.endsWith('.lock'))).toHaveLength(1);
    // Nobody refreshes it any more: past the stale time it no longer counts, and the check removes it.
    await new Promise((r) => setTimeout(r, staleMs + 1000));
    expect(await isLeased(root, name, { staleMs })).toBe(false);
    expect((await readdir(leases)).filter((f) => f.endsWith('.lock'))).toEqual([]);
    const report = await collectGarbage({ root, maxBytes: 0 });
    // The killed run used checkout 0 last, so it goes last.
    expect(report.removed).toEqual([1, 2, 3, 0].map((i) => `users@${repo.shas[i]}`));
    expect(await entries()).toEqual([]);
  });
});
