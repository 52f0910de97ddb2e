import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { componentConfigSchema } from '../core/config/component-config';
import { type Manifest, manifestHash } from '../core/manifest/manifest';
import { sha } from './__fixtures__/context';
import { nodeOptionQuote } from './npm';
import type { RenderContext } from './renderer';
import { renderOverrides } from './render-overrides';

/**
 * The npm override against real node processes: a consumer checkout whose own
 * install holds a registry copy of its provider must load the pinned provider
 * instead, for require and import, with two runs pinning different SHAs at once.
 */
jest.setTimeout(60_000);

async function writeTree(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
}

/** Every file under `dir` with its content: to prove a run changed nothing. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out[join(entry.parentPath, entry.name).slice(dir.length + 1)] = await readFile(join(entry.parentPath, entry.name), 'utf8');
  }
  return out;
}

const pkg = (data: object) => `${JSON.stringify(data, null, 2)}\n`;

describe('npm overrides in real node processes', () => {
  let tmp: string;
  let authA: string;
  let authB: string;
  let consumer: string;
  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'seamline-npm-'));
    authA = join(tmp, 'checkouts', `auth@${sha('a')}`);
    authB = join(tmp, 'checkouts', `auth@${sha('b')}`);
    consumer = join(tmp, 'checkouts', `users@${sha('c')}`);
    // Pin A: CommonJS, "main" only.
    await writeTree(authA, {
      'package.json': pkg({ name: '@acme/auth', version: '1.0.0', main: 'index.js' }),
      'index.js': "module.exports = { field: 'token' };\n",
      'extra.js': "module.exports = 'extra A';\n",
    });
    // Pin B: "exports" with an ESM entry for import and a CommonJS one for require.
    await writeTree(authB, {
      'package.json': pkg({
        name: '@acme/auth',
        version: '2.0.0',
        main: 'index.js',
        exports: { '.': { import: './index.mjs', require: './index.js' }, './extra.js': './extra.js' },
      }),
      'index.js': "module.exports = { field: 'accessToken', format: 'cjs' };\n",
      'index.mjs': "export default { field: 'accessToken', format: 'esm' };\n",
      'extra.js': "module.exports = 'extra B';\n",
    });
    await writeTree(consumer, {
      'package.json': pkg({ name: '@acme/users', version: '1.0.0', main: 'index.js' }),
      'index.js': "module.exports = require('@acme/auth').field;\n",
      'index.mjs': "import auth from '@acme/auth';\nconsole.log(JSON.stringify(auth));\n",
      'dynamic.cjs': "import('@acme/auth').then((m) => console.log(m.default.field));\n",
      'extra.js': "module.exports = require('@acme/auth/extra.js');\n",
      'utils.js': "module.exports = require('@acme/auth-utils');\n",
      // What the consumer's own `npm ci` installed from the registry.
      'node_modules/@acme/auth/package.json': pkg({ name: '@acme/auth', version: '0.9.0', main: 'index.js' }),
      'node_modules/@acme/auth/index.js': "module.exports = { field: 'registry' };\n",
      'node_modules/@acme/auth/extra.js': "module.exports = 'extra registry';\n",
      'node_modules/@acme/auth-utils/package.json': pkg({ name: '@acme/auth-utils', version: '1.0.0', main: 'index.js' }),
      'node_modules/@acme/auth-utils/index.js': "module.exports = 'utils registry';\n",
    });
    // A tool of the workspace (as nx or jest) whose own dependency has the name a component provides.
    await writeTree(join(tmp, 'node_modules', 'tool'), {
      'package.json': pkg({ name: 'tool', version: '1.0.0', main: 'index.js' }),
      'index.js': "module.exports = require('@acme/auth').field;\n",
      'index.mjs': "import auth from '@acme/auth';\nconsole.log(auth.field);\n",
      'node_modules/@acme/auth/package.json': pkg({ name: '@acme/auth', version: '0.1.0', main: 'index.js' }),
      'node_modules/@acme/auth/index.js': "module.exports = { field: 'the tool\\'s own' };\n",
    });
    // The seam's own script in the workspace, outside any node_modules.
    await writeTree(join(tmp, 'seams', 'users-auth'), { 'check.js': "console.log(require('@acme/auth').field);\n" });
  });
  afterAll(() => rm(tmp, { recursive: true, force: true }));

  /** Render the overrides of a run that pins auth at `authSha` (checked out at `authDir`). */
  async function renderRun(run: string, authSha: string, authDir: string): Promise<Record<string, string>> {
    const manifest: Manifest = {
      kind: 'pr',
      component_under_test: { name: 'auth', repo: 'https://github.com/acme/auth.git', sha: authSha },
      others: [{ name: 'users', repo: 'https://github.com/acme/users.git', sha: sha('c'), from: 'known-good' }],
      subset: 'pr_fast',
      timestamp: '2026-11-21T12:14:03Z',
    };
    const context: RenderContext = {
      manifest,
      manifestHash: manifestHash(manifest),
      components: {
        auth: componentConfigSchema.parse({ repo: 'https://github.com/acme/auth.git', provides: { npm: '@acme/auth' } }),
        users: componentConfigSchema.parse({ repo: 'https://github.com/acme/users.git', dependsOn: ['auth'] }),
      },
      checkouts: { auth: authDir, users: consumer },
      overridesDir: join(tmp, 'runs', run, 'overrides'),
      root: tmp,
    };
    return (await renderOverrides(context, ['npm'])).env;
  }

  /** stdout of `node args`; whatever it printed on stderr (Node's warnings) is kept in `warnings`. */
  const warnings: string[] = [];
  async function node(args: string[], env: Record<string, string>): Promise<string> {
    const { execa } = await import('execa');
    const result = await execa('node', args, { cwd: tmp, env: { NODE_OPTIONS: '', ...env }, reject: false });
    if (result.exitCode !== 0) throw new Error(`node ${args.join(' ')} exited ${result.exitCode}: ${result.stderr}`);
    if (result.stderr) warnings.push(String(result.stderr));
    return String(result.stdout).trim();
  }
  const requireConsumer = (file: string) => ['-e', `console.log(require(${JSON.stringify(join(consumer, file))}))`];

  it('without the override the consumer loads its registry copy (the failure the override prevents)', async () => {
    expect(await node(requireConsumer('index.js'), {})).toBe('registry');
  });

  it('two runs at once, pinning different SHAs: each consumer loads its pinned provider, and no checkout changes', async () => {
    const before = await Promise.all([snapshot(consumer), snapshot(authA), snapshot(authB)]);
    const [envA, envB] = await Promise.all([renderRun('run-a', sha('a'), authA), renderRun('run-b', sha('b'), authB)]);

    const [a, b] = await Promise.all([node(requireConsumer('index.js'), envA), node(requireConsumer('index.js'), envB)]);
    expect({ a, b }).toEqual({ a: 'token', b: 'accessToken' });

    const [esmA, esmB] = await Promise.all([node([join(consumer, 'index.mjs')], envA), node([join(consumer, 'index.mjs')], envB)]);
    expect({ esmA, esmB }).toEqual({ esmA: '{"field":"token"}', esmB: '{"field":"accessToken","format":"esm"}' });

    const [dynamicA, dynamicB] = await Promise.all([node([join(consumer, 'dynamic.cjs')], envA), node([join(consumer, 'dynamic.cjs')], envB)]);
    expect({ dynamicA, dynamicB }).toEqual({ dynamicA: 'token', dynamicB: 'accessToken' });

    const [extraA, extraB] = await Promise.all([node(requireConsumer('extra.js'), envA), node(requireConsumer('extra.js'), envB)]);
    expect({ extraA, extraB }).toEqual({ extraA: 'extra A', extraB: 'extra B' });

    // A package whose name merely starts with a pinned one is not redirected.
    expect(await node(requireConsumer('utils.js'), envA)).toBe('utils registry');

    expect(await Promise.all([snapshot(consumer), snapshot(authA), snapshot(authB)])).toEqual(before);
  });

  it("a tool in the workspace's node_modules keeps its own copy, for require and import; the code under test gets the pinned one", async () => {
    const env = await renderRun('run-tools', sha('a'), authA);
    expect(await node(['-e', `console.log(require(${JSON.stringify(join(tmp, 'node_modules', 'tool'))}))`], env)).toBe("the tool's own");
    expect(await node([join(tmp, 'node_modules', 'tool', 'index.mjs')], env)).toBe("the tool's own");
    expect(await node([join(tmp, 'seams', 'users-auth', 'check.js')], env)).toBe('token');
    expect(await node(requireConsumer('index.js'), env)).toBe('token');
    expect(await node([join(consumer, 'index.mjs')], env)).toBe('{"field":"token"}');
  });

  it('registers its hooks without a word from Node, whose module.register() warns DEP0205 from Node 26 on', async () => {
    warnings.length = 0;
    const env = await renderRun('run-quiet', sha('b'), authB);
    expect(await node([join(consumer, 'index.mjs')], env)).toBe('{"field":"accessToken","format":"esm"}');
    expect(await node([join(consumer, 'dynamic.cjs')], env)).toBe('accessToken');
    expect(await node(requireConsumer('index.js'), env)).toBe('accessToken');
    expect(warnings).toEqual([]);
  });

  it('keeps working from an overrides dir whose path has spaces and quotes', async () => {
    const env = await renderRun('run "c" 1', sha('a'), authA);
    expect(env.NODE_OPTIONS).toBe(
      `--require ${nodeOptionQuote(join(tmp, 'runs', 'run "c" 1', 'overrides', 'npm', 'require-hook.cjs'))} --import ${nodeOptionQuote(`file://${join(tmp, 'runs', 'run%20%22c%22%201', 'overrides', 'npm', 'register.mjs')}`)}`,
    );
    expect(await node(requireConsumer('index.js'), env)).toBe('token');
    expect(await node([join(consumer, 'index.mjs')], env)).toBe('{"field":"token"}');
  });
});
