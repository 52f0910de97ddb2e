// removeWorkspaceAndNxData against this repository's Nx: a throwaway workspace that is a git
// repository leaves nothing behind in ~/.nx; one outside git has nothing there to remove.
// Run: node --test tools/lib/nx-shared-data.test.mjs (the `tools:test` target).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { git } from './linked-workspace.mjs';
import { nxSharedDataDir, removeWorkspaceAndNxData, seamlineCheckoutsDir } from './nx-shared-data.mjs';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const tmp = await mkdtemp(join(tmpdir(), 'seamline-nx-shared-'));
after(() => rm(tmp, { recursive: true, force: true }));

async function workspace(name, { remote }) {
  const ws = join(tmp, name);
  await git(tmp, ['init', '-q', '-b', 'main', ws]);
  await writeFile(join(ws, 'nx.json'), '{}');
  await writeFile(join(ws, '.gitignore'), 'node_modules\n');
  await symlink(join(repoRoot, 'node_modules'), join(ws, 'node_modules'), 'dir');
  if (remote) await git(ws, ['remote', 'add', 'origin', `https://github.com/seamline-test/${name}-${process.pid}.git`]);
  await git(ws, ['add', '-A']);
  await git(ws, ['commit', '-qm', 'first']);
  return ws;
}

describe('removeWorkspaceAndNxData', () => {
  it('removes the folder Nx keeps for a git workspace under ~/.nx, and the workspace', async () => {
    const ws = await workspace('with-remote', { remote: true });
    const shared = await nxSharedDataDir(ws);
    // Nx 23 shares a named workspace's cache; this repository pins Nx 23.
    assert.ok(shared, 'Nx 23 keeps a git workspace with a remote in ~/.nx/<key>');
    assert.equal(dirname(shared), join(homedir(), '.nx'));
    assert.ok(existsSync(join(shared, 'cache')), `Nx made ${shared}/cache`);
    await removeWorkspaceAndNxData(ws);
    assert.equal(existsSync(shared), false);
    assert.equal(existsSync(ws), false);
  });

  it('leaves ~/.nx alone for a workspace outside git (its cache is inside it)', async () => {
    const ws = join(tmp, 'outside-git');
    await workspace('outside-git', { remote: false });
    await rm(join(ws, '.git'), { recursive: true });
    assert.equal(await nxSharedDataDir(ws), undefined);
    await removeWorkspaceAndNxData(ws);
    assert.equal(existsSync(ws), false);
  });

  it("removes Seamline's checkouts outside the workspace, only when they name it as their own", async () => {
    // As the plugin's placeCheckoutsOutside leaves them: <outside>/{workspace,checkouts}, linked from .seamline/checkouts.
    const linked = async (name, owner) => {
      const ws = join(tmp, name);
      await workspace(name, { remote: false });
      const outside = join(tmp, 'outside', name);
      await mkdir(join(outside, 'checkouts', 'auth@abc'), { recursive: true });
      await writeFile(join(outside, 'workspace'), `${owner ?? (await realpath(ws))}\n`);
      await mkdir(join(ws, '.seamline'));
      await symlink(join(outside, 'checkouts'), join(ws, '.seamline', 'checkouts'));
      return { ws, outside };
    };
    const own = await linked('with-checkouts');
    assert.equal(await seamlineCheckoutsDir(own.ws), own.outside);
    await removeWorkspaceAndNxData(own.ws);
    assert.equal(existsSync(own.outside), false);
    assert.equal(existsSync(own.ws), false);

    const other = await linked('linked-to-another', '/somewhere/else');
    assert.equal(await seamlineCheckoutsDir(other.ws), undefined);
    await removeWorkspaceAndNxData(other.ws);
    assert.equal(existsSync(join(other.outside, 'checkouts', 'auth@abc')), true, 'a folder another workspace owns stays');
  });
});
