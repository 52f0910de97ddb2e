import { execFileSync } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { logger } from '../../terminal/logger';
import { executorContext, fixtureWorkspace } from '../../__fixtures__/workspace';
import { sha256 } from '../../core/hash';
import { KnownGoodStore, type NewRecord } from '../../store/known-good-store';
import knownGood from './executor';

const STORE = 'integration/known-good.jsonl';
const sha = (c: string) => c.repeat(40);
const entry = (n: number): NewRecord => ({
  timestamp: `2026-11-21T12:00:${String(n).padStart(2, '0')}Z`,
  tuple: { auth: sha(String(n % 10)), users: sha('b') },
  manifest_sha256: sha256(`manifest ${n}`),
  suite: 'full',
  duration_s: 42,
  run: null,
});

/**
 * `known-good --verify` against the store's git history, in a real git repository:
 * each tamper class is named with the line and the commit it concerns.
 */
describe('known-good --verify with git history', () => {
  let root: string;
  let infos: string[];
  let errors: jest.SpyInstance;
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: root,
      env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t', GIT_CONFIG_NOSYSTEM: '1' },
      stdio: 'pipe',
    })
      .toString()
      .trim();
  const path = () => join(root, STORE);
  const lines = async () => (await readFile(path(), 'utf8')).trim().split('\n');
  const write = (ls: string[]) => writeFile(path(), `${ls.join('\n')}\n`);
  const commit = (message: string) => {
    git('add', STORE);
    git('commit', '-q', '-m', message);
    return git('rev-parse', 'HEAD').slice(0, 12);
  };
  const append = async (n: number) => new KnownGoodStore(path()).append(entry(n));
  const verify = async (head?: string) => (await knownGood({ verify: true, head }, executorContext(root))).success;
  const lastError = () => String(errors.mock.calls.at(-1)?.[0]);
  /** Re-chain from line `from` (1-based): recompute each `prev` so the chain verifies again. */
  const rechain = (ls: string[], from: number) => {
    for (let i = Math.max(1, from); i < ls.length; i++) ls[i] = JSON.stringify({ ...JSON.parse(ls[i]), prev: sha256(ls[i - 1]) });
    return ls;
  };

  let c2: string;
  beforeEach(async () => {
    root = await fixtureWorkspace();
    infos = [];
    jest.spyOn(logger, 'info').mockImplementation((m) => void infos.push(String(m)));
    errors = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
    git('init', '-q', '-b', 'main');
    for (const n of [1, 2]) await append(n);
    commit('two records');
    await append(3);
    c2 = commit('third record');
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('an untouched store verifies with its history, and a new uncommitted append extends it', async () => {
    await append(4);
    expect(await verify()).toBe(true);
    const head = sha256((await lines())[3]);
    expect(infos.at(-1)).toBe(`${STORE}: 4 record(s), chain intact, head ${head.slice(0, 16)}, git history intact (2 commit(s), 1 line(s) not committed yet)`);
  });

  it('the last record edited in the working file (chain still valid): the line and the commit', async () => {
    const ls = await lines();
    ls[2] = JSON.stringify({ ...JSON.parse(ls[2]), duration_s: 1 });
    await write(ls);
    expect(await verify()).toBe(false);
    expect(lastError()).toBe(
      `${STORE}:3: the working file does not extend the last commit ${c2}: line 3 was changed (a record edited, replaced or re-chained); restore it (git checkout -- ${STORE})`,
    );
  });

  it('the last record deleted and committed: the commit that removed it', async () => {
    await write((await lines()).slice(0, 2));
    const c3 = commit('drop');
    expect(await verify()).toBe(false);
    expect(lastError()).toBe(
      `${STORE}:3: commit ${c3}: line 3 and 1 line(s) in all were removed (records deleted from the end), compared with commit ${c2}: committed history was rewritten`,
    );
  });

  it('a forged last record (another tuple, prev correct) committed, then one more append', async () => {
    const ls = await lines();
    ls[2] = JSON.stringify({ ...JSON.parse(ls[2]), tuple: { auth: sha('f'), users: sha('f') } });
    await write(ls);
    const c3 = commit('forge');
    await append(4);
    expect((await new KnownGoodStore(path()).verify()).ok).toBe(true); // the chain alone cannot tell
    expect(await verify()).toBe(false);
    expect(lastError()).toBe(
      `${STORE}:3: commit ${c3}: line 3 was changed (a record edited, replaced or re-chained), compared with commit ${c2}: committed history was rewritten`,
    );
  });

  it('an old record edited and every later prev re-chained: the first line that changed', async () => {
    const ls = await lines();
    ls[0] = JSON.stringify({ ...JSON.parse(ls[0]), tuple: { auth: sha('e'), users: sha('e') } });
    await write(rechain(ls, 1));
    expect((await new KnownGoodStore(path()).verify()).ok).toBe(true);
    const c3 = commit('rechain');
    expect(await verify()).toBe(false);
    expect(lastError()).toBe(
      `${STORE}:1: commit ${c3}: line 1 was changed (a record edited, replaced or re-chained), compared with commit ${c2}: committed history was rewritten`,
    );
  });

  it('--can-release refuses a SHA a forged, re-chained and committed record names: the chain alone would accept it', async () => {
    const canRelease = async (spec: string) => (await knownGood({ canRelease: spec }, executorContext(root))).success;
    expect(await canRelease(`auth@${sha('2')}`)).toBe(true);
    expect(infos.at(-1)).toMatch(/^auth@222222222222 can be released: verified by known-good line 2 \(suite full, /);
    const ls = await lines();
    ls[0] = JSON.stringify({ ...JSON.parse(ls[0]), tuple: { auth: sha('e'), users: sha('b') } });
    await write(rechain(ls, 1));
    const c3 = commit('rechain');
    expect((await new KnownGoodStore(path()).verify()).ok).toBe(true);
    expect(await canRelease(`auth@${sha('e')}`)).toBe(false);
    expect(lastError()).toBe(
      `auth@eeeeeeeeeeee cannot be released: the known-good store does not verify: ${STORE}:1: commit ${c3}: line 1 was changed (a record edited, replaced or re-chained), compared with commit ${c2}: committed history was rewritten`,
    );
    // Nothing else is releasable on a store that does not verify either.
    expect(await canRelease(`auth@${sha('2')}`)).toBe(false);
  });

  it('a prune is confirmed against the commit before it', async () => {
    await new KnownGoodStore(path()).prune(1, '2026-12-01T00:00:00Z');
    commit('prune');
    expect(await verify()).toBe(true);
    expect(infos.at(-1)).toMatch(/1 record\(s\), after a checkpoint, chain intact, head [0-9a-f]{16}, git history intact \(3 commit\(s\)\)$/);
  });

  it('forged checkpoints: a wrong count, and one that hides an edited record', async () => {
    const ls = await lines();
    const forged = [JSON.stringify({ timestamp: '2026-12-01T00:00:00Z', checkpoint: true, pruned: 1, head: sha256(ls[1]), prev: null }), ls[2]];
    await write(forged);
    expect((await new KnownGoodStore(path()).verify()).ok).toBe(true);
    const c3 = commit('forged count');
    expect(await verify()).toBe(false);
    expect(lastError()).toBe(
      `${STORE}:1: commit ${c3}: line 1 is a checkpoint that names head ${sha256(ls[1]).slice(0, 16)}, but the last record it replaced (line 1 before the prune) hashes to ${sha256(ls[0]).slice(0, 16)}: a forged checkpoint, compared with commit ${c2}: committed history was rewritten`,
    );

    git('reset', '-q', '--hard', c2);
    const edited = JSON.stringify({ ...JSON.parse(ls[2]), tuple: { auth: sha('d'), users: sha('d') } });
    await write([JSON.stringify({ timestamp: '2026-12-01T00:00:00Z', checkpoint: true, pruned: 2, head: sha256(ls[1]), prev: null }), edited]);
    expect((await new KnownGoodStore(path()).verify()).ok).toBe(true);
    expect(await verify()).toBe(false);
    expect(lastError()).toBe(
      `${STORE}:2: the working file does not extend the last commit ${c2}: line 2 is not the record the prune kept there (a record edited or removed along with the prune); restore it (git checkout -- ${STORE})`,
    );
  });

  it('--head takes a 12+ hex prefix of any line; history rewritten in git loses the anchored head', async () => {
    const ls = await lines();
    const printed = sha256(ls[2]).slice(0, 16);
    await append(4);
    expect(await verify(printed.slice(0, 12))).toBe(true);
    expect(infos.at(-1)).toContain(`extends the anchored head ${printed.slice(0, 12)} (line 3, 1 line(s) after it)`);
    expect(await verify(printed.slice(0, 11))).toBe(false);
    expect(lastError()).toBe(`--head: expected 12 to 64 hex characters of a store head (as every append and verify prints it), got "${printed.slice(0, 11)}"`);

    // Rewrite git history: drop both commits, commit an edited store as if it had always been so.
    git('checkout', '-q', '--orphan', 'rewritten');
    const rewritten = rechain([ls[0], JSON.stringify({ ...JSON.parse(ls[1]), duration_s: 7 }), ls[2]], 1);
    await write(rewritten);
    commit('history as the forger tells it');
    git('branch', '-q', '-D', 'main');
    expect(await verify()).toBe(true); // nothing in the repository contradicts it any more
    expect(await verify(printed)).toBe(false);
    expect(lastError()).toBe(
      `${STORE}: no line of the store or of its committed history hashes to the anchored head ${printed}: records were cut from or edited at the end, or the history was rewritten`,
    );
  });

  it('in a repository git will not read (another user owns it, as in a container), verify fails on one line that says how to let git read it', async () => {
    const top = git('rev-parse', '--show-toplevel');
    // Git's own switch for its ownership check (what a checkout owned by another user trips).
    const saved = { ...process.env };
    process.env.GIT_TEST_ASSUME_DIFFERENT_OWNER = '1';
    try {
      expect(await verify()).toBe(false);
      expect(lastError()).toBe(
        `${STORE}: git cannot read the repository that holds the store (detected dubious ownership in repository at '${top}'), ` +
          `so its history cannot be checked; let git read it (git config --global --add safe.directory ${top}) and run again`,
      );
      // What that command does, for this process only: the history is checked again.
      Object.assign(process.env, { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'safe.directory', GIT_CONFIG_VALUE_0: top });
      expect(await verify()).toBe(true);
      expect(infos.at(-1)).toContain('git history intact (2 commit(s)');
    } finally {
      process.env = saved;
    }
  });

  it('in a repository without a commit yet, verify says the history was not checked', async () => {
    await rm(join(root, '.git'), { recursive: true, force: true });
    git('init', '-q', '-b', 'main');
    expect(await verify()).toBe(true);
    expect(infos.at(-1)).toContain('git history not checked (no commit yet)');
  });

  it('outside git, verify says the history was not checked', async () => {
    await rm(join(root, '.git'), { recursive: true, force: true });
    expect(await verify()).toBe(true);
    expect(infos.at(-1)).toContain('git history not checked (not in a git repository)');
  });
});
