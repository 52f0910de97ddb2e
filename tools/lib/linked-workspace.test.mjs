// linkNodeModules with and without another Nx release (BENCH_NX), on a throwaway repository
// layout, and nxRelease's refusal of what is not an exact release (before any install).
// Run: node --test tools/lib/linked-workspace.test.mjs (the `tools:test` target).
import assert from 'node:assert/strict';
import { lstat, mkdir, mkdtemp, readlink, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { linkNodeModules } from './linked-workspace.mjs';
import { nxRelease } from './nx-release.mjs';

const tmp = await mkdtemp(join(tmpdir(), 'seamline-linked-'));
after(() => rm(tmp, { recursive: true, force: true }));

async function files(root, entries) {
  for (const [path, text] of Object.entries(entries)) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), text);
  }
}

const repo = join(tmp, 'repo');
await files(repo, {
  'node_modules/nx/package.json': JSON.stringify({ name: 'nx', version: '23.2.1' }),
  'node_modules/zod/package.json': JSON.stringify({ name: 'zod' }),
  'dist/packages/seamline/package.json': JSON.stringify({ name: '@seamline/nx', bin: { 'seamline-seam': './src/bin/seamline-seam.js' } }),
  'dist/packages/seamline/src/bin/seamline-seam.js': '#!/usr/bin/env node\n',
});
const otherNx = join(tmp, 'other/node_modules/nx');
await files(otherNx, { 'package.json': JSON.stringify({ name: 'nx', version: '24.0.7' }) });

describe('linkNodeModules', () => {
  it("links the repository's packages and its built plugin", async () => {
    const ws = join(tmp, 'ws-default');
    await linkNodeModules(ws, repo);
    assert.equal(await realpath(join(ws, 'node_modules/nx')), await realpath(join(repo, 'node_modules/nx')));
    assert.ok((await lstat(join(ws, 'node_modules/@seamline/nx'))).isSymbolicLink());
    assert.equal(await realpath(join(ws, 'node_modules/.bin/seamline-seam')), await realpath(join(repo, 'dist/packages/seamline/src/bin/seamline-seam.js')));
  });

  it('with nxDir, links that Nx and copies the plugin, so the plugin resolves that Nx too', async () => {
    const ws = join(tmp, 'ws-other-nx');
    await linkNodeModules(ws, repo, { nxDir: otherNx });
    assert.equal(await readlink(join(ws, 'node_modules/nx')), otherNx);
    assert.equal(await realpath(join(ws, 'node_modules/zod')), await realpath(join(repo, 'node_modules/zod')));
    const plugin = join(ws, 'node_modules/@seamline/nx');
    assert.ok((await lstat(plugin)).isDirectory(), 'a real folder, not a link into the repository');
    assert.equal(await realpath(join(ws, 'node_modules/.bin/seamline-seam')), join(await realpath(plugin), 'src/bin/seamline-seam.js'));
  });
});

describe('nxRelease', () => {
  for (const version of ['latest', '24', '^24.0.0', '24.0.7; rm -rf /'])
    it(`refuses "${version}" in one line, installing nothing`, async () => {
      await assert.rejects(
        nxRelease(version, () => assert.fail('nothing is installed')),
        {
          message: `BENCH_NX: "${version}" is not an exact Nx release; give one such as 24.0.7`,
        },
      );
    });
});
