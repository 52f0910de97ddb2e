import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Resolver from 'jest-resolve';

/**
 * The resolver as jest runs it: jest-resolve loads the module and calls it
 * with its real default resolver.
 */
const resolver = require.resolve('./jest-resolver');

describe('jest-resolver', () => {
  let tmp: string;
  let pinned: string;
  let exported: string;
  let consumer: string;
  const saved = process.env.SEAMLINE_NPM_PACKAGES;
  const write = async (path: string, text: string) => {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
  };
  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'seamline-resolver-'));
    pinned = join(tmp, 'auth@a');
    exported = join(tmp, 'tokens@b');
    consumer = join(tmp, 'users@c');
    await write(join(pinned, 'package.json'), JSON.stringify({ name: '@acme/auth', main: 'index.js' }));
    await write(join(pinned, 'index.js'), '');
    await write(join(pinned, 'extra.js'), '');
    await write(join(exported, 'package.json'), JSON.stringify({ name: '@acme/tokens', exports: { '.': { import: './index.mjs', require: './index.js' } } }));
    await write(join(exported, 'index.js'), '');
    await write(join(exported, 'index.mjs'), '');
    for (const name of ['auth', 'auth-utils', 'tokens']) {
      await write(join(consumer, 'node_modules', '@acme', name, 'package.json'), JSON.stringify({ name: `@acme/${name}`, main: 'index.js' }));
      await write(join(consumer, 'node_modules', '@acme', name, 'index.js'), '');
    }
    await write(join(consumer, 'node_modules', '@acme', 'auth', 'extra.js'), '');
    await write(join(tmp, 'overrides', 'npm', 'packages.json'), JSON.stringify({ '@acme/auth': pinned, '@acme/tokens': exported }));
    // A tool in the workspace's node_modules with its own copy of the package a component provides.
    await write(join(tmp, 'node_modules', 'tool', 'node_modules', '@acme', 'auth', 'package.json'), JSON.stringify({ name: '@acme/auth', main: 'index.js' }));
    await write(join(tmp, 'node_modules', 'tool', 'node_modules', '@acme', 'auth', 'index.js'), '');
    await write(join(tmp, 'overrides', 'npm', 'scope.json'), JSON.stringify({ root: [tmp], checkouts: [consumer, exported, pinned] }));
    // The rules the resolver calls, rendered into every run beside packages.json.
    await copyFile(join(__dirname, '..', 'render', 'npm-hooks', 'pinned-packages.cjs'), join(tmp, 'overrides', 'npm', 'pinned-packages.cjs'));
  });
  afterAll(() => rm(tmp, { recursive: true, force: true }));
  beforeEach(() => {
    process.env.SEAMLINE_NPM_PACKAGES = join(tmp, 'overrides', 'npm', 'packages.json');
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.SEAMLINE_NPM_PACKAGES;
    else process.env.SEAMLINE_NPM_PACKAGES = saved;
  });

  const resolve = (request: string, conditions?: string[], basedir = consumer) =>
    Resolver.findNodeModule(request, { basedir, resolver, conditions, extensions: ['.js', '.ts'], throwIfNotFound: true });

  it('resolves a pinned package, and a file in it, from the pinned checkout, not the consumer node_modules', () => {
    expect(resolve('@acme/auth')).toBe(join(pinned, 'index.js'));
    expect(resolve('@acme/auth/extra.js')).toBe(join(pinned, 'extra.js'));
  });

  it('applies the pinned package\'s "exports" with the conditions jest asks for', () => {
    expect(resolve('@acme/tokens', ['require', 'default'])).toBe(join(exported, 'index.js'));
    expect(resolve('@acme/tokens', ['import', 'default'])).toBe(join(exported, 'index.mjs'));
  });

  it('resolves everything else as jest would', () => {
    expect(resolve('@acme/auth-utils')).toBe(join(consumer, 'node_modules', '@acme', 'auth-utils', 'index.js'));
    expect(resolve('./node_modules/@acme/auth/extra.js')).toBe(join(consumer, 'node_modules', '@acme', 'auth', 'extra.js'));
    delete process.env.SEAMLINE_NPM_PACKAGES;
    expect(resolve('@acme/auth')).toBe(join(consumer, 'node_modules', '@acme', 'auth', 'index.js'));
  });

  it("leaves a tool in the workspace's node_modules its own copy; the seam's own files get the pinned one", () => {
    expect(resolve('@acme/auth', undefined, join(tmp, 'node_modules', 'tool'))).toBe(
      join(tmp, 'node_modules', 'tool', 'node_modules', '@acme', 'auth', 'index.js'),
    );
    expect(resolve('@acme/auth', undefined, join(tmp, 'seams', 'users-auth'))).toBe(join(pinned, 'index.js'));
    // A consumer's own node_modules is the code under test's: a published package there that needs auth gets the pinned one.
    expect(resolve('@acme/auth', undefined, join(consumer, 'node_modules', '@acme', 'auth-utils'))).toBe(join(pinned, 'index.js'));
  });

  it('serves @seamline/nx/testing from the copy of the plugin beside it', () => {
    expect(resolve('@seamline/nx/testing')).toBe(join(__dirname, 'index.ts'));
  });
});
