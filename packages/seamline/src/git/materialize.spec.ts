import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRepo, gitIn, type TestRepo } from '../__fixtures__/git-repos';
import { checkoutDir, checkoutMarker, pinCacheDir } from '../workspace/layout';
import { resolveBranch } from './ls-remote';
import { type MaterializeEvent, type MaterializeOptions, materializePins } from './materialize';
import { latestCheckouts } from './latest-checkout';
import type { PinRequest } from './pin-cache';
import { RemoteUnreachable } from './remote-errors';
import { SeamlineError } from '../core/errors';

jest.setTimeout(60_000);

describe('materializePins against real git repositories', () => {
  let tmp: string;
  let root: string;
  let repos: Record<string, TestRepo>;
  beforeEach(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'seamline-git-'));
    root = join(tmp, 'workspace');
    await mkdir(root);
    repos = {};
    for (const name of ['auth', 'users', 'billing']) {
      repos[name] = await createRepo(join(tmp, 'remotes'), name, [
        { 'package.json': `{"name":"@acme/${name}","version":"1.0.0"}` },
        { 'src/index.js': `module.exports = '${name} v2';\n` },
        { 'src/index.js': `module.exports = '${name} v3';\n` },
      ]);
    }
  });
  afterEach(() => rm(tmp, { recursive: true, force: true }));

  const pins = (pick: (r: TestRepo) => string = (r) => r.shas[1]) => Object.entries(repos).map(([component, r]) => ({ component, url: r.url, sha: pick(r) }));

  it('materializes a 3-component manifest as detached worktrees at the pinned SHAs', async () => {
    const events: MaterializeEvent[] = [];
    const result = await materializePins(root, pins(), { onProgress: (e) => events.push(e) });
    expect(result.map((p) => [p.component, p.status])).toEqual([
      ['auth', 'fetched'],
      ['users', 'fetched'],
      ['billing', 'fetched'],
    ]);
    for (const pin of result) {
      expect(pin.dir).toBe(checkoutDir(root, pin.component, pin.sha));
      expect(await readFile(join(pin.dir, 'src/index.js'), 'utf8')).toBe(`module.exports = '${pin.component} v2';\n`);
      expect(await gitIn(pin.dir, ['rev-parse', 'HEAD'])).toBe(pin.sha);
      expect(await gitIn(pin.dir, ['status', '--porcelain'])).toBe('');
    }
    expect(events.map((e) => e.kind)).toEqual(['done', 'done', 'done']);
    // Fetched by SHA at depth 1: the pin cache holds one commit, not the history.
    expect(await gitIn(pinCacheDir(root, 'auth'), ['rev-list', '--count', '--all'])).toBe('1');
  });

  it('rematerializing the same manifest does no fetch: it works with the remotes gone', async () => {
    await materializePins(root, pins());
    await rename(join(tmp, 'remotes'), join(tmp, 'gone'));
    const again = await materializePins(root, pins());
    expect(again.map((p) => p.status)).toEqual(['cached', 'cached', 'cached']);
    expect(again.every((p) => p.attempts === 0)).toBe(true);
  });

  it('makes a checkout again when its folder was deleted by hand, though its marker stayed', async () => {
    await materializePins(root, pins());
    const dir = checkoutDir(root, 'auth', repos.auth.shas[1]);
    await rm(dir, { recursive: true, force: true });
    expect(existsSync(checkoutMarker(root, 'auth', repos.auth.shas[1]))).toBe(true);
    await rename(join(tmp, 'remotes'), join(tmp, 'gone'));
    const again = await materializePins(root, pins());
    // Made again from the pin cache (no fetch: the remotes are gone), not reported as a checkout that is there.
    expect(again.map((p) => [p.component, p.attempts])).toEqual([
      ['auth', 0],
      ['users', 0],
      ['billing', 0],
    ]);
    expect(await readFile(join(dir, 'src/index.js'), 'utf8')).toBe(`module.exports = 'auth v2';\n`);
    expect(await gitIn(dir, ['rev-parse', 'HEAD'])).toBe(repos.auth.shas[1]);
  });

  it('adds another pin of a component to the same cache, keeping the first checkout', async () => {
    await materializePins(
      root,
      pins((r) => r.shas[1]),
    );
    const later = await materializePins(
      root,
      pins((r) => r.shas[2]),
    );
    expect(later.map((p) => p.status)).toEqual(['fetched', 'fetched', 'fetched']);
    expect(await readFile(join(checkoutDir(root, 'auth', repos.auth.shas[1]), 'src/index.js'), 'utf8')).toContain('v2');
    expect(await readFile(join(checkoutDir(root, 'auth', repos.auth.shas[2]), 'src/index.js'), 'utf8')).toContain('v3');
    expect(latestCheckouts(root).get('auth')).toBe(checkoutDir(root, 'auth', repos.auth.shas[2]));
  });

  it('falls back to a full fetch when the server refuses to serve an unadvertised SHA', async () => {
    const strict = await createRepo(join(tmp, 'strict'), 'legacy', [{ a: '1' }, { a: '2' }, { a: '3' }], { allowAnySha: false });
    const saved = { ...process.env };
    // Protocol v0 without allowAnySHA1InWant: what an old or locked-down server does.
    Object.assign(process.env, { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'protocol.version', GIT_CONFIG_VALUE_0: '0' });
    try {
      const [pin] = await materializePins(root, [{ component: 'legacy', url: strict.url, sha: strict.shas[0] }]);
      expect(pin.status).toBe('fetched');
      expect(pin.attempts).toBe(2);
      expect(await readFile(join(pin.dir, 'a'), 'utf8')).toBe('1');
    } finally {
      process.env = saved;
    }
  });

  it('names a SHA that does not exist in the repository', async () => {
    const missing = 'deadbeef'.repeat(5);
    await expect(materializePins(root, [{ component: 'auth', url: repos.auth.url, sha: missing }])).rejects.toThrow(
      `auth: commit ${missing} does not exist in ${repos.auth.url} (not on any branch); check the SHA, or push the commit`,
    );
    expect(existsSync(checkoutDir(root, 'auth', missing))).toBe(false);
  });

  it('names a URL that is not a git repository', async () => {
    const plain = join(tmp, 'plain');
    await mkdir(plain);
    await expect(materializePins(root, [{ component: 'auth', url: `file://${plain}`, sha: repos.auth.shas[0] }])).rejects.toThrow(
      `auth: file://${plain} is not a git repository or does not exist; check "repo" in components/auth/component.yaml`,
    );
  });

  it('retries an unreachable remote a bounded number of times, then names it', async () => {
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}/auth.git`;
    await expect(materializePins(root, [{ component: 'auth', url, sha: repos.auth.shas[0] }], { attempts: 2, retryDelayMs: 10 })).rejects.toThrow(
      new RegExp(
        `^auth: cannot reach ${url.replace(/\./g, '\\.')} after 2 attempts \\(.*\\); check the network or "repo" in components/auth/component\\.yaml$`,
      ),
    );
  });

  it('an unreachable remote is RemoteUnreachable, alone or with others like it; beside any other failure it is not', async () => {
    const port = await closedPort();
    const away = (component: string) => ({ component, url: `http://127.0.0.1:${port}/${component}.git`, sha: repos.auth.shas[0] });
    const options = { attempts: 1 };
    const failureOf = (pins: PinRequest[], given: MaterializeOptions = options) =>
      materializePins(root, pins, given).then(
        () => new Error('materialized what it could not reach'),
        (e: Error) => e,
      );
    expect(await failureOf([away('auth')])).toBeInstanceOf(RemoteUnreachable);
    const both = await failureOf([away('auth'), away('users')]);
    expect(both).toBeInstanceOf(RemoteUnreachable);
    expect(both.message).toMatch(/^2 components failed to materialize: auth: cannot reach .* \| users: cannot reach /);
    const plain = join(tmp, 'plain-too');
    await mkdir(plain);
    // auth retries after a pause and ends last; the message still names it first, as the pins do.
    const mixed = await failureOf([away('auth'), { component: 'users', url: `file://${plain}`, sha: repos.auth.shas[0] }], { attempts: 2, retryDelayMs: 300 });
    expect(mixed.message).toMatch(/^2 components failed to materialize: auth: cannot reach .* \| users: file:\/\//);
    expect(mixed).toBeInstanceOf(SeamlineError);
    expect(mixed).not.toBeInstanceOf(RemoteUnreachable);
  });

  it('never prints credentials from a URL', async () => {
    const port = await closedPort();
    const error = await materializePins(
      root,
      [{ component: 'auth', url: `http://x-access-token:ghp_secret123@127.0.0.1:${port}/a.git`, sha: repos.auth.shas[0] }],
      { attempts: 1 },
    ).catch((e: Error) => e);
    expect(String(error)).toContain('auth: cannot reach http://***@127.0.0.1');
    expect(String(error)).not.toContain('ghp_secret123');
  });

  it('reports every failing component, after materializing the others', async () => {
    const events: MaterializeEvent[] = [];
    const bad = [...pins(), { component: 'ghost', url: `file://${join(tmp, 'nope')}`, sha: repos.auth.shas[0] }];
    await expect(materializePins(root, bad, { onProgress: (e) => events.push(e) })).rejects.toThrow('ghost: ');
    expect(
      events
        .filter((e) => e.kind === 'done')
        .map((e) => e.pin.component)
        .sort(),
    ).toEqual(['auth', 'billing', 'users']);
  });

  it('recovers from git lock files and a half-made checkout left by a killed run', async () => {
    await materializePins(
      root,
      pins((r) => r.shas[0]),
    );
    const cache = pinCacheDir(root, 'auth');
    await writeFile(join(cache, 'shallow.lock'), '');
    await mkdir(join(cache, 'refs', 'pins'), { recursive: true });
    await writeFile(join(cache, 'refs', 'pins', `${repos.auth.shas[1]}.lock`), '');
    const half = checkoutDir(root, 'auth', repos.auth.shas[1]);
    await mkdir(half, { recursive: true });
    await writeFile(join(half, 'partial'), 'x');
    const result = await materializePins(
      root,
      pins((r) => r.shas[1]),
    );
    expect(result.every((p) => p.status === 'fetched')).toBe(true);
    expect(existsSync(join(half, 'partial'))).toBe(false);
    expect(existsSync(checkoutMarker(root, 'auth', repos.auth.shas[1]))).toBe(true);
    expect(existsSync(join(cache, 'shallow.lock'))).toBe(false);
  });
});

describe('resolveBranch', () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'seamline-ls-'));
  });
  afterAll(() => rm(tmp, { recursive: true, force: true }));

  it('resolves a branch head with ls-remote, and names a missing branch', async () => {
    const repo = await createRepo(tmp, 'auth', [{ a: '1' }, { a: '2' }]);
    expect(await resolveBranch('auth', repo.url, 'main')).toBe(repo.shas[1]);
    await expect(resolveBranch('auth', repo.url, 'trunk')).rejects.toThrow(
      `auth: branch "trunk" does not exist in ${repo.url}; check "branch" in components/auth/component.yaml`,
    );
    await expect(resolveBranch('auth', `file://${join(tmp, 'nope')}`, 'main')).rejects.toThrow('is not a git repository or does not exist');
  });

  it('hands git a URL that looks like an option as a repository, never as an option', async () => {
    const pwned = join(tmp, 'pwned');
    await expect(resolveBranch('auth', `--upload-pack=touch ${pwned}`, 'main', { attempts: 1 })).rejects.toThrow(/^auth: /);
    expect(existsSync(pwned)).toBe(false);
  });
});

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}
