import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FIXTURE_FILES, fixtureWorkspace } from '../__fixtures__/workspace';
import { SeamlineError } from '../core/errors';
import { loadWorkspace } from './load-workspace';

describe('loadWorkspace', () => {
  const roots: string[] = [];
  const workspace = async (files: Record<string, string> = FIXTURE_FILES) => {
    const root = await fixtureWorkspace(files);
    roots.push(root);
    return root;
  };
  afterAll(() => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));

  it('reads the integration file, every component and every seam, sorted by name', async () => {
    const model = await loadWorkspace(await workspace());
    expect(Object.keys(model.components)).toEqual(['auth', 'billing', 'users']);
    expect(Object.keys(model.seams)).toEqual(['billing-users-ledger', 'users-auth-contract']);
    expect(model.components.billing.branch).toBe('trunk');
    expect(model.components.users.dependsOn).toEqual(['auth']);
    expect(model.seams['users-auth-contract'].components).toEqual(['users', 'auth']);
    expect(Object.keys(model.integration.subsets)).toEqual(['pr_fast', 'full']);
  });

  it('skips a folder that holds no config file, and a file where a folder is expected', async () => {
    const root = await workspace({ ...FIXTURE_FILES, 'seams/notes/README.md': 'not a seam\n', 'components/README.md': 'not a component\n' });
    const model = await loadWorkspace(root);
    expect(Object.keys(model.seams)).toEqual(['billing-users-ledger', 'users-auth-contract']);
    expect(Object.keys(model.components)).toEqual(['auth', 'billing', 'users']);
  });

  it('reads a workspace with no components or seams folder as one without them', async () => {
    const root = await workspace({ 'integration/seamline.yaml': 'subsets:\n  full: { seams: all, budget: 1h }\n' });
    const model = await loadWorkspace(root);
    expect(model.components).toEqual({});
    expect(model.seams).toEqual({});
  });

  it('says in one line that seamline.yaml is missing and how to create it', async () => {
    const { 'integration/seamline.yaml': _, ...rest } = FIXTURE_FILES;
    const root = await workspace(rest);
    await expect(loadWorkspace(root)).rejects.toThrow(
      new SeamlineError('integration/seamline.yaml: file not found; run `nx g @seamline/nx:init` to create it'),
    );
  });

  it('says in one line that a seam.yaml is a folder', async () => {
    const root = await workspace();
    await mkdir(join(root, 'seams', 'broken', 'seam.yaml'), { recursive: true });
    await expect(loadWorkspace(root)).rejects.toThrow('seams/broken/seam.yaml: is a folder, expected a file');
  });

  it('refuses a renderer module that is not there before anything else runs, and reads one that is', async () => {
    const I = 'integration/seamline.yaml';
    const root = await workspace({ ...FIXTURE_FILES, [I]: `${FIXTURE_FILES[I]}renderers: [env, { module: ./tools/render.js }]\n` });
    await expect(loadWorkspace(root)).rejects.toThrow(
      new SeamlineError(`renderer module ./tools/render.js: no such file (${join(root, 'tools/render.js')}); fix "renderers" in integration/seamline.yaml`),
    );
    await mkdir(join(root, 'tools'));
    await writeFile(join(root, 'tools/render.js'), 'module.exports = () => ({ files: {}, env: {} });\n');
    expect((await loadWorkspace(root)).integration.renderers).toEqual(['env', { module: './tools/render.js' }]);
  });

  it('refuses a folder name that cannot be a project name, naming the file', async () => {
    const root = await workspace({ ...FIXTURE_FILES, 'seams/Users/seam.yaml': 'components: [users, auth]\ncatches: x\n' });
    await expect(loadWorkspace(root)).rejects.toThrow(
      'seams/Users/seam.yaml: the folder name "Users" is the project name; expected lowercase letters, digits, ".", "_" or "-"; rename the folder',
    );
  });

  it('rejects (does not throw synchronously) when a file is bad, so a caller can .catch it', async () => {
    const root = await workspace({ ...FIXTURE_FILES, 'seams/users-auth-contract/seam.yaml': 'components: [users, auth\n' });
    const pending = loadWorkspace(root);
    expect(pending).toBeInstanceOf(Promise);
    await expect(pending).rejects.toThrow('seams/users-auth-contract/seam.yaml');
  });
});
