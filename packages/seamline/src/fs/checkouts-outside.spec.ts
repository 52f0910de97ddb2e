import { existsSync, lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rename, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRepo, gitIn } from '../__fixtures__/git-repos';
import { materializePin } from '../git/pin-cache';
import { checkoutDir, checkoutsRoot, packageStoreDir, placementLock } from '../workspace/layout';
import { CHECKOUTS_DIR_VARIABLE, checkoutsHome, placeCheckoutsOutside, workspaceCheckoutsDir } from './checkouts-outside';

describe('checkouts live outside the workspace, behind .seamline/checkouts', () => {
  let tmp: string;
  let root: string;
  let home: string;
  const saved = process.env[CHECKOUTS_DIR_VARIABLE];
  beforeEach(async () => {
    tmp = realpathSync(await mkdtemp(join(tmpdir(), 'seamline-outside-')));
    root = join(tmp, 'integration');
    home = join(tmp, 'cache');
    await mkdir(root);
    process.env[CHECKOUTS_DIR_VARIABLE] = home;
  });
  afterEach(async () => {
    process.env[CHECKOUTS_DIR_VARIABLE] = saved;
    await rm(tmp, { recursive: true, force: true });
  });

  it('links .seamline/checkouts and .seamline/pnpm-store to one folder of this workspace, which names it', async () => {
    await placeCheckoutsOutside(root);
    const outside = workspaceCheckoutsDir(root);
    expect(dirname(outside)).toBe(home);
    expect(outside).toMatch(/\/integration-[0-9a-f]{12}$/);
    expect(readlinkSync(checkoutsRoot(root))).toBe(join(outside, 'checkouts'));
    expect(readlinkSync(packageStoreDir(root))).toBe(join(outside, 'pnpm-store'));
    expect(await readFile(join(outside, 'workspace'), 'utf8')).toBe(`${root}\n`);
    // Again: nothing changes, nothing fails.
    await placeCheckoutsOutside(root);
    expect(readlinkSync(checkoutsRoot(root))).toBe(join(outside, 'checkouts'));
    // Another workspace of the same name gets a folder of its own.
    const twin = join(tmp, 'elsewhere', 'integration');
    await mkdir(twin, { recursive: true });
    expect(workspaceCheckoutsDir(twin)).not.toBe(outside);
  });

  it("a checkout no longer sees the workspace's node_modules: a package the commit never declared does not resolve", async () => {
    const { execa } = await import('execa');
    // The workspace has the package (as it has jest's @types/node, semver, ...); the component uses it undeclared.
    await mkdir(join(root, 'node_modules', 'only-in-workspace'), { recursive: true });
    await writeFile(join(root, 'node_modules', 'only-in-workspace', 'index.js'), 'module.exports = "the workspace\'s copy";\n');
    const repo = await createRepo(join(tmp, 'remotes'), 'users', [
      { 'index.js': "module.exports = require('only-in-workspace');\n", 'package.json': '{"name":"users"}\n' },
    ]);
    const pin = await materializePin(root, { component: 'users', url: repo.url, sha: repo.shas[0] });
    expect(pin.dir).toBe(checkoutDir(root, 'users', repo.shas[0]));
    const run = await execa('node', ['-e', `require(${JSON.stringify(join(pin.dir, 'index.js'))})`], { reject: false });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain("Cannot find module 'only-in-workspace'");
    // As in the component's own clone; the workspace's own files still resolve it.
    const own = await execa('node', ['-p', "require('only-in-workspace')"], { cwd: root });
    expect(own.stdout).toBe("the workspace's copy");
  });

  it('checkouts an older Seamline made under the workspace move out and stay usable, without a fetch', async () => {
    const repo = await createRepo(join(tmp, 'remotes'), 'auth', [{ 'a.txt': 'one' }]);
    const pin = { component: 'auth', url: repo.url, sha: repo.shas[0] };
    await materializePin(root, pin);
    // The layout of before: a real folder (git registered the worktree at this path).
    const outside = join(workspaceCheckoutsDir(root), 'checkouts');
    await rm(checkoutsRoot(root));
    await rename(outside, checkoutsRoot(root));
    expect(lstatSync(checkoutsRoot(root)).isDirectory()).toBe(true);

    const again = await materializePin(root, pin);
    expect(again.status).toBe('cached');
    expect(lstatSync(checkoutsRoot(root)).isSymbolicLink()).toBe(true);
    expect(existsSync(join(outside, `auth@${repo.shas[0]}`, 'a.txt'))).toBe(true);
    expect(await gitIn(again.dir, ['status', '--porcelain'])).toBe('');
    expect(await gitIn(again.dir, ['rev-parse', 'HEAD'])).toBe(repo.shas[0]);
  });

  it('a link whose folder was deleted is made again; a checkout deleted with it is checked out again', async () => {
    const repo = await createRepo(join(tmp, 'remotes'), 'auth', [{ 'a.txt': 'one' }]);
    const pin = { component: 'auth', url: repo.url, sha: repo.shas[0] };
    await materializePin(root, pin);
    await rm(home, { recursive: true });
    const again = await materializePin(root, pin);
    expect(await readFile(join(again.dir, 'a.txt'), 'utf8')).toBe('one');
    expect(realpathSync(again.dir).startsWith(`${home}/`)).toBe(true);
  });

  it('rm -rf .seamline takes the pin caches and leaves the checkouts outside: those are made again, not reused without their repository', async () => {
    const repo = await createRepo(join(tmp, 'remotes'), 'auth', [{ 'a.txt': 'one' }]);
    const pin = { component: 'auth', url: repo.url, sha: repo.shas[0] };
    await materializePin(root, pin);
    await rm(join(root, '.seamline'), { recursive: true });
    expect(existsSync(join(workspaceCheckoutsDir(root), 'checkouts', `auth@${repo.shas[0]}`, 'a.txt'))).toBe(true);
    const again = await materializePin(root, pin);
    expect(again.status).toBe('fetched');
    expect(await gitIn(again.dir, ['rev-parse', 'HEAD'])).toBe(repo.shas[0]);
    expect(await gitIn(again.dir, ['status', '--porcelain'])).toBe('');
  });

  it('a moved workspace takes its folder along, renamed after its new path; its checkouts are reused and git finds their repository', async () => {
    const repo = await createRepo(join(tmp, 'remotes'), 'auth', [{ 'a.txt': 'one' }]);
    const pin = { component: 'auth', url: repo.url, sha: repo.shas[0] };
    await materializePin(root, pin);
    const before = workspaceCheckoutsDir(root);
    // Marks the checkout as it was: one checked out again would no longer have it.
    await writeFile(join(checkoutDir(root, 'auth', repo.shas[0]), 'stray.txt'), 'left before the move');
    const moved = join(tmp, 'moved');
    await rename(root, moved);
    const again = await materializePin(moved, pin);
    expect(again.status).toBe('cached');
    expect(await readFile(join(again.dir, 'stray.txt'), 'utf8')).toBe('left before the move');
    expect(existsSync(before)).toBe(false);
    expect(realpathSync(checkoutsRoot(moved))).toBe(join(workspaceCheckoutsDir(moved), 'checkouts'));
    expect(realpathSync(packageStoreDir(moved))).toBe(join(workspaceCheckoutsDir(moved), 'pnpm-store'));
    expect(await readFile(join(workspaceCheckoutsDir(moved), 'workspace'), 'utf8')).toBe(`${moved}\n`);
    expect(await gitIn(again.dir, ['rev-parse', 'HEAD'])).toBe(repo.shas[0]);
    expect(await gitIn(again.dir, ['status', '--porcelain'])).toBe('?? stray.txt');
    // And a new workspace where the old one was starts with a folder of its own.
    await mkdir(root);
    const fresh = await materializePin(root, pin);
    expect(fresh.status).toBe('fetched');
    expect(realpathSync(fresh.dir)).toBe(join(before, 'checkouts', `auth@${repo.shas[0]}`));
    expect(await gitIn(again.dir, ['status', '--porcelain'])).toBe('?? stray.txt');
  });

  it('a move a killed process left half done (folder renamed, its lock left behind, checkouts not repaired) is finished by the next run', async () => {
    const repo = await createRepo(join(tmp, 'remotes'), 'auth', [{ 'a.txt': 'one' }]);
    const pin = { component: 'auth', url: repo.url, sha: repo.shas[0] };
    await materializePin(root, pin);
    await writeFile(join(checkoutDir(root, 'auth', repo.shas[0]), 'stray.txt'), 'left before the move');
    const moved = join(tmp, 'moved');
    await rename(root, moved);
    // What the killed process did: the lock taken, the folder renamed after the new path. Not done: the links,
    // the repair, the owner file (it still names the old path).
    const lock = `${placementLock(moved)}.lock`;
    await mkdir(lock);
    const longAgo = new Date(Date.now() - 60_000);
    await utimes(lock, longAgo, longAgo);
    await rename(workspaceCheckoutsDir(root), workspaceCheckoutsDir(moved));
    expect(await readFile(join(workspaceCheckoutsDir(moved), 'workspace'), 'utf8')).toBe(`${root}\n`);

    const again = await materializePin(moved, pin);
    expect(again.status).toBe('cached');
    expect(await readFile(join(again.dir, 'stray.txt'), 'utf8')).toBe('left before the move');
    expect(await gitIn(again.dir, ['rev-parse', 'HEAD'])).toBe(repo.shas[0]);
    expect(realpathSync(checkoutsRoot(moved))).toBe(join(workspaceCheckoutsDir(moved), 'checkouts'));
    expect(await readFile(join(workspaceCheckoutsDir(moved), 'workspace'), 'utf8')).toBe(`${moved}\n`);
    expect(existsSync(lock)).toBe(false);
  });

  it("a copy of a workspace (cp -a copies the links) gets a folder of its own; the original's stays the original's", async () => {
    const repo = await createRepo(join(tmp, 'remotes'), 'auth', [{ 'a.txt': 'one' }]);
    const pin = { component: 'auth', url: repo.url, sha: repo.shas[0] };
    await materializePin(root, pin);
    const copy = join(tmp, 'copy');
    await cp(root, copy, { recursive: true, verbatimSymlinks: true });
    expect(realpathSync(checkoutsRoot(copy))).toBe(join(workspaceCheckoutsDir(root), 'checkouts'));

    const inCopy = await materializePin(copy, pin);
    expect(realpathSync(checkoutsRoot(copy))).toBe(join(workspaceCheckoutsDir(copy), 'checkouts'));
    expect(realpathSync(packageStoreDir(copy))).toBe(join(workspaceCheckoutsDir(copy), 'pnpm-store'));
    expect(await readFile(join(workspaceCheckoutsDir(copy), 'workspace'), 'utf8')).toBe(`${copy}\n`);
    expect(await readFile(join(workspaceCheckoutsDir(root), 'workspace'), 'utf8')).toBe(`${root}\n`);
    expect(await gitIn(inCopy.dir, ['rev-parse', 'HEAD'])).toBe(repo.shas[0]);
    expect(await gitIn(inCopy.dir, ['status', '--porcelain'])).toBe('');
    // The original's checkout is untouched and still its own.
    const inRoot = await materializePin(root, pin);
    expect(inRoot.status).toBe('cached');
    expect(realpathSync(inRoot.dir)).toBe(join(workspaceCheckoutsDir(root), 'checkouts', `auth@${repo.shas[0]}`));
    expect(await gitIn(inRoot.dir, ['status', '--porcelain'])).toBe('');
  });

  it('a cache folder inside the workspace is refused in one line: the checkouts would see its node_modules again', async () => {
    process.env[CHECKOUTS_DIR_VARIABLE] = join(root, '.cache');
    await expect(placeCheckoutsOutside(root)).rejects.toThrow(
      `SEAMLINE_CHECKOUTS_DIR or the cache folder (${join(root, '.cache')}) is inside the workspace, where checkouts would see its node_modules; set SEAMLINE_CHECKOUTS_DIR to a folder outside ${root}`,
    );
    expect(existsSync(checkoutsRoot(root))).toBe(false);
  });

  it('a node_modules above the cache folder (a stray ~/node_modules) is refused in one line: every checkout would see its packages', async () => {
    await mkdir(join(tmp, 'node_modules', 'only-above'), { recursive: true });
    await expect(placeCheckoutsOutside(root)).rejects.toThrow(
      `${join(tmp, 'node_modules')} is at or above ${home}, where this workspace's checkouts live: Node, TypeScript and npm in every checkout would find its packages; remove it, or set SEAMLINE_CHECKOUTS_DIR to a folder with no node_modules above it`,
    );
    expect(existsSync(checkoutsRoot(root))).toBe(false);
    // A SEAMLINE_CHECKOUTS_DIR inside a node_modules: refused too.
    process.env[CHECKOUTS_DIR_VARIABLE] = join(tmp, 'node_modules', 'only-above', 'cache');
    await expect(placeCheckoutsOutside(root)).rejects.toThrow(/node_modules is at or above/);
    // With it gone: placed.
    await rm(join(tmp, 'node_modules'), { recursive: true });
    process.env[CHECKOUTS_DIR_VARIABLE] = home;
    await placeCheckoutsOutside(root);
    expect(realpathSync(checkoutsRoot(root))).toBe(join(workspaceCheckoutsDir(root), 'checkouts'));
  });

  it('the node_modules check looks above the folder the checkouts are in: a variable changed later neither moves nor refuses them; a copy going there is refused', async () => {
    // What an earlier run left: the links lead to this workspace's folder in a safe place.
    const folder = join(tmp, 'safe', 'integration-0123456789ab');
    for (const name of ['checkouts', 'pnpm-store']) await mkdir(join(folder, name), { recursive: true });
    await writeFile(join(folder, 'workspace'), `${root}\n`);
    await mkdir(join(root, '.seamline'));
    await symlink(join(folder, 'checkouts'), checkoutsRoot(root));
    await symlink(join(folder, 'pnpm-store'), packageStoreDir(root));
    // The variable now names a folder inside another project, which it would not be safe to use.
    await mkdir(join(tmp, 'project', 'node_modules'), { recursive: true });
    process.env[CHECKOUTS_DIR_VARIABLE] = join(tmp, 'project', 'cache');

    await placeCheckoutsOutside(root);
    expect(realpathSync(checkoutsRoot(root))).toBe(join(folder, 'checkouts'));
    expect(existsSync(join(tmp, 'project', 'cache'))).toBe(false);

    // A copy would go there, and is refused before anything is made.
    const copy = join(tmp, 'copy');
    await cp(root, copy, { recursive: true, verbatimSymlinks: true });
    await expect(placeCheckoutsOutside(copy)).rejects.toThrow(
      `${join(tmp, 'project', 'node_modules')} is at or above ${join(tmp, 'project', 'cache')}, where this workspace's checkouts live`,
    );
    expect(existsSync(join(tmp, 'project', 'cache'))).toBe(false);
    expect(await readFile(join(folder, 'workspace'), 'utf8')).toBe(`${root}\n`);
  });

  it('a cache folder that cannot be made is said in one line, with the variable to set', async () => {
    // A file where the folder would go: mkdir fails whoever runs (root included).
    await writeFile(home, 'not a folder');
    await expect(placeCheckoutsOutside(root)).rejects.toThrow(
      `cannot make ${workspaceCheckoutsDir(root)}, where this workspace's checkouts live (ENOTDIR); set SEAMLINE_CHECKOUTS_DIR to a writable folder outside the workspace`,
    );
  });

  it("the cache folder: SEAMLINE_CHECKOUTS_DIR, else the platform's user cache", () => {
    expect(checkoutsHome({ SEAMLINE_CHECKOUTS_DIR: '/srv/checkouts' }, 'linux')).toBe('/srv/checkouts');
    expect(checkoutsHome({ XDG_CACHE_HOME: '/x/cache' }, 'linux')).toBe('/x/cache/seamline');
    expect(checkoutsHome({}, 'linux')).toMatch(/\/\.cache\/seamline$/);
    expect(checkoutsHome({}, 'darwin')).toMatch(/\/Library\/Caches\/seamline$/);
  });
});
