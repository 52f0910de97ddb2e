import { readJson, readNxJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
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
    expect(readJson(tree, 'package.json').devDependencies).toMatchObject({ jest: '30.5.2', 'ts-jest': '29.4.15', '@types/jest': '30.0.0', typescript: '5.9.3' });
  });

  it('changes nothing when run a second time', async () => {
    await initGenerator(tree, { skipFormat: true });
    const snapshot = (t: Tree) => Object.fromEntries(['nx.json', 'package.json', '.gitignore', 'integration/seamline.yaml'].map((f) => [f, t.read(f, 'utf-8')]));
    const first = snapshot(tree);
    await initGenerator(tree, { skipFormat: true });
    expect(snapshot(tree)).toEqual(first);
  });

  it('keeps a user-edited seamline.yaml and an existing plugin entry with options', async () => {
    tree.write('integration/seamline.yaml', 'subsets:\n  mine: { seams: all, budget: 5m }\n');
    tree.write('nx.json', JSON.stringify({ plugins: [{ plugin: '@seamline/nx', options: {} }] }));
    tree.write('.gitignore', 'node_modules\n.seamline\n');
    await initGenerator(tree, { skipFormat: true, skipPackageJson: true });
    expect(tree.read('integration/seamline.yaml', 'utf-8')).toBe('subsets:\n  mine: { seams: all, budget: 5m }\n');
    expect(readNxJson(tree)?.plugins).toEqual([{ plugin: '@seamline/nx', options: {} }]);
    expect(tree.read('.gitignore', 'utf-8')).toBe('node_modules\n.seamline\n# Seamline: pin caches, checkouts, run artifacts, store locks\nintegration/*.lock\n');
    expect(readJson(tree, 'package.json').devDependencies?.jest).toBeUndefined();
  });
});
