import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { componentConfigSchema } from '../core/config/component-config';
import { type Manifest, manifestHash } from '../core/manifest/manifest';
import { sha } from './__fixtures__/context';
import { providedPackageDirs } from './npm-packages';
import { renderOverrides } from './render-overrides';

/**
 * A component that holds several packages (a pnpm or npm workspace): each
 * resolves to its own folder of the pinned checkout, in real node processes,
 * for require and import, whatever the consumer's own node_modules holds.
 */
jest.setTimeout(60_000);

const pkg = (data: object) => `${JSON.stringify(data, null, 2)}\n`;
async function writeTree(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
}

/** A workspace checkout at one version: a dual CommonJS/ESM package and a TypeScript one built into dist/. */
const platform = (version: string, list: 'pnpm' | 'npm'): Record<string, string> => ({
  ...(list === 'pnpm'
    ? { 'pnpm-workspace.yaml': 'packages:\n  - packages/*\n  - "!packages/internal-*"\n', 'package.json': pkg({ name: 'platform', private: true }) }
    : { 'package.json': pkg({ name: 'platform', private: true, workspaces: ['packages/*'] }) }),
  'packages/codec/package.json': pkg({
    name: '@acme/codec',
    version,
    main: './cjs/index.js',
    exports: { '.': { import: './esm/index.mjs', require: './cjs/index.js' } },
  }),
  'packages/codec/cjs/index.js': `module.exports = { version: '${version}', format: 'cjs' };\n`,
  'packages/codec/esm/index.mjs': `export const version = '${version}';\nexport const format = 'esm';\n`,
  'packages/types/package.json': pkg({ name: '@acme/types', version, main: 'dist/index.js', types: 'dist/index.d.ts' }),
  'packages/types/src/index.ts': `export const version: string = '${version}';\n`,
  // What `tsc` wrote when the pin was prepared.
  'packages/types/dist/index.js': `"use strict";\nexports.version = '${version}';\n`,
  'packages/internal-tools/package.json': pkg({ name: '@acme/internal-tools', version }),
  'packages/private/package.json': pkg({ name: '@acme/private', private: true }),
});

describe('npm overrides for a component with several packages', () => {
  let tmp: string;
  const checkout = (name: string, c: string) => join(tmp, 'checkouts', `${name}@${sha(c)}`);
  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'seamline-npm-ws-'));
    await writeTree(checkout('platform', 'a'), platform('1.0.0', 'pnpm'));
    await writeTree(checkout('platform', 'b'), platform('2.0.0', 'npm'));
    await writeTree(checkout('app', 'c'), {
      'package.json': pkg({ name: '@acme/app', version: '1.0.0' }),
      'main.cjs': [
        "const codec = require('@acme/codec');",
        "const types = require('@acme/types');",
        "console.log(JSON.stringify({ codec: [codec.version, codec.format, require.resolve('@acme/codec')], types: [types.version, require.resolve('@acme/types')] }));",
      ].join('\n'),
      'main.mjs': [
        "import * as codec from '@acme/codec';",
        "import types from '@acme/types';",
        "console.log(JSON.stringify({ codec: [codec.version, codec.format, import.meta.resolve('@acme/codec')], types: [types.version, import.meta.resolve('@acme/types')] }));",
      ].join('\n'),
      // What the consumer's own install put there: registry copies.
      'node_modules/@acme/codec/package.json': pkg({ name: '@acme/codec', version: '0.1.0', main: 'index.js' }),
      'node_modules/@acme/codec/index.js': "module.exports = { version: 'registry', format: 'cjs' };\n",
      'node_modules/@acme/types/package.json': pkg({ name: '@acme/types', version: '0.1.0', main: 'index.js' }),
      'node_modules/@acme/types/index.js': "exports.version = 'registry';\n",
    });
  });
  afterAll(() => rm(tmp, { recursive: true, force: true }));

  it('lists the public packages of pnpm-workspace.yaml and of package.json workspaces, each at its folder', async () => {
    for (const c of ['a', 'b']) {
      const dir = checkout('platform', c);
      expect(await providedPackageDirs({ name: 'platform', sha: sha(c), dir }, { workspace: true })).toEqual([
        { name: '@acme/codec', dir: join(dir, 'packages/codec') },
        ...(c === 'b' ? [{ name: '@acme/internal-tools', dir: join(dir, 'packages/internal-tools') }] : []),
        { name: '@acme/types', dir: join(dir, 'packages/types') },
      ]);
    }
  });

  it('refuses a listed folder that holds another package, naming the file, the field and the pin', async () => {
    const dir = checkout('platform', 'a');
    await expect(providedPackageDirs({ name: 'platform', sha: sha('a'), dir }, [{ name: '@acme/codec', path: 'packages/types' }])).rejects.toThrow(
      `components/platform/component.yaml: field "provides.npm": platform@${sha('a').slice(0, 12)} has package "@acme/types" in packages/types, expected "@acme/codec"; fix the path, or the pin`,
    );
  });

  it("takes no folder outside the pin's checkout, where a workspace pattern or a linked folder reaches", async () => {
    const dir = join(tmp, 'checkouts', `platform@${sha('e')}`);
    await writeTree(dir, {
      'package.json': pkg({ name: 'platform', private: true, workspaces: ['packages/*', '../*', `${tmp}/checkouts/*`] }),
      'packages/codec/package.json': pkg({ name: '@acme/codec', version: '3.0.0' }),
    });
    // A sibling checkout, and a folder of the pin linked to another.
    await writeTree(join(tmp, 'checkouts', `platform@${sha('f')}`), { 'packages/types/package.json': pkg({ name: '@acme/types', version: '0.0.1' }) });
    await symlink(join(tmp, 'checkouts', `platform@${sha('f')}`, 'packages/types'), join(dir, 'packages/types'));
    expect(await providedPackageDirs({ name: 'platform', sha: sha('e'), dir }, { workspace: true })).toEqual([
      { name: '@acme/codec', dir: join(dir, 'packages/codec') },
    ]);
  });

  it('names a pnpm-workspace.yaml that is not a regular file instead of waiting on it', async () => {
    const dir = join(tmp, 'checkouts', `platform@${sha('d')}`);
    await writeTree(dir, { 'package.json': pkg({ name: 'platform', private: true }) });
    execFileSync('mkfifo', [join(dir, 'pnpm-workspace.yaml')]);
    await expect(providedPackageDirs({ name: 'platform', sha: sha('d'), dir }, { workspace: true })).rejects.toThrow(
      `components/platform/component.yaml: field "provides.npm": workspace: platform@${sha('d').slice(0, 12)} has an unreadable pnpm-workspace.yaml (not a regular file of at most 1 MiB)`,
    );
  });

  async function run(name: string, platformSha: string, npm: unknown): Promise<Record<string, string>> {
    const manifest: Manifest = {
      kind: 'pr',
      component_under_test: { name: 'platform', repo: 'https://github.com/acme/platform.git', sha: platformSha },
      others: [{ name: 'app', repo: 'https://github.com/acme/app.git', sha: sha('c'), from: 'known-good' }],
      subset: 'pr_fast',
      timestamp: '2026-11-21T12:14:03Z',
    };
    const context = {
      manifest,
      manifestHash: manifestHash(manifest),
      components: {
        platform: componentConfigSchema.parse({ repo: 'https://github.com/acme/platform.git', provides: { npm } }),
        app: componentConfigSchema.parse({ repo: 'https://github.com/acme/app.git', dependsOn: ['platform'] }),
      },
      checkouts: { platform: join(tmp, 'checkouts', `platform@${platformSha}`), app: checkout('app', 'c') },
      overridesDir: join(tmp, 'runs', name, 'overrides'),
      root: tmp,
    };
    return (await renderOverrides(context, ['npm'])).env;
  }

  async function node(file: string, env: Record<string, string>): Promise<{ codec: string[]; types: string[] }> {
    const { execa } = await import('execa');
    const result = await execa('node', [join(checkout('app', 'c'), file)], { cwd: tmp, env: { NODE_OPTIONS: '', ...env }, reject: false });
    if (result.exitCode !== 0) throw new Error(`node ${file} exited ${result.exitCode}: ${result.stderr}`);
    return JSON.parse(String(result.stdout));
  }

  it.each([
    ['workspace: true', { workspace: true }],
    [
      'a { name, path } list',
      [
        { name: '@acme/codec', path: 'packages/codec' },
        { name: '@acme/types', path: 'packages/types' },
      ],
    ],
  ])('%s: both packages load from the pinned checkout under require and import, and another pin loads another version', async (label, npm) => {
    const [envA, envB] = await Promise.all([run(`${label}-a`, sha('a'), npm), run(`${label}-b`, sha('b'), npm)]);
    const a = checkout('platform', 'a');
    const b = checkout('platform', 'b');
    expect(await node('main.cjs', envA)).toEqual({
      codec: ['1.0.0', 'cjs', join(a, 'packages/codec/cjs/index.js')],
      types: ['1.0.0', join(a, 'packages/types/dist/index.js')],
    });
    expect(await node('main.mjs', envA)).toEqual({
      codec: ['1.0.0', 'esm', `file://${join(a, 'packages/codec/esm/index.mjs')}`],
      types: ['1.0.0', `file://${join(a, 'packages/types/dist/index.js')}`],
    });
    expect(await node('main.cjs', envB)).toEqual({
      codec: ['2.0.0', 'cjs', join(b, 'packages/codec/cjs/index.js')],
      types: ['2.0.0', join(b, 'packages/types/dist/index.js')],
    });
    expect((await node('main.mjs', envB)).codec).toEqual(['2.0.0', 'esm', `file://${join(b, 'packages/codec/esm/index.mjs')}`]);
    // Without the override the consumer loads its registry copies: the failure the override prevents.
    expect((await node('main.cjs', {})).codec[0]).toBe('registry');
  });
});
