import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type NpmRegistryServer, startNpmRegistryServer } from '../__fixtures__/npm-registry-server';
import type { PrepareRequest } from './prepare-pin';
import { preparePins } from './prepare-pins';

jest.setTimeout(120_000);

/**
 * Real `npm ci` against a registry on 127.0.0.1 that closes the connection of a tarball
 * download, as a flaky registry or proxy does (npm's own retries are off, so the first
 * reset fails the install).
 */
describe('preparePins when the registry fails an install', () => {
  let root: string;
  let registry: NpmRegistryServer;
  let shape: string;
  beforeAll(async () => {
    const { execa } = await import('execa');
    root = await mkdtemp(join(tmpdir(), 'seamline-registry-retry-'));
    const pkg = join(root, 'seam-helper');
    await mkdir(pkg);
    await writeFile(join(pkg, 'package.json'), JSON.stringify({ name: 'seam-helper', version: '1.0.0', main: 'index.js' }));
    await writeFile(join(pkg, 'index.js'), 'module.exports = 42;\n');
    const { stdout } = await execa('npm', ['pack', '--silent', '--pack-destination', root], { cwd: pkg });
    registry = await startNpmRegistryServer([{ name: 'seam-helper', version: '1.0.0', tarball: await readFile(join(root, stdout.trim())) }]);
    // A checkout that depends on it, with the lockfile `npm install` writes (from the same registry).
    shape = join(root, 'shape');
    await mkdir(shape);
    await writeFile(join(shape, 'package.json'), JSON.stringify({ name: 'users', version: '0.0.0', dependencies: { 'seam-helper': '1.0.0' } }));
    await writeFile(join(shape, '.npmrc'), 'audit=false\nfund=false\n');
    await execa('npm', ['install', '--package-lock-only'], {
      cwd: shape,
      env: { npm_config_cache: join(root, 'lock-cache'), npm_config_registry: registry.url },
    });
  });
  afterAll(async () => {
    await registry?.close();
    await rm(root, { recursive: true, force: true });
  });

  let run = 0;
  // An empty npm cache per checkout, so `npm ci` downloads the tarball. In the environment, since
  // it wins over an .npmrc and `npm test` sets npm_config_cache (the user's ~/.npm) for its scripts.
  const saved = { ...process.env };
  afterEach(() => {
    for (const name of ['npm_config_cache', 'npm_config_registry', 'npm_config_fetch_retries']) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });
  /** A fresh checkout of the shape; the prepare's npm gets an empty cache, the registry on 127.0.0.1, and no retries of its own. */
  const checkout = async (): Promise<{ request: PrepareRequest; root: string }> => {
    const dir = join(root, `run-${++run}`);
    await cp(shape, join(dir, 'checkout'), { recursive: true });
    Object.assign(process.env, { npm_config_cache: join(dir, 'npm-cache'), npm_config_registry: registry.url, npm_config_fetch_retries: '0' });
    return { root: join(dir, 'seamline'), request: { component: 'users', sha: 'a'.repeat(40), dir: join(dir, 'checkout'), commands: [['npm', 'ci']] } };
  };
  const downloads = () => registry.requests.filter((r) => r.path.endsWith('.tgz')).map((r) => r.answer);

  it('tries an install the registry reset once more, and the pin is prepared', async () => {
    const { root: ws, request } = await checkout();
    registry.requests.length = 0;
    registry.resetTarballs(1);
    const said: string[] = [];
    const failure = await preparePins(ws, [request], {
      concurrency: 1,
      toolsLog: join(ws, 'npx.log'),
      registryRetryDelayMs: 0,
      onRetry: (r, why) => said.push(`${r.component}: ${why}`),
    });
    expect(failure).toBeUndefined();
    expect(said).toEqual([expect.stringMatching(/^users: the registry or the network failed it \(.*ECONNRESET.*\); once more in 0 s$/)]);
    expect(downloads()).toEqual(['reset', 200]);
    expect(existsSync(join(request.dir, 'node_modules', 'seam-helper', 'index.js'))).toBe(true);
  });

  it('tries it only once more: a registry that keeps failing fails the prepare, with npm’s reason in the log', async () => {
    const { root: ws, request } = await checkout();
    registry.requests.length = 0;
    registry.resetTarballs(5);
    const failure = await preparePins(ws, [request], { concurrency: 1, toolsLog: join(ws, 'npx.log'), registryRetryDelayMs: 0 });
    expect(failure?.what).toMatch(/^`npm ci` exited with 1 twice, the registry or the network failing it \(npm error code ECONNRESET\)$/);
    // What the run marks as the registry's, not the commit's (results.json prepare_failure.registry).
    expect(failure?.registry).toBe('npm error code ECONNRESET');
    expect(downloads()).toEqual(['reset', 'reset']);
    const log = await readFile(failure!.log, 'utf8');
    expect(log).toMatch(/^# tried again: the registry or the network failed the first try \(.*ECONNRESET.*\)$/m);
  });

  it('does not try again what is a fact about the commit: a lockfile whose checksum the tarball does not match', async () => {
    const { root: ws, request } = await checkout();
    const lock = join(request.dir, 'package-lock.json');
    await writeFile(lock, (await readFile(lock, 'utf8')).replace(/"integrity": "sha512-[^"]+"/, `"integrity": "sha512-${'A'.repeat(86)}=="`));
    registry.requests.length = 0;
    registry.resetTarballs(0);
    const failure = await preparePins(ws, [request], { concurrency: 1, toolsLog: join(ws, 'npx.log'), registryRetryDelayMs: 0 });
    expect(failure?.what).toBe('`npm ci` exited with 1');
    expect(failure?.registry).toBeUndefined();
    // npm asked the registry once (it checks the packument's checksum before the tarball): no second try.
    expect(registry.requests).toHaveLength(1);
    const log = await readFile(failure!.log, 'utf8');
    expect(log).toContain('EINTEGRITY');
    expect(log).not.toContain('tried again');
  });
});
