import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { logger } from '../../terminal/logger';
import { executorContext, fixtureRun, fixtureWorkspace } from '../../__fixtures__/workspace';
import { sha256 } from '../../core/hash';
import manifestExecutor from '../manifest/executor';
import recordKnownGood from '../record-known-good/executor';
import knownGood from './executor';

const sha = (c: string) => c.repeat(40);

describe('known-good executor', () => {
  let root: string;
  let infos: string[];
  let errors: jest.SpyInstance;
  const run = (options: Parameters<typeof knownGood>[0]) => knownGood(options, executorContext(root));

  /** Two passing full runs: auth moves from a to d between them. */
  beforeEach(async () => {
    root = await fixtureWorkspace();
    infos = [];
    jest.spyOn(logger, 'info').mockImplementation((m) => void infos.push(String(m)));
    errors = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
    for (const [file, auth] of [
      ['one.yaml', 'a'],
      ['two.yaml', 'd'],
    ]) {
      await manifestExecutor({ kind: 'full', main: [`auth@${sha(auth)}`, `users@${sha('b')}`, `billing@${sha('c')}`], out: file }, executorContext(root));
      await recordKnownGood({ manifest: await fixtureRun(root, file, `full-${auth}`, { finished: '2026-11-21T12:00:10Z' }) }, executorContext(root));
    }
    infos = [];
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('--latest prints the newest full tuple', async () => {
    expect((await run({ latest: true })).success).toBe(true);
    expect(infos[0]).toMatch(/^latest full: \d{4}-\d\d-\d\dT[\d:]+Z, manifest [0-9a-f]{12}, 10s$/);
    expect(infos.slice(1)).toEqual([`  auth     ${sha('d')}`, `  billing  ${sha('c')}`, `  users    ${sha('b')}`]);
  });

  it('--latest --json=<file> writes the record a script reads, and still prints the lines', async () => {
    expect((await run({ latest: true, json: 'out/latest.json' })).success).toBe(true);
    expect(JSON.parse(await readFile(join(root, 'out/latest.json'), 'utf8'))).toMatchObject({
      suite: 'full',
      tuple: { auth: sha('d'), billing: sha('c'), users: sha('b') },
    });
    expect(infos[0]).toMatch(/^latest full: /);
  });

  it('--latest for a suite that never passed says so', async () => {
    expect((await run({ latest: true, suite: 'pr_fast' })).success).toBe(false);
    expect(errors).toHaveBeenCalledWith(
      'integration/known-good.jsonl: no known-good record for suite "pr_fast" yet; a passing `nx run integration:full` records one',
    );
  });

  it('--verify reports the count and head, and checks an expected head', async () => {
    const lines = (await readFile(join(root, 'integration/known-good.jsonl'), 'utf8')).trim().split('\n');
    expect((await run({ verify: true, head: sha256(lines[1]) })).success).toBe(true);
    const head = sha256(lines[1]);
    expect(infos).toEqual([
      `integration/known-good.jsonl: 2 record(s), chain intact, head ${head.slice(0, 16)}, git history not checked (not in a git repository), extends the anchored head ${head} (line 2, the last line)`,
    ]);
    expect((await run({ verify: true, head: sha256(lines[0]).slice(0, 12) })).success).toBe(true);
    expect(infos.at(-1)).toContain(`extends the anchored head ${sha256(lines[0]).slice(0, 12)} (line 1, 1 line(s) after it)`);
    expect((await run({ verify: true, head: sha256('gone').slice(0, 16) })).success).toBe(false);
    expect(errors.mock.calls[0][0]).toBe(
      `integration/known-good.jsonl: no line of the store hashes to the anchored head ${sha256('gone').slice(0, 16)}: records were cut from or edited at the end, or the history was rewritten`,
    );
  });

  it('--verify names the first bad line of tampered history', async () => {
    const path = join(root, 'integration/known-good.jsonl');
    const [one, two] = (await readFile(path, 'utf8')).trim().split('\n');
    await writeFile(path, `${two}\n${one}\n`);
    expect((await run({ verify: true })).success).toBe(false);
    expect(errors.mock.calls[0][0]).toMatch(/^integration\/known-good\.jsonl:1: line 1 has prev [0-9a-f]{64}, but the first record's prev is null/);
  });

  it('--can-release succeeds only for a SHA in a known-good full tuple, naming the record; otherwise the latest known good', async () => {
    expect((await run({ canRelease: `auth@${sha('a')}` })).success).toBe(true);
    expect(infos[0]).toMatch(
      /^auth@aaaaaaaaaaaa can be released: verified by known-good line 1 \(suite full, .*Z, manifest [0-9a-f]{12}, head [0-9a-f]{16}\)$/,
    );
    expect((await run({ canRelease: `auth@${sha('e')}` })).success).toBe(false);
    expect(errors).toHaveBeenCalledWith(
      `auth@eeeeeeeeeeee cannot be released: it is not part of any tuple that passed the full suite; the latest known good auth is ${sha('d')} (line 2, ${
        JSON.parse((await readFile(join(root, 'integration/known-good.jsonl'), 'utf8')).trim().split('\n')[1]).timestamp
      })`,
    );
    expect((await run({ canRelease: `ghost@${sha('e')}` })).success).toBe(false);
    expect(errors).toHaveBeenLastCalledWith('--can-release: unknown component "ghost" (declared: auth, billing, users)');
  });

  it('--can-release takes the repository instead of the component, and --json=<file> writes the answer, pass or not', async () => {
    expect((await run({ canRelease: `https://github.com/acme/users.git@${sha('b')}`, json: 'out/answer.json' })).success).toBe(true);
    const pass = JSON.parse(await readFile(join(root, 'out/answer.json'), 'utf8'));
    const lines = (await readFile(join(root, 'integration/known-good.jsonl'), 'utf8')).trim().split('\n');
    expect(pass).toMatchObject({
      canRelease: true,
      component: 'users',
      sha: sha('b'),
      verifiedBy: { line: 2, hash: sha256(lines[1]), suite: 'full', tuple: { auth: sha('d'), users: sha('b'), billing: sha('c') } },
      latestKnownGood: { line: 2, sha: sha('b') },
      store: { path: 'integration/known-good.jsonl', head: sha256(lines[1]), historyCommits: 0 },
    });
    expect(pass.message).toBe(infos.at(-1));
    expect((await run({ canRelease: `acme/billing@${sha('e')}`, json: 'out/answer.json' })).success).toBe(false);
    const fail = JSON.parse(await readFile(join(root, 'out/answer.json'), 'utf8'));
    expect(fail).toMatchObject({ canRelease: false, reason: 'not-known-good', component: 'billing', latestKnownGood: { sha: sha('c') } });
    expect(errors).toHaveBeenLastCalledWith(fail.message);
    infos = [];
    expect((await run({ canRelease: `auth@${sha('a')}`, json: true })).success).toBe(true);
    expect(JSON.parse(infos.join('\n'))).toMatchObject({ canRelease: true, verifiedBy: { line: 1 } });
    infos = [];
    expect((await run({ canRelease: `auth@${sha('e')}`, json: true })).success).toBe(false);
    expect(JSON.parse(infos.join('\n'))).toMatchObject({ canRelease: false, reason: 'not-known-good', latestKnownGood: { sha: sha('d') } });
    expect(errors).toHaveBeenLastCalledWith(expect.stringMatching(/^auth@eeeeeeeeeeee cannot be released: /));
  });

  it('--can-release answers no on a store whose chain does not verify, naming the line', async () => {
    const path = join(root, 'integration/known-good.jsonl');
    const [one, two] = (await readFile(path, 'utf8')).trim().split('\n');
    // Swap in a SHA nobody tested: the chain no longer vouches for line 1.
    await writeFile(path, `${one.replace(sha('a'), sha('e'))}\n${two}\n`);
    expect((await run({ canRelease: `auth@${sha('e')}`, json: 'answer.json' })).success).toBe(false);
    expect(errors).toHaveBeenLastCalledWith(
      'auth@eeeeeeeeeeee cannot be released: the known-good store does not verify: integration/known-good.jsonl:2: chain broken at line 2: its prev is not the hash of line 1, so line 1 was edited or records between them were deleted; restore it from git',
    );
    expect(JSON.parse(await readFile(join(root, 'answer.json'), 'utf8'))).toMatchObject({
      canRelease: false,
      reason: 'store-not-verified',
      latestKnownGood: null,
    });
  });

  it('--diff shows what moved between records and manifest files', async () => {
    expect((await run({ diff: 'latest~1..latest' })).success).toBe(true);
    expect(infos).toEqual(['latest~1..latest:', `  auth: ${sha('a').slice(0, 12)} -> ${sha('d').slice(0, 12)}`]);
    infos = [];
    expect((await run({ diff: 'two.yaml..one.yaml' })).success).toBe(true);
    expect(infos[1]).toBe(`  auth: ${sha('d').slice(0, 12)} -> ${sha('a').slice(0, 12)}`);
    expect((await run({ diff: 'latest' })).success).toBe(false);
    expect(errors).toHaveBeenLastCalledWith('--diff: expected A..B (e.g. latest~1..latest), got "latest"');
  });

  it('--badge writes a shields.io endpoint JSON', async () => {
    expect((await run({ badge: 'public/badge.json' })).success).toBe(true);
    const doc = JSON.parse(await readFile(join(root, 'public/badge.json'), 'utf8'));
    expect(doc).toMatchObject({ schemaVersion: 1, label: 'known good', color: 'brightgreen' });
    expect(doc.message).toMatch(/^\d{4}-\d\d-\d\d · head [0-9a-f]{16}$/);
  });

  it('--badge alone prints the badge JSON', async () => {
    expect((await run({ badge: true })).success).toBe(true);
    const doc = JSON.parse(infos[infos.length - 1]);
    expect(doc).toMatchObject({ schemaVersion: 1, label: 'known good', color: 'brightgreen' });
  });

  it('--prune keeps the newest records behind a checkpoint that still verifies', async () => {
    expect((await run({ prune: true, keep: 1 })).success).toBe(true);
    expect(infos).toEqual(['Pruned 1 record(s) from integration/known-good.jsonl; kept 1 behind a checkpoint']);
    infos = [];
    expect((await run({ verify: true })).success).toBe(true);
    expect(infos[0]).toMatch(/^integration\/known-good\.jsonl: 1 record\(s\), after a checkpoint, chain intact, head /);
    expect((await run({ prune: true })).success).toBe(false);
    expect(errors).toHaveBeenLastCalledWith('--prune: expected --keep=<number of newest records to keep>');
  });

  it('refuses two actions at once, before reading anything', async () => {
    expect((await run({ latest: true, verify: true })).success).toBe(false);
    expect(errors).toHaveBeenCalledWith('--verify and --latest: one action per run; pass one of --verify, --latest, --diff, --badge, --prune, --can-release');
    expect(infos).toEqual([]);
  });

  it('with no option verifies and shows the latest record of each suite', async () => {
    expect((await run({})).success).toBe(true);
    expect(infos[0]).toMatch(
      /^integration\/known-good\.jsonl: 2 record\(s\), chain intact, head [0-9a-f]{16}, git history not checked \(not in a git repository\)$/,
    );
    expect(infos[1]).toMatch(/^latest full: /);
  });
});
