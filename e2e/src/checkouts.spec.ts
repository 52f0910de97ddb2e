import { existsSync, realpathSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, join } from 'node:path';
import { createE2eWorkspace, type E2eWorkspace } from './e2e-workspace';
import { createLfsRepo } from './fixtures/lfs-repo';
import { createWorkspaceRepos, type WorkspaceRepos, workspaceIntegrationFiles } from './fixtures/workspace-repos';

/**
 * Components that hold several packages (a pnpm workspace, prepared with pnpm
 * install and tsc), bounded disk (`gc` below the current size while another run
 * holds its checkouts), and a component that keeps files in Git LFS.
 */
interface Seen {
  required: Record<'codec' | 'types', { version: string; format?: string; built?: boolean; file: string }>;
  imported: Record<'codec' | 'types', { version: string; format?: string; built?: boolean; file: string }>;
  platform: string;
}

describe('multi-package components and bounded checkouts', () => {
  let ws: E2eWorkspace;
  let repos: WorkspaceRepos;
  const runDirOf = (output: string) => /artifacts in (\.seamline\/runs\/[\w-]+)/.exec(output)?.[1] ?? '';
  const seenIn = async (output: string, seam = 'app-platform'): Promise<Seen> => {
    const log = await readFile(join(ws.root, runDirOf(output), `logs/${seam}.log`), 'utf8');
    return JSON.parse(/SEEN (.*)/.exec(log)?.[1] ?? 'null');
  };
  const checkouts = async () => (await readdir(join(ws.root, '.seamline/checkouts'))).filter((n) => !n.startsWith('.')).sort();

  beforeAll(async () => {
    ws = await createE2eWorkspace();
    // pnpm as the compatibility matrix installs it (from the registry, cached), first on PATH.
    const { preparePackageManagers } = await import('../../tools/compat/toolchain.mjs');
    const pmBin = await preparePackageManagers(join(tmpdir(), 'seamline-compat/tools'), ws.env, join(ws.root, '.pack', 'toolchain.log'));
    ws.env.PATH = `${pmBin}${delimiter}${ws.env.PATH}`;
    repos = await createWorkspaceRepos(ws.env);
    await ws.write({ ...workspaceIntegrationFiles(repos), 'nx.json': JSON.stringify({ plugins: ['@seamline/nx'] }) });
  });
  afterAll(async () => {
    await ws?.remove();
    await repos?.remove();
  });

  it('a pnpm-workspace component providing two packages: both resolve to the pinned checkout under require and import, and another pin loads its own', async () => {
    for (const [sha, version] of [
      [repos.platform.v1, '1.0.0'],
      [repos.platform.v2, '2.0.0'],
    ]) {
      const run = await ws.nx(['run', 'integration:pr-fast', '--component=platform', `--sha=${sha}`]);
      expect([run.exitCode, run.exitCode ? run.all : '']).toEqual([0, '']);
      const seen = await seenIn(run.all);
      const pinned = join(ws.root, '.seamline/checkouts', `platform@${sha}`);
      expect(seen.platform).toBe(pinned);
      // Node names a module by its real path: the checkout outside the workspace, where it sees none of the workspace's packages.
      const real = realpathSync(pinned);
      expect(real.startsWith(`${ws.root}/`)).toBe(false);
      expect(seen.required).toEqual({
        codec: { version, format: 'cjs', file: join(real, 'packages/codec/cjs/index.js') },
        types: { version, built: true, file: join(real, 'packages/types/dist/index.js') },
      });
      expect(seen.imported).toEqual({
        codec: { version, format: 'esm', file: `file://${join(real, 'packages/codec/esm/index.mjs')}` },
        types: { version, built: true, file: `file://${join(real, 'packages/types/dist/index.js')}` },
      });
    }
    // The two pins' node_modules share pnpm's store (.seamline/pnpm-store, beside the checkouts): typescript is hard-linked, not copied.
    expect(existsSync(join(ws.root, '.seamline/pnpm-store'))).toBe(true);
    const tsc = (sha: string) => join(ws.root, '.seamline/checkouts', `platform@${sha}`, 'node_modules/.pnpm');
    expect((await readdir(tsc(repos.platform.v1))).some((n) => n.startsWith('typescript@'))).toBe(true);
  });

  it('gc with a limit below the current size frees down to it while another run holds its checkouts, and that run still passes', async () => {
    const { execa } = await import('execa');
    const before = await checkouts();
    expect(before).toEqual([`app@${repos.app.shas[0]}`, `platform@${repos.platform.v1}`, `platform@${repos.platform.v2}`].sort());
    // A run whose seam waits, mid-run, until told to go on: it holds app and platform@v1.
    const held = execa(
      join(ws.root, 'node_modules/.bin/nx'),
      ['run', 'integration:pr-fast', '--component=platform', `--sha=${repos.platform.v1}`, '--subset=hold', '--skip-nx-cache'],
      { cwd: ws.root, env: ws.env, extendEnv: false, reject: false, all: true },
    );
    while (!existsSync(join(ws.root, 'hold-started'))) {
      if (held.exitCode !== null && held.exitCode !== undefined) throw new Error(`the holding run ended early: ${(await held).all}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    let gc: Awaited<ReturnType<E2eWorkspace['nx']>>;
    let left: string[];
    try {
      gc = await ws.nx(['run', 'integration:gc', '--max-size=1KB']);
      left = await checkouts();
    } finally {
      // Whatever happened, the held run is let go and awaited.
      await writeFile(join(ws.root, 'hold-go'), '');
    }
    expect([gc.exitCode, gc.exitCode ? gc.all : '']).toEqual([0, '']);
    expect(gc.all).toMatch(/Checkouts: [\d.]+ [KM]B before, limit 1\.0 KB; removed 1, freed [\d.]+ [KM]B; [\d.]+ [KM]B left\./);
    expect(gc.all).toContain(`removed platform@${repos.platform.v2}`);
    expect(gc.all).toMatch(new RegExp(`kept platform@${repos.platform.v1} \\([\\d.]+ [KM]B\\): in use by a running process`));
    expect(gc.all).toMatch(new RegExp(`kept app@${repos.app.shas[0]} \\([\\d.]+ [KM]B\\): in use by a running process`));
    expect(gc.all).toContain('Still above the limit: the checkouts left are in use by running processes.');
    expect(left).toEqual([`app@${repos.app.shas[0]}`, `platform@${repos.platform.v1}`].sort());

    const run = await held;
    expect([run.exitCode, run.exitCode ? run.all : '']).toEqual([0, '']);
    expect(run.all).toContain('pr-fast passed');
    const seen = await seenIn(run.all, 'app-platform-held');
    expect(seen.required.types).toEqual({
      version: '1.0.0',
      built: true,
      file: join(realpathSync(join(ws.root, '.seamline/checkouts')), `platform@${repos.platform.v1}`, 'packages/types/dist/index.js'),
    });

    // Released: cache.max_size in seamline.yaml makes the next run end with gc, which now takes the earlier pin.
    const config = join(ws.root, 'integration/seamline.yaml');
    await writeFile(config, `${await readFile(config, 'utf8')}cache:\n  max_size: 1KB\n`);
    const next = await ws.nx(['run', 'integration:pr-fast', '--component=platform', `--sha=${repos.platform.v2}`, '--skip-nx-cache']);
    expect([next.exitCode, next.exitCode ? next.all : '']).toEqual([0, '']);
    expect(next.all).toContain(`removed platform@${repos.platform.v1}`);
    expect(await checkouts()).toEqual([`app@${repos.app.shas[0]}`, `platform@${repos.platform.v2}`].sort());
  });

  it("a moved workspace reuses its checkouts where they are; a copy gets checkouts of its own; gc --orphans removes the deleted copy's", async () => {
    const { execa } = await import('execa');
    const prFast = async (cwd: string) => {
      const args = ['run', 'integration:pr-fast', '--component=platform', `--sha=${repos.platform.v1}`, '--skip-nx-cache'];
      const r = await execa(join(cwd, 'node_modules/.bin/nx'), args, { cwd, env: ws.env, extendEnv: false, reject: false, all: true });
      return { exitCode: r.exitCode ?? -1, all: r.all ?? '' };
    };
    const folderOf = (root: string) => dirname(realpathSync(join(root, '.seamline/checkouts')));
    const headOf = async (checkout: string) => (await execa('git', ['rev-parse', 'HEAD'], { cwd: checkout })).stdout;
    const cached = new RegExp(`✓ platform +${repos.platform.v1.slice(0, 12)} +cached`);
    const first = await prFast(ws.root);
    expect([first.exitCode, first.exitCode ? first.all : '']).toEqual([0, '']);
    const folder = folderOf(ws.root);

    const moved = `${ws.root}-moved`;
    await rename(ws.root, moved);
    try {
      const run = await prFast(moved);
      expect([run.exitCode, run.exitCode ? run.all : '']).toEqual([0, '']);
      expect(run.all).toMatch(cached);
      expect(basename(folderOf(moved))).toMatch(new RegExp(`^${basename(moved)}-[0-9a-f]{12}$`));
      expect(existsSync(folder)).toBe(false);
      expect(await headOf(join(moved, '.seamline/checkouts', `platform@${repos.platform.v1}`))).toBe(repos.platform.v1);
    } finally {
      await rename(moved, ws.root);
    }
    const back = await prFast(ws.root);
    expect([back.exitCode, back.exitCode ? back.all : '']).toEqual([0, '']);
    expect(back.all).toMatch(cached);
    expect(folderOf(ws.root)).toBe(folder);

    const copy = `${ws.root}-copy`;
    await execa('cp', ['-a', ws.root, copy]);
    try {
      const run = await prFast(copy);
      expect([run.exitCode, run.exitCode ? run.all : '']).toEqual([0, '']);
      expect(folderOf(copy)).not.toBe(folder);
      expect(await headOf(join(copy, '.seamline/checkouts', `platform@${repos.platform.v1}`))).toBe(repos.platform.v1);
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
    const orphans = await ws.nx(['run', 'integration:gc', '--orphans']);
    expect([orphans.exitCode, orphans.exitCode ? orphans.all : '']).toEqual([0, '']);
    expect(orphans.all).toMatch(/Folders of deleted or moved workspaces in .*: removed \d+, freed [\d.]+ [KMG]B\./);
    expect(orphans.all).toMatch(new RegExp(`removed \\S+/${basename(copy)}-[0-9a-f]{12} \\([\\d.]+ [KMG]B\\): \\S+/${basename(copy)} is gone`));
    // The original's folder and checkouts stay.
    expect(folderOf(ws.root)).toBe(folder);
    expect(await headOf(join(ws.root, '.seamline/checkouts', `platform@${repos.platform.v1}`))).toBe(repos.platform.v1);
  });

  it('a component with Git LFS files: pointers by default, said on its progress line; lfs: true fetches them and the seam runs again', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'seamline-lfs-'));
    try {
      const { repo: assets, gitEnv } = await createLfsRepo(parent);
      const [sha] = assets.shas;
      const config = join(ws.root, 'integration/seamline.yaml');
      await ws.write({
        'components/assets/component.yaml': `repo: ${assets.url}\n`,
        'seams/assets-logo/seam.yaml': 'components: [assets]\ncatches: a logo that is a Git LFS pointer\ncommand: [node, check.js]\n',
        'seams/assets-logo/check.js': [
          "const logo = require('fs').readFileSync(process.env.SEAMLINE_DIR_ASSETS + '/logo.bin', 'utf8');",
          "if (logo !== 'logo v1\\n') throw new Error(`logo.bin is not the logo: ${logo.split('\\n')[0]}`);",
          "console.log('logo.bin is the logo');",
          '',
        ].join('\n'),
        // A seam that passes either way: its result is cached, so only a run hash that knows what the checkout holds runs it again.
        'seams/assets-size/seam.yaml': 'components: [assets]\ncatches: a logo too large to ship\ncommand: [node, check.js]\n',
        'seams/assets-size/check.js': "console.log(`logo.bin has ${require('fs').statSync(process.env.SEAMLINE_DIR_ASSETS + '/logo.bin').size} bytes`);\n",
        'integration/seamline.yaml': (await readFile(config, 'utf8')).replace(
          'subsets:\n',
          'subsets:\n  lfs: { seams: [assets-logo, assets-size], budget: 20m }\n',
        ),
      });
      const run = () => ws.nx(['run', 'integration:pr-fast', '--component=assets', `--sha=${sha}`, '--subset=lfs'], gitEnv);

      const pointers = await run();
      expect(pointers.all).toMatch(
        new RegExp(
          `✓ assets +${sha.slice(0, 12)} +fetched .*\\(Git LFS files left as pointers: set lfs: true in components/assets/component\\.yaml to fetch them\\)`,
        ),
      );
      expect(pointers.all).toContain('logo.bin is not the logo: version https://git-lfs.github.com/spec/v1');
      expect(pointers.all).toMatch(/logo\.bin has 1\d\d bytes/);
      expect(pointers.all).toContain('pr-fast failed: failed seam: assets-logo');

      await writeFile(join(ws.root, 'components/assets/component.yaml'), `repo: ${assets.url}\nlfs: true\n`);
      const fetched = await run();
      expect([fetched.exitCode, fetched.exitCode ? fetched.all : '']).toEqual([0, '']);
      expect(fetched.all).toMatch(new RegExp(`✓ assets +${sha.slice(0, 12)} +fetched +[\\d.]+s +\\.seamline/checkouts/assets@${sha}\n`));
      expect(fetched.all).toContain('logo.bin is the logo');
      // The same tuple, but its checkout now holds the files: the passing seam ran again, not replayed from the Nx cache.
      expect(fetched.all).toContain('logo.bin has 8 bytes');
      expect(fetched.all).toContain('pr-fast passed: 2 seams passed');
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });
});
