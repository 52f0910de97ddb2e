import { readJson, readNxJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { parse } from 'yaml';
import { parseIntegrationConfig } from '../../core/config/parse-config';
import { initGenerator } from './generator';

describe('init generator', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
  });

  it('registers the plugin, writes seamline.yaml with pr_fast and full, ignores .seamline/, adds pinned devDependencies', async () => {
    await initGenerator(tree, { skipFormat: true });
    expect(readNxJson(tree)?.plugins).toEqual(['@seamline/nx']);
    const config = parseIntegrationConfig(tree.read('integration/seamline.yaml', 'utf-8')!, 'integration/seamline.yaml');
    expect(Object.keys(config.subsets)).toEqual(['pr_fast', 'full']);
    expect(config.subsets.full.seams).toBe('all');
    expect(config.subsets.pr_fast.budget).toBe(600);
    expect(tree.read('.gitignore', 'utf-8')).toContain('.seamline/\nintegration/*.lock\n');
    expect(tree.read('.nxignore', 'utf-8')).toMatch(/^# @seamline\/nx: .*\n\.seamline\/\n$/);
    expect(readJson(tree, 'package.json').devDependencies).toEqual({
      jest: '30.5.2',
      '@types/jest': '30.0.0',
      typescript: '5.9.3',
    });
  });

  it('changes nothing when run a second time', async () => {
    await initGenerator(tree, { skipFormat: true });
    const snapshot = (t: Tree) =>
      Object.fromEntries(['nx.json', 'package.json', '.gitignore', '.nxignore', 'integration/seamline.yaml'].map((f) => [f, t.read(f, 'utf-8')]));
    const first = snapshot(tree);
    await initGenerator(tree, { skipFormat: true });
    expect(snapshot(tree)).toEqual(first);
  });

  it('keeps the TypeScript a workspace has, 7 too: seams need no TypeScript API (ts-jest did, and refused 7)', async () => {
    tree.write('package.json', JSON.stringify({ name: 'integration', devDependencies: { nx: '^24.0.6', typescript: '^7.0.2' } }));
    await initGenerator(tree, { skipFormat: true });
    expect(readJson(tree, 'package.json').devDependencies).toEqual({ nx: '^24.0.6', typescript: '^7.0.2', jest: '30.5.2', '@types/jest': '30.0.0' });
    // bun init declares TypeScript as a peer, which bun installs: it is the workspace's TypeScript too.
    tree.write('package.json', JSON.stringify({ name: 'integration', devDependencies: { nx: '^24.0.6' }, peerDependencies: { typescript: '^7' } }));
    await initGenerator(tree, { skipFormat: true });
    expect(readJson(tree, 'package.json')).toMatchObject({
      devDependencies: { nx: '^24.0.6', jest: '30.5.2', '@types/jest': '30.0.0' },
      peerDependencies: { typescript: '^7' },
    });
    expect(readJson(tree, 'package.json').devDependencies.typescript).toBeUndefined();
  });

  it('keeps a user-edited seamline.yaml and an existing plugin entry with options', async () => {
    tree.write('integration/seamline.yaml', 'subsets:\n  mine: { seams: all, budget: 5m }\n');
    tree.write('nx.json', JSON.stringify({ plugins: [{ plugin: '@seamline/nx', options: {} }] }));
    tree.write('.gitignore', 'node_modules\n.seamline\n');
    await initGenerator(tree, { skipFormat: true, skipPackageJson: true });
    expect(tree.read('integration/seamline.yaml', 'utf-8')).toBe('subsets:\n  mine: { seams: all, budget: 5m }\n');
    expect(readNxJson(tree)?.plugins).toEqual([{ plugin: '@seamline/nx', options: {} }]);
    expect(tree.read('.gitignore', 'utf-8')).toBe(
      'node_modules\n.seamline\n# @seamline/nx: dependencies, Nx cache and workspace data, pin caches, checkouts, run artifacts, store locks, the report site\n.nx/\nintegration/*.lock\ndist/\n',
    );
    expect(readJson(tree, 'package.json').devDependencies?.jest).toBeUndefined();
  });

  it('adds .seamline/ to an existing .nxignore once, keeping its lines, also in a workspace initialised before', async () => {
    tree.write('.nxignore', 'dist');
    await initGenerator(tree, { skipFormat: true, skipPackageJson: true });
    const once = tree.read('.nxignore', 'utf-8')!;
    expect(once.split('\n').filter((l) => !l.startsWith('#'))).toEqual(['dist', '.seamline/', '']);
    await initGenerator(tree, { skipFormat: true, skipPackageJson: true });
    expect(tree.read('.nxignore', 'utf-8')).toBe(once);
    tree.write('.nxignore', '/.seamline\n');
    await initGenerator(tree, { skipFormat: true, skipPackageJson: true });
    expect(tree.read('.nxignore', 'utf-8')).toBe('/.seamline\n');
  });

  it('creates nx.json with the plugin registered in a repository that has only a package.json', async () => {
    tree.delete('nx.json');
    await initGenerator(tree, { skipFormat: true });
    expect(readJson(tree, 'nx.json')).toEqual({ $schema: './node_modules/nx/schemas/nx-schema.json', plugins: ['@seamline/nx'] });
  });

  it('adds the plugin next to the plugins a workspace already has', async () => {
    tree.write('nx.json', JSON.stringify({ plugins: ['@nx/js/typescript'], namedInputs: { default: ['{projectRoot}/**/*'] } }));
    await initGenerator(tree, { skipFormat: true, skipPackageJson: true });
    expect(readNxJson(tree)).toMatchObject({ plugins: ['@nx/js/typescript', '@seamline/nx'], namedInputs: { default: ['{projectRoot}/**/*'] } });
  });

  it('makes .gitignore cover node_modules/, .nx/ and .seamline/ when there is none', async () => {
    await initGenerator(tree, { skipFormat: true, skipPackageJson: true });
    const lines = tree.read('.gitignore', 'utf-8')!.split('\n');
    expect(lines).toEqual(expect.arrayContaining(['node_modules/', '.nx/', '.seamline/', 'integration/*.lock', 'dist/']));
  });

  it('counts /node_modules and .nx/ written with or without slashes as covered, and adds .nx/ next to .nx/cache lines', async () => {
    tree.write('.gitignore', '/node_modules\n.nx/cache\n.nx/workspace-data\n/.seamline/\nintegration/*.lock\n');
    await initGenerator(tree, { skipFormat: true, skipPackageJson: true });
    expect(tree.read('.gitignore', 'utf-8')).toBe(
      '/node_modules\n.nx/cache\n.nx/workspace-data\n/.seamline/\nintegration/*.lock\n# @seamline/nx: dependencies, Nx cache and workspace data, pin caches, checkouts, run artifacts, store locks, the report site\n.nx/\ndist/\n',
    );
  });

  it("refuses Yarn Plug'n'Play with one line and writes nothing", async () => {
    tree.write('.pnp.cjs', '// pnp\n');
    const before = tree.listChanges().length;
    await expect(initGenerator(tree, { skipFormat: true })).rejects.toThrow(
      /^@seamline\/nx does not support Yarn Plug'n'Play \(\.pnp\.cjs\): set "nodeLinker: node-modules" in \.yarnrc\.yml, run yarn install, then nx add @seamline\/nx again$/,
    );
    expect(tree.listChanges().length).toBe(before);
    expect(tree.exists('integration/seamline.yaml')).toBe(false);
  });

  it('runs under Yarn with nodeLinker: node-modules even where an old .pnp.cjs is left', async () => {
    tree.write('.pnp.cjs', '// pnp\n');
    tree.write('.yarnrc.yml', 'nodeLinker: node-modules\n');
    await initGenerator(tree, { skipFormat: true, skipPackageJson: true });
    expect(readNxJson(tree)?.plugins).toEqual(['@seamline/nx']);
  });

  it('in a pnpm workspace, records in pnpm-workspace.yaml that the build script of @parcel/watcher (from jest) does not run', async () => {
    tree.write('pnpm-workspace.yaml', 'allowBuilds:\n  nx: true\n');
    await initGenerator(tree, { skipFormat: true });
    expect(parse(tree.read('pnpm-workspace.yaml', 'utf-8')!)).toEqual({ allowBuilds: { nx: true, '@parcel/watcher': false } });
  });

  it("keeps a pnpm user's own decision, and leaves npm workspaces without a pnpm-workspace.yaml", async () => {
    tree.write('pnpm-lock.yaml', "lockfileVersion: '9.0'\n");
    tree.write('pnpm-workspace.yaml', "allowBuilds:\n  '@parcel/watcher': true\n");
    await initGenerator(tree, { skipFormat: true });
    expect(tree.read('pnpm-workspace.yaml', 'utf-8')).toBe("allowBuilds:\n  '@parcel/watcher': true\n");
    const npmTree = createTreeWithEmptyWorkspace();
    await initGenerator(npmTree, { skipFormat: true });
    expect(npmTree.exists('pnpm-workspace.yaml')).toBe(false);
  });
});
