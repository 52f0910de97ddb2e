import { existsSync, realpathSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkoutsRoot } from '../workspace/layout';
import { CHECKOUTS_DIR_VARIABLE, placeCheckoutsOutside, workspaceCheckoutsDir } from './checkouts-outside';
import { findOrphanedFolders, removeOrphanedFolder } from './orphaned-checkouts';

describe('folders of checkouts that no workspace uses any more', () => {
  let tmp: string;
  let home: string;
  const saved = process.env[CHECKOUTS_DIR_VARIABLE];
  beforeEach(async () => {
    tmp = realpathSync(await mkdtemp(join(tmpdir(), 'seamline-orphans-')));
    home = join(tmp, 'cache');
    process.env[CHECKOUTS_DIR_VARIABLE] = home;
  });
  afterEach(async () => {
    process.env[CHECKOUTS_DIR_VARIABLE] = saved;
    await rm(tmp, { recursive: true, force: true });
  });

  /** A workspace whose links are placed, with a file of `kb` KB in its checkouts. */
  async function workspace(name: string, kb = 64): Promise<string> {
    const root = join(tmp, name);
    await mkdir(root, { recursive: true });
    await placeCheckoutsOutside(root);
    await writeFile(join(checkoutsRoot(root), 'data.bin'), Buffer.alloc(kb * 1024, 1));
    return root;
  }

  it('lists the folders of deleted workspaces and of workspaces that no longer link to them, with their size, and nothing else', async () => {
    const kept = await workspace('kept');
    const deleted = await workspace('deleted', 128);
    const unlinked = await workspace('unlinked');
    await rm(deleted, { recursive: true });
    await rm(join(unlinked, '.seamline'), { recursive: true });
    // Not Seamline's to judge: a folder of another name, and one without an owner file.
    await mkdir(join(home, 'notes'));
    await mkdir(join(home, 'half-made-0123456789ab'));

    const found = await findOrphanedFolders(home);
    expect(found.map((f) => [f.dir, f.workspace, f.why])).toEqual([
      [workspaceCheckoutsDir(deleted), deleted, 'gone'],
      [workspaceCheckoutsDir(unlinked), unlinked, 'elsewhere'],
    ]);
    expect(found[0].bytes).toBeGreaterThanOrEqual(128 * 1024);
    expect(found.map((f) => f.dir)).not.toContain(workspaceCheckoutsDir(kept));
  });

  it("removes an orphaned folder, but not one its workspace links to again meanwhile; the living workspace's folder stays", async () => {
    const kept = await workspace('kept');
    const deleted = await workspace('deleted');
    const unlinked = await workspace('unlinked');
    await rm(deleted, { recursive: true });
    await rm(join(unlinked, '.seamline'), { recursive: true });
    const [gone, back] = await findOrphanedFolders(home);
    // The workspace runs again before the removal: its links lead to its folder again.
    await placeCheckoutsOutside(unlinked);

    expect(await removeOrphanedFolder(gone)).toBe(true);
    expect(await removeOrphanedFolder(back)).toBe(false);
    expect(existsSync(gone.dir)).toBe(false);
    expect(existsSync(join(back.dir, 'checkouts'))).toBe(true);
    expect(existsSync(join(checkoutsRoot(kept), 'data.bin'))).toBe(true);
    expect(await findOrphanedFolders(home)).toEqual([]);
  });

  it("a workspace moved before it ran again is listed under its old path; once it runs, its folder follows it and is no one's orphan", async () => {
    const root = await workspace('before');
    const moved = join(tmp, 'after');
    await rename(root, moved);
    expect((await findOrphanedFolders(home)).map((f) => [f.workspace, f.why])).toEqual([[root, 'gone']]);

    await placeCheckoutsOutside(moved);
    expect(realpathSync(checkoutsRoot(moved))).toBe(join(workspaceCheckoutsDir(moved), 'checkouts'));
    expect(existsSync(join(checkoutsRoot(moved), 'data.bin'))).toBe(true);
    expect(existsSync(workspaceCheckoutsDir(join(tmp, 'before')))).toBe(false);
    expect(await findOrphanedFolders(home)).toEqual([]);
  });
});
