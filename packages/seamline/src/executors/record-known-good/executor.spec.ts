import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { logger } from '../../terminal/logger';
import { executorContext, fixtureRun, fixtureWorkspace } from '../../__fixtures__/workspace';
import { sha256 } from '../../core/hash';
import knownGood from '../known-good/executor';
import manifestExecutor from '../manifest/executor';
import recordKnownGood from './executor';

const sha = (c: string) => c.repeat(40);
const mains = [`auth@${sha('a')}`, `users@${sha('b')}`, `billing@${sha('c')}`];

describe('record-known-good executor', () => {
  let root: string;
  let errors: jest.SpyInstance;
  let infos: string[];
  const store = () => join(root, 'integration', 'known-good.jsonl');
  const record = (options: Parameters<typeof recordKnownGood>[0]) => recordKnownGood(options, executorContext(root));
  const noStore = () => expect(readFile(store())).rejects.toMatchObject({ code: 'ENOENT' });
  beforeEach(async () => {
    root = await fixtureWorkspace();
    infos = [];
    errors = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
    jest.spyOn(logger, 'info').mockImplementation((m) => void infos.push(String(m)));
    await manifestExecutor({ kind: 'full', main: mains, out: 'full.yaml' }, executorContext(root));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('records a passing full run, named by id, directory or manifest, with its duration from results.json', async () => {
    const env = { ...process.env };
    Object.assign(process.env, { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/integration', GITHUB_RUN_ID: '42' });
    try {
      const id = await fixtureRun(root, 'full.yaml', 'full-1');
      const first = await record({ manifest: id });
      const second = await record({ manifest: `.seamline/runs/${id}`, run: 'https://ci/1' });
      const third = await record({ manifest: `.seamline/runs/${id}/manifest.yaml` });
      expect([first.success, second.success, third.success]).toEqual([true, true, true]);
    } finally {
      process.env = env;
    }
    const [one, two] = (await readFile(store(), 'utf8')).trim().split('\n');
    expect(JSON.parse(one)).toMatchObject({
      tuple: { auth: sha('a'), billing: sha('c'), users: sha('b') },
      suite: 'full',
      duration_s: 742,
      prev: null,
      run: 'https://github.com/acme/integration/actions/runs/42',
    });
    expect(JSON.parse(one).manual).toBeUndefined();
    expect(JSON.parse(two)).toMatchObject({ suite: 'full', prev: sha256(one), run: 'https://ci/1' });
    expect(infos.find((l) => l.startsWith('Recorded'))).toMatch(
      /^Recorded known good: integration\/known-good.jsonl line 1 \(suite full, manifest [0-9a-f]{12}, head [0-9a-f]{16}\)$/,
    );
  });

  const refusals: [string, Record<string, unknown>, string][] = [
    ['a failing run', { verdict: 'fail', reason: 'failed seam: users-auth-contract' }, 'verdict fail (failed seam: users-auth-contract)'],
    [
      'a run that says pass with a failed seam',
      {
        seams: [
          { seam: 'billing-users-ledger', verdict: 'pass', quarantined: false },
          { seam: 'users-auth-contract', verdict: 'fail', quarantined: false },
        ],
      },
      'seam(s) users-auth-contract failed, although the verdict says pass',
    ],
    ["another manifest's results", { manifest_sha256: 'f'.repeat(64) }, 'manifest_sha256 ffffffffffff is not the hash of .seamline/runs/r/manifest.yaml'],
    ['a shard alone', { shard: '1/2' }, "shard 1/2 of a run; record a sharded run with every shard's run at once"],
    ['a pr run', { kind: 'pr' }, 'a full run (every component at its main)'],
    [
      'a run that skipped a seam of its subset',
      { seams: [{ seam: 'users-auth-contract', verdict: 'pass', quarantined: false }] },
      'did not run seam(s) billing-users-ledger of subset full',
    ],
    ['a run with unselected seams', { not_selected: 1 }, 'did not run 1 seam(s) of subset full'],
    ["results that are not a run's", { seams: 'all' }, 'not the results.json of a run'],
  ];
  it.each(refusals)('refuses %s in one line and writes nothing', async (_what, results, message) => {
    const id = await fixtureRun(root, 'full.yaml', 'r', results);
    expect((await record({ manifest: id })).success).toBe(false);
    expect(errors).toHaveBeenCalledTimes(1);
    expect(errors.mock.calls[0][0]).toContain(message);
    expect(errors.mock.calls[0][0]).toMatch(/^\.seamline\/runs\/r\/results\.json: .*; nothing was written$/);
    expect(errors.mock.calls[0][0]).not.toContain('\n');
    await noStore();
  });

  it('records a sharded full run from the runs of all its shards, and refuses an incomplete set', async () => {
    const seam = (name: string) => [{ seam: name, verdict: 'pass', quarantined: false }];
    await fixtureRun(root, 'full.yaml', 's1', { shard: '1/2', not_selected: 1, seams: seam('billing-users-ledger') });
    await fixtureRun(root, 'full.yaml', 's2', { shard: '2/2', not_selected: 1, seams: seam('users-auth-contract'), finished: '2026-11-21T12:20:00Z' });
    await fixtureRun(root, 'full.yaml', 's2-again', { shard: '2/2', not_selected: 1, seams: seam('billing-users-ledger') });
    expect((await record({ manifest: 's1' })).success).toBe(false);
    expect(errors).toHaveBeenLastCalledWith(
      ".seamline/runs/s1/results.json: shard 1/2 of a run; record a sharded run with every shard's run at once (--manifest=<run 1>,<run 2>,...); nothing was written",
    );
    expect((await record({ manifest: 's1,s2-again' })).success).toBe(false);
    expect(errors).toHaveBeenLastCalledWith(
      '.seamline/runs/s1/manifest.yaml: the shards did not run seam(s) users-auth-contract of subset full (as integration/seamline.yaml selects it now); nothing was written',
    );
    expect((await record({ manifest: 's1,s1' })).success).toBe(false);
    expect(errors).toHaveBeenLastCalledWith('.seamline/runs/s1/results.json: shard 1/2 is given twice; nothing was written');
    await noStore();
    expect((await record({ manifest: 's1,s2' })).success).toBe(true);
    expect(JSON.parse((await readFile(store(), 'utf8')).trim())).toMatchObject({ suite: 'full', duration_s: 1200 });
  });

  it('refuses a manifest that is not a run (no results.json beside it), and a results.json that is not JSON', async () => {
    expect((await record({ manifest: 'full.yaml' })).success).toBe(false);
    expect(errors).toHaveBeenLastCalledWith(
      'full.yaml: no results.json beside it; record-known-good records a run: pass its id or its directory under .seamline/runs; nothing was written',
    );
    await fixtureRun(root, 'full.yaml', 'broken');
    await writeFile(join(root, '.seamline/runs/broken/results.json'), '{"verdict":');
    expect((await record({ manifest: 'broken' })).success).toBe(false);
    expect(errors).toHaveBeenLastCalledWith('.seamline/runs/broken/results.json: not valid JSON; nothing was written');
    await noStore();
  });

  it('--manual records with a reason, marked manual; --can-release does not take it as proof', async () => {
    expect((await record({ manifest: 'full.yaml', manual: true })).success).toBe(false);
    expect(errors).toHaveBeenLastCalledWith('--manual: needs --reason="why this tuple is recorded without a passing run"; nothing was written');
    expect((await record({ manifest: 'full.yaml', reason: 'because' })).success).toBe(false);
    expect(errors).toHaveBeenLastCalledWith(
      '--reason: only with --manual; a run is recorded from its results.json, which give its duration; nothing was written',
    );
    await noStore();
    expect((await record({ manifest: 'full.yaml', manual: true, reason: 'seed: suite passed on the old CI, acme/integration#7', duration: 60 })).success).toBe(
      true,
    );
    const line = JSON.parse((await readFile(store(), 'utf8')).trim());
    expect(line).toMatchObject({ suite: 'full', duration_s: 60, manual: 'seed: suite passed on the old CI, acme/integration#7' });
    expect(Object.keys(line).at(-1)).toBe('manual');
    expect(infos.at(-1)).toContain('(manual record (seed: suite passed on the old CI, acme/integration#7), manifest');
    const verdict = await knownGood({ canRelease: `auth@${sha('a')}` }, executorContext(root));
    expect(verdict.success).toBe(false);
    expect(errors).toHaveBeenLastCalledWith(
      `auth@${sha('a').slice(0, 12)} cannot be released: only a manual record (line 1, "seed: suite passed on the old CI, acme/integration#7") names it, and a manual record is not a passing run; run the full suite on it; no full-suite record verifies auth yet`,
    );
  });

  it('records the seams that failed under quarantine; --can-release takes none of the components they touch from that record', async () => {
    const seams = [
      { seam: 'billing-users-ledger', verdict: 'fail', quarantined: true, duration_s: 1, attempts: 2, cached: false, log: 'logs/billing-users-ledger.log' },
      { seam: 'users-auth-contract', verdict: 'pass', quarantined: false, duration_s: 1, attempts: 1, cached: false, log: 'logs/users-auth-contract.log' },
    ];
    expect((await record({ manifest: await fixtureRun(root, 'full.yaml', 'full-q', { seams }) })).success).toBe(true);
    const line = JSON.parse((await readFile(store(), 'utf8')).trim());
    expect(line.quarantined).toEqual({ 'billing-users-ledger': ['billing', 'users'] });
    const can = async (pin: string) => (await knownGood({ canRelease: pin }, executorContext(root))).success;
    expect(await can(`auth@${sha('a')}`)).toBe(true);
    expect(await can(`users@${sha('b')}`)).toBe(false);
    expect(errors).toHaveBeenLastCalledWith(
      `users@${sha('b').slice(0, 12)} cannot be released: the full run that pinned it (line 1) passed only with seam(s) billing-users-ledger failing under quarantine, so nothing verified users there; fix the seam(s) and run the full suite again; no full-suite record verifies users yet`,
    );
    expect(await can(`billing@${sha('c')}`)).toBe(false);
    // A later run of the same tuple in which the seam passed verifies them.
    expect((await record({ manifest: await fixtureRun(root, 'full.yaml', 'full-ok') })).success).toBe(true);
    expect(await can(`users@${sha('b')}`)).toBe(true);
    expect(infos.at(-1)).toMatch(/verified by known-good line 2 /);
  });

  it('refuses a manifest naming a repository the workspace does not declare', async () => {
    const text = await readFile(join(root, 'full.yaml'), 'utf8');
    await writeFile(join(root, 'evil.yaml'), text.replace('https://github.com/acme/auth.git', 'https://evil.example/auth.git'));
    const result = await record({ manifest: 'evil.yaml', manual: true, reason: 'x' });
    expect(result.success).toBe(false);
    expect(errors).toHaveBeenCalledWith(
      'evil.yaml: component "auth" names repo https://evil.example/auth.git, but components/auth/component.yaml declares https://github.com/acme/auth.git; regenerate the manifest',
    );
  });

  it('names a missing manifest file or run, and what it takes instead', async () => {
    for (const manifest of ['nope.yaml', 'full-20261205T120000-nope']) {
      const result = await record({ manifest });
      expect(result.success).toBe(false);
      expect(errors).toHaveBeenCalledWith(`${manifest}: file not found; pass a run id (a folder of .seamline/runs), its folder or a manifest.yaml`);
    }
  });
});
