import { existsSync } from 'node:fs';
import { copyFile, cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRepo, gitIn, type TestRepo } from '../__fixtures__/git-repos';
import { claimGitVersion } from '../__fixtures__/older-git';
import { checkoutDir, checkoutMarker, pinCacheDir } from '../workspace/layout';
import { isMissingObject, pinComplete } from './cache-damage';
import { commitInfo, firstParentCommits } from './history';
import { materializePins } from './materialize';
import { openCache } from './pin-cache';

jest.setTimeout(60_000);

/**
 * The states a fetch killed at some instant leaves in a pin cache, built by
 * hand so each is exercised every time (the kill test in
 * materialize.processes.spec.ts hits them at random). A git before 2.36 has
 * no `--refetch` and heals another way (refetch.ts): both ways run here.
 */
describe.each([
  ['with the git on PATH', undefined],
  ['with a git before 2.36, as Ubuntu 22.04 has', '2.34.1'],
])('a pin cache that a killed fetch left damaged heals %s', (_, claimed) => {
  let restorePath: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    if (claimed) restorePath = await claimGitVersion(claimed);
  });
  afterAll(() => restorePath?.());
  let tmp: string;
  let root: string;
  let scratch: string;
  let repo: TestRepo;
  beforeEach(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'seamline-heal-'));
    root = join(tmp, 'workspace');
    scratch = join(tmp, 'scratch');
    await mkdir(root);
    await mkdir(scratch);
    repo = await createRepo(join(tmp, 'remotes'), 'auth', [
      { 'package.json': '{"name":"@acme/auth"}', 'src/a.js': 'a1', 'src/b.js': 'b1' },
      { 'src/a.js': 'a2', 'lib/c.js': 'c2' },
      { 'src/b.js': 'b3' },
    ]);
  });
  afterEach(() => rm(tmp, { recursive: true, force: true }));

  const cache = () => pinCacheDir(root, 'auth');
  const pin = (i: number) => ({ component: 'auth', url: repo.url, sha: repo.shas[i] });
  const loose = (dir: string, oid: string) => join(dir, 'objects', oid.slice(0, 2), oid.slice(2));

  /**
   * What `unpack-objects` killed mid-way leaves: it writes a small pack's
   * objects one by one, commit first, so the commit and some trees are there,
   * blobs are not, and neither `shallow` nor the ref was written.
   */
  async function killedUnpack(i: number): Promise<void> {
    await materializePins(scratch, [pin(i)]);
    const from = pinCacheDir(scratch, 'auth');
    await openCache(cache());
    const sha = repo.shas[i];
    for (const oid of [sha, await gitIn(from, ['rev-parse', `${sha}^{tree}`])]) {
      await mkdir(dirname(loose(cache(), oid)), { recursive: true });
      await copyFile(loose(from, oid), loose(cache(), oid));
    }
    await rm(scratch, { recursive: true, force: true });
    await mkdir(scratch);
  }

  const expectCheckout = async (i: number) => {
    const dir = checkoutDir(root, 'auth', repo.shas[i]);
    expect(await gitIn(dir, ['rev-parse', 'HEAD'])).toBe(repo.shas[i]);
    expect(await gitIn(dir, ['status', '--porcelain'])).toBe('');
    expect(existsSync(checkoutMarker(root, 'auth', repo.shas[i]))).toBe(true);
  };

  it('a commit whose tree and blobs did not all land is not taken for a pin: it is fetched', async () => {
    await killedUnpack(1);
    expect(await gitIn(cache(), ['cat-file', '-t', repo.shas[1]])).toBe('commit');
    expect(await pinComplete(cache(), repo.shas[1])).toBe(false);
    const [result] = await materializePins(root, [pin(1)]);
    expect(result.status).toBe('fetched');
    await expectCheckout(1);
    expect(await readFile(join(result.dir, 'lib/c.js'), 'utf8')).toBe('c2');
    expect(await pinComplete(cache(), repo.shas[1])).toBe(true);
    // The depth-1 boundary is recorded: log and later fetches can use the commit.
    expect((await commitInfo(root, 'auth', repo.shas[1])).subject).toBe('change 2');
    expect(await readFile(join(cache(), 'shallow'), 'utf8')).toContain(repo.shas[1]);
  });

  it('a ref an earlier version wrote at such a commit is dropped and the pin fetched: the same pin and a later pin succeed', async () => {
    await killedUnpack(1);
    await gitIn(cache(), ['update-ref', `refs/pins/${repo.shas[1]}`, repo.shas[1]]);
    // What every later run hit before: the checkout cannot read the blobs.
    const worktree = await gitIn(cache(), ['worktree', 'add', '--detach', join(tmp, 'probe'), repo.shas[1]]).catch((e: { stderr: string }) => e.stderr);
    expect(isMissingObject(worktree)).toBe(true);
    await rm(join(tmp, 'probe'), { recursive: true, force: true });

    expect((await materializePins(root, [pin(1)]))[0].status).toBe('fetched');
    await expectCheckout(1);
    expect((await materializePins(root, [pin(2)]))[0].status).toBe('fetched');
    await expectCheckout(2);
  });

  it('a later pin fetched while another ref points at an incomplete commit heals: the lying ref is dropped', async () => {
    await killedUnpack(1);
    await gitIn(cache(), ['update-ref', `refs/pins/${repo.shas[1]}`, repo.shas[1]]);
    // The server is told the cache has shas[1], sends only what shas[2] adds, and the fetch finds holes.
    const [later] = await materializePins(root, [pin(2)]);
    expect(later.status).toBe('fetched');
    await expectCheckout(2);
    expect(await gitIn(cache(), ['for-each-ref', '--format=%(refname)', 'refs/pins/'])).toBe(`refs/pins/${repo.shas[2]}`);
    await materializePins(root, [pin(1)]);
    await expectCheckout(1);
  });

  it('a commit with all its objects but no shallow boundary (killed after the pack, before `shallow`) is fetched again', async () => {
    await materializePins(scratch, [pin(1)]);
    const from = pinCacheDir(scratch, 'auth');
    await openCache(cache());
    await gitIn(from, ['repack', '-a', '-d', '-q']);
    const pack = (await gitIn(from, ['count-objects', '-v'])).includes('packs: 1');
    expect(pack).toBe(true);
    await cp(join(from, 'objects', 'pack'), join(cache(), 'objects', 'pack'), { recursive: true });
    expect(await gitIn(cache(), ['cat-file', '-t', `${repo.shas[1]}^{tree}`])).toBe('tree');
    expect(await pinComplete(cache(), repo.shas[1])).toBe(false);
    expect((await materializePins(root, [pin(1)]))[0].status).toBe('fetched');
    await expectCheckout(1);
    expect(await readFile(join(cache(), 'shallow'), 'utf8')).toContain(repo.shas[1]);
    expect((await commitInfo(root, 'auth', repo.shas[1])).subject).toBe('change 2');
  });

  it('a loose object that does not hold what its name says is dropped and fetched again', async () => {
    await materializePins(root, [pin(1)]);
    const blob = await gitIn(cache(), ['rev-parse', `${repo.shas[1]}:lib/c.js`]);
    // Presence is what a kill can take away; a disk can do worse. Same name, other content.
    await writeFile(loose(cache(), blob), Buffer.from('not zlib at all'));
    await rm(checkoutDir(root, 'auth', repo.shas[1]), { recursive: true, force: true });
    await rm(checkoutMarker(root, 'auth', repo.shas[1]));
    const [again] = await materializePins(root, [pin(1)]);
    expect(again.status).toBe('fetched');
    await expectCheckout(1);
    expect(await readFile(join(again.dir, 'lib/c.js'), 'utf8')).toBe('c2');
  });

  it('what no re-fetch can mend fails once, on one line that says what to do', async () => {
    await materializePins(root, [pin(1)]);
    // A blob inside a pack, damaged: a fetch keeps the copy it believes it has.
    await gitIn(cache(), ['repack', '-a', '-d', '-q']);
    const blob = await gitIn(cache(), ['rev-parse', `${repo.shas[1]}:lib/c.js`]);
    const packs = (await gitIn(cache(), ['verify-pack', '-v', ...(await packIndexes(cache()))])).split('\n');
    const entry = packs.find((l) => l.startsWith(blob))!.split(/\s+/);
    const packFile = (await packIndexes(cache()))[0].replace(/\.idx$/, '.pack');
    const bytes = await readFile(packFile);
    const offset = Number(entry[4]) + Number(entry[3]) - 4;
    bytes.fill(0xff, offset, offset + 4);
    await writeFile(packFile, bytes);
    await rm(checkoutDir(root, 'auth', repo.shas[1]), { recursive: true, force: true });
    await rm(checkoutMarker(root, 'auth', repo.shas[1]));

    const error = await materializePins(root, [pin(1)]).catch((e: Error) => e);
    expect(String((error as Error).message)).toMatch(
      new RegExp(
        `^auth: commit ${repo.shas[1].slice(0, 12)} is still incomplete in the pin cache after fetching it again \\(.+\\); check ${repo.url.replace(/[.]/g, '\\.')} with git fsck, or delete \\.seamline/cache/auth\\.git to start the cache afresh$`,
      ),
    );
    expect((error as Error).message).not.toContain('\n');
    expect(existsSync(checkoutMarker(root, 'auth', repo.shas[1]))).toBe(false);
    // Deleting the cache, as the line says, works.
    await rm(cache(), { recursive: true, force: true });
    await materializePins(root, [pin(1)]);
    await expectCheckout(1);
  });

  it('removes what a killed git left under objects/ and never reads: temp packs, a pack without its index, temp loose objects', async () => {
    await materializePins(root, [pin(0)]);
    const packDir = join(cache(), 'objects', 'pack');
    await mkdir(packDir, { recursive: true });
    const leftovers = [
      join(packDir, 'tmp_pack_AbC123'),
      join(packDir, 'tmp_idx_AbC123'),
      join(packDir, `pack-${'1'.repeat(40)}.pack`),
      join(packDir, `pack-${'1'.repeat(40)}.keep`),
      join(cache(), 'objects', 'ab', 'tmp_obj_XyZ789'),
    ];
    for (const file of leftovers) {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, 'partial');
    }
    await materializePins(root, [pin(1)]);
    expect(leftovers.filter((f) => existsSync(f))).toEqual([]);
    await expectCheckout(1);
  });

  it('a `git worktree add` killed mid-checkout (its entry still locked) does not block the checkout', async () => {
    await materializePins(root, [pin(0)]);
    const dir = checkoutDir(root, 'auth', repo.shas[1]);
    await gitIn(cache(), ['fetch', '-q', '--depth', '1', repo.url, `${repo.shas[1]}:refs/pins/${repo.shas[1]}`]);
    // What add leaves when killed: the entry, locked while it is being made, and part of the checkout.
    await gitIn(cache(), ['worktree', 'add', '--detach', '--lock', dir, repo.shas[1]]);
    await rm(join(dir, 'src'), { recursive: true });
    expect(existsSync(checkoutMarker(root, 'auth', repo.shas[1]))).toBe(false);
    await materializePins(root, [pin(1)]);
    await expectCheckout(1);
    expect(await readFile(join(dir, 'src/a.js'), 'utf8')).toBe('a2');
  });

  it("bisect's history walk heals a history whose objects a killed fetch left out", async () => {
    await materializePins(root, [pin(2)]);
    await firstParentCommits(root, 'auth', repo.url, repo.shas[0], repo.shas[2]);
    // Commits came in loose (a small fetch is unpacked): drop one from the middle, as a kill between objects would.
    await rm(loose(cache(), repo.shas[1]));
    expect(await gitIn(cache(), ['cat-file', '-t', repo.shas[1]]).catch(() => 'missing')).toBe('missing');
    expect(await firstParentCommits(root, 'auth', repo.url, repo.shas[0], repo.shas[2])).toEqual([repo.shas[1], repo.shas[2]]);
  });
});

async function packIndexes(cache: string): Promise<string[]> {
  const dir = join(cache, 'objects', 'pack');
  return (await readdir(dir)).filter((n) => n.endsWith('.idx')).map((n) => join(dir, n));
}
