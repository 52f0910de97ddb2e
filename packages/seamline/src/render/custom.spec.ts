import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderContext } from './__fixtures__/context';
import { loadCustomRenderer } from './custom';

describe('loadCustomRenderer', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'seamline-custom-'));
    await mkdir(join(root, 'tools'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  const RENDER = '(context) => ({ files: { "hash.txt": context.manifestHash + "\\n" }, env: { MY_HASH: context.manifestHash } })';

  it.each([
    ['a CommonJS module exporting render', 'my-renderer.js', `exports.render = ${RENDER};\n`],
    ['a CommonJS module exporting a function', 'my-renderer.cjs', `module.exports = ${RENDER};\n`],
    ['an ES module exporting render', 'my-renderer.mjs', `export const render = ${RENDER};\n`],
    ['an ES module with a default export', 'my-renderer.mjs', `export default ${RENDER};\n`],
  ])('loads %s, relative to the workspace root', async (_, file, source) => {
    await writeFile(join(root, 'tools', file), source);
    const render = await loadCustomRenderer(root, `./tools/${file}`);
    const context = renderContext(root);
    expect(await render(context)).toEqual({ files: { 'hash.txt': `${context.manifestHash}\n` }, env: { MY_HASH: context.manifestHash } });
  });

  it('says which file is missing', async () => {
    await expect(loadCustomRenderer(root, './tools/nope.js')).rejects.toThrow(
      `renderer module ./tools/nope.js: no such file (${join(root, 'tools', 'nope.js')}); fix "renderers" in integration/seamline.yaml`,
    );
  });

  it('says what to export when the module has no render function', async () => {
    await writeFile(join(root, 'tools', 'empty.cjs'), 'exports.other = () => ({});\n');
    await expect(loadCustomRenderer(root, './tools/empty.cjs')).rejects.toThrow(
      'renderer module ./tools/empty.cjs: exports no render function; export render(context) (or a default function) returning { files, env }',
    );
  });

  it('reports a module that fails to load in one line', async () => {
    await writeFile(join(root, 'tools', 'broken.cjs'), "throw new Error('boom\\nsecond line');\n");
    await expect(loadCustomRenderer(root, './tools/broken.cjs')).rejects.toThrow(/^renderer module \.\/tools\/broken\.cjs: failed to load: boom$/);
  });
});
