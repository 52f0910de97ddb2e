import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NPM_FILES, renderContext } from './__fixtures__/context';
import { renderEnv } from './env';
import { renderNpm } from './npm';
import { renderOverrides } from './render-overrides';

async function filesUnder(dir: string): Promise<Record<string, Buffer>> {
  const out: Record<string, Buffer> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out[join(entry.parentPath, entry.name).slice(dir.length + 1)] = await readFile(join(entry.parentPath, entry.name));
  }
  return out;
}

describe('renderOverrides', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'seamline-render-'));
    await mkdir(join(root, 'tools'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  const custom = async (file: string, body: string) => {
    await writeFile(join(root, 'tools', file), `exports.render = (context) => (${body});\n`);
    return { module: `./tools/${file}` };
  };

  it('renders the same context into byte-identical files and the same env, every time', async () => {
    const context = renderContext(root, { overridesDir: join(root, 'runs', 'r1', 'overrides') });
    const all = ['npm', 'bazel', 'compose'] as const;
    const first = await renderOverrides(context, all);
    const firstBytes = await filesUnder(context.overridesDir);
    await rm(context.overridesDir, { recursive: true });
    const second = await renderOverrides(context, [...all]);
    const secondBytes = await filesUnder(context.overridesDir);
    expect(first.files).toEqual(['MODULE.override.bzl', 'compose.override.yaml', ...NPM_FILES, 'seamline.env']);
    expect(Object.keys(firstBytes).sort()).toEqual(first.files);
    expect(Object.keys(secondBytes).sort()).toEqual(first.files);
    for (const file of first.files) expect({ file, same: firstBytes[file].equals(secondBytes[file]) }).toEqual({ file, same: true });
    expect(second).toEqual(first);
    expect(JSON.stringify(second.env)).toBe(JSON.stringify(first.env)); // key order too
  });

  it('runs env first even when it is not listed, and only once', async () => {
    const context = renderContext(root, { overridesDir: join(root, 'overrides') });
    const result = await renderOverrides(context, ['env', 'npm', 'env']);
    const npm = await renderNpm(context);
    expect(result).toEqual({
      files: [...NPM_FILES, 'seamline.env'],
      env: { ...renderEnv(context).env, ...npm.env },
    });
    expect(await readFile(join(root, 'overrides', 'seamline.env'), 'utf8')).toBe(renderEnv(context).files['seamline.env']);
    // Listed before env, a renderer still runs after it: its value of a variable env sets wins.
    const early = await custom('early.cjs', '{ files: {}, env: { SEAMLINE_MANIFEST_HASH: "from early" } }');
    expect((await renderOverrides(context, [early, 'env'])).env.SEAMLINE_MANIFEST_HASH).toBe('from early');
  });

  it('refuses two renderers writing the same file, and writes nothing', async () => {
    const clash = await custom('clash.cjs', '{ files: { "./npm//packages.json": "{}" }, env: {} }');
    const context = renderContext(root, { overridesDir: join(root, 'overrides') });
    await expect(renderOverrides(context, ['npm', clash])).rejects.toThrow(
      'renderers "npm" and ./tools/clash.cjs both write npm/packages.json; each file has one renderer',
    );
    await expect(readdir(join(root, 'overrides'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a file outside the overrides directory', async () => {
    const escape = await custom('escape.cjs', '{ files: { "../manifest.yaml": "kind: full" }, env: {} }');
    await expect(renderOverrides(renderContext(root), [escape])).rejects.toThrow(
      'renderer ./tools/escape.cjs: file path "../manifest.yaml" is not a file inside the overrides directory; use a relative path such as my/file.txt',
    );
  });

  it('refuses a renderer that returns something other than strings', async () => {
    const bad = await custom('bad.cjs', '{ files: {}, env: { PORT: 8080 } }');
    await expect(renderOverrides(renderContext(root), [bad])).rejects.toThrow('renderer ./tools/bad.cjs: env["PORT"] is number, expected a string');
  });

  it('concatenates NODE_OPTIONS across renderers; any other variable takes the later value', async () => {
    const mine = await custom(
      'mine.cjs',
      '{ files: { "mine/hook.cjs": "" }, env: { NODE_OPTIONS: "--require ./mine/hook.cjs", SEAMLINE_MANIFEST_HASH: "overridden" } }',
    );
    const context = renderContext(root, { overridesDir: join(root, 'overrides') });
    const { env, files } = await renderOverrides(context, ['npm', mine]);
    expect(env.NODE_OPTIONS).toBe(`${(await renderNpm(context)).env.NODE_OPTIONS} --require ./mine/hook.cjs`);
    expect(env.SEAMLINE_MANIFEST_HASH).toBe('overridden');
    expect(files).toContain('mine/hook.cjs');
    expect(await readFile(join(root, 'overrides', 'mine', 'hook.cjs'), 'utf8')).toBe('');
  });
});
