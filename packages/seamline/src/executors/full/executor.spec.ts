import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRepo, gitIn, type TestRepo } from '../../__fixtures__/git-repos';
import { captureLogger, type LoggedLines } from '../../__fixtures__/logger-lines';
import { executorContext, fixtureWorkspace } from '../../__fixtures__/workspace';
import { sha256 } from '../../core/hash';
import { shortHead } from '../../core/known-good/head';
import full from './executor';

/**
 * full without Nx: the subset selects no seam, so a run is materialize, prepare
 * and render against real git repositories, and what full does around it
 * (record on pass, failure report, auto-bisect) is what these specs check.
 * Seams running as Nx tasks are in e2e/src/runs.spec.ts and bisect.spec.ts.
 */
// Real git and real prepare processes: seconds on a busy 2-core CI machine.
jest.setTimeout(60_000);

describe('full executor', () => {
  let repos: string;
  let auth: TestRepo;
  let users: TestRepo;
  let root: string;
  let lines: LoggedLines;

  const workspace = (options: { usersPrepare?: string; bisect?: 'auto' | 'off' } = {}) =>
    fixtureWorkspace({
      'integration/seamline.yaml': `subsets:\n  full:\n    seams: all\n    budget: 1h\nbisect: ${options.bisect ?? 'off'}\n`,
      'components/auth/component.yaml': `repo: ${auth.url}\n`,
      'components/users/component.yaml': `repo: ${users.url}\ndependsOn: [auth]\n${options.usersPrepare ? `prepare:\n  - ${options.usersPrepare}\n` : ''}`,
    });
  const run = (options: Parameters<typeof full>[0] = {}) => full(options, executorContext(root));
  const records = async () =>
    existsSync(join(root, 'integration/known-good.jsonl'))
      ? (await readFile(join(root, 'integration/known-good.jsonl'), 'utf8'))
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l))
      : [];
  const runDirs = async () => (existsSync(join(root, '.seamline/runs')) ? readdir(join(root, '.seamline/runs')) : []);

  beforeAll(async () => {
    repos = await mkdtemp(join(tmpdir(), 'seamline-full-repos-'));
    auth = await createRepo(repos, 'auth', [{ 'package.json': '{"name":"@acme/auth"}' }, { 'index.js': 'module.exports = 1;' }]);
    users = await createRepo(repos, 'users', [{ 'package.json': '{"name":"@acme/users"}' }]);
  });
  afterAll(() => rm(repos, { recursive: true, force: true }));
  beforeEach(() => {
    lines = captureLogger();
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('runs the latest mains and records the passing tuple as known good, with the CI run', async () => {
    root = await workspace();
    const result = await run({ run: 'https://ci.example/runs/7' });
    expect(result).toMatchObject({ success: true, verdict: 'pass' });
    const [record] = await records();
    expect(record).toMatchObject({ tuple: { auth: auth.shas[1], users: users.shas[0] }, suite: 'full', run: 'https://ci.example/runs/7', prev: null });
    expect(lines.info).toContainEqual(
      expect.stringMatching(/^full passed: .*; tuple auth@[0-9a-f]{12} users@[0-9a-f]{12}; artifacts in \.seamline\/runs\/full-/),
    );
    const recorded = /^Recorded known good: integration\/known-good\.jsonl line 1 \(suite full, manifest ([0-9a-f]{12}), head ([0-9a-f]+)\)$/.exec(
      lines.info.find((l) => l.startsWith('Recorded known good')) ?? '',
    );
    const line = (await readFile(join(root, 'integration/known-good.jsonl'), 'utf8')).trim();
    expect(recorded?.slice(1)).toEqual([record.manifest_sha256.slice(0, 12), shortHead(sha256(line))]);
  });

  it('keeps a held component at the held SHA, says so with the reason, and records the hold; an expired hold and --main do not hold', async () => {
    root = await workspace();
    const reason = 'culprit auth 1234 breaks users-auth';
    const held = `hold:\n  - { component: auth, sha: ${auth.shas[0]}, reason: ${reason}, expires: 2999-12-31 }\n  - { component: users, sha: ${'e'.repeat(40)}, reason: old, expires: 2020-01-01 }\n`;
    await writeFile(join(root, 'integration/seamline.yaml'), `${await readFile(join(root, 'integration/seamline.yaml'), 'utf8')}${held}`);
    expect((await run()).success).toBe(true);
    const [record] = await records();
    expect(record.tuple).toEqual({ auth: auth.shas[0], users: users.shas[0] });
    expect(record.holds).toEqual([{ component: 'auth', sha: auth.shas[0], reason, expires: '2999-12-31' }]);
    expect(lines.info).toContain(
      `hold: auth pinned at ${auth.shas[0].slice(0, 12)} instead of its main ${auth.shas[1].slice(0, 12)} until 2999-12-31: ${reason}`,
    );
    expect(lines.warn).toContain(
      'hold: the hold on users expired on 2020-01-01; users runs at its main. Remove it: nx run integration:hold --component=users --release',
    );
    const [dir] = await runDirs();
    const manifest = await readFile(join(root, '.seamline/runs', dir, 'manifest.yaml'), 'utf8');
    expect(manifest).toContain(`sha: ${auth.shas[0]}, from: hold }`);
    expect(await readFile(join(root, '.seamline/runs', dir, 'summary.md'), 'utf8')).toContain(`held until 2999-12-31: ${reason}`);

    lines.info = [];
    expect((await run({ main: `auth@${auth.shas[1]}` })).success).toBe(true);
    expect((await records())[1].tuple.auth).toBe(auth.shas[1]);
    expect('holds' in (await records())[1]).toBe(false);
    expect(lines.info).toContain(`hold: auth is pinned by --main, which overrides its hold (${reason})`);
  });

  it('pins what --main names instead of the branch head', async () => {
    root = await workspace();
    expect((await run({ main: `auth@${auth.shas[0]}` })).success).toBe(true);
    expect((await records())[0].tuple).toEqual({ auth: auth.shas[0], users: users.shas[0] });
  });

  it("refuses a --main commit that is not on the component's branch, before running anything", async () => {
    await gitIn(auth.dir, ['checkout', '-q', '-b', 'side']);
    const side = await auth.commit({ 'side.txt': 'never merged\n' }, 'auth: an idea on a side branch');
    auth.shas.pop();
    await gitIn(auth.dir, ['checkout', '-q', 'main']);
    root = await workspace();
    expect((await run({ main: `auth@${side}` })).success).toBe(false);
    expect(lines.error).toEqual([
      `--main: auth@${side.slice(0, 12)} is not on main of ${auth.url} (at ${auth.shas.at(-1)!.slice(0, 12)}); pass a commit of main: a full run tests the mains`,
    ]);
    expect([await records(), await runDirs()]).toEqual([[], []]);
  });

  it('refuses a --main commit the repository does not have in one line that says so, before running anything', async () => {
    root = await workspace();
    const missing = '0123456789abcdef0123456789abcdef01234567';
    expect((await run({ main: `auth@${missing}` })).success).toBe(false);
    expect(lines.error).toEqual([`--main: auth: commit ${missing} does not exist in ${auth.url} (not on any branch); check the SHA, or push the commit`]);
    expect([await records(), await runDirs()]).toEqual([[], []]);
  });

  it('refuses a seam whose command is not there, naming its file, before anything is fetched', async () => {
    root = await workspace();
    const seam = (command: string) => `components: [users, auth]\ncatches: users reads what auth renamed\ncommand: ${command}\n`;
    await mkdir(join(root, 'seams/users-auth'), { recursive: true });
    await writeFile(join(root, 'seams/users-auth/seam.yaml'), seam('[jset, --ci]'));
    expect((await run()).success).toBe(false);
    expect(lines.error).toEqual([
      'seams/users-auth/seam.yaml: field "command": jset was not found (not on PATH, nor in node_modules/.bin); fix the command, or install it. Nothing was run, and no commit is to blame',
    ]);
    expect([await records(), await runDirs(), existsSync(join(root, '.seamline/checkouts'))]).toEqual([[], [], false]);

    await writeFile(join(root, 'seams/users-auth/seam.yaml'), seam('[./check.sh]'));
    lines = captureLogger();
    expect((await run()).success).toBe(false);
    expect(lines.error).toEqual([
      'seams/users-auth/seam.yaml: field "command": ./check.sh was not found (no executable file ./check.sh in seams/users-auth); fix the command, or install it. Nothing was run, and no commit is to blame',
    ]);
  });

  it('a shard that passes records nothing: only the whole suite is known good', async () => {
    root = await workspace();
    expect((await run({ shard: '1/2' })).success).toBe(true);
    expect(await records()).toEqual([]);
    expect(lines.info.some((l) => l.startsWith('Recorded known good'))).toBe(false);
  });

  it('a failure records nothing and leaves its manifest, results and the failure report behind', async () => {
    root = await workspace({ usersPrepare: '[node, -e, "process.exit(3)"]' });
    const result = await run();
    expect(result).toMatchObject({ success: false, verdict: 'fail' });
    expect(await records()).toEqual([]);
    const [dir] = await runDirs();
    const runDir = join(root, '.seamline/runs', dir);
    expect((await readdir(runDir)).sort()).toEqual(expect.arrayContaining(['failure-report.md', 'junit.xml', 'manifest.yaml', 'results.json', 'summary.md']));
    const results = JSON.parse(await readFile(join(runDir, 'results.json'), 'utf8'));
    expect(results).toMatchObject({ verdict: 'fail', reason: `component users at ${users.shas[0]} failed to prepare` });
    const report = await readFile(join(runDir, 'failure-report.md'), 'utf8');
    expect(report).toContain(`nx run integration:reproduce --manifest=.seamline/runs/${dir}/manifest.yaml`);
    expect(lines.info).toContain(`Failure report: .seamline/runs/${dir}/failure-report.md`);
  });

  it('with bisect: auto, says why it does not bisect: no known good yet, or no seam failed', async () => {
    root = await workspace({ bisect: 'auto', usersPrepare: '[node, -e, "process.exit(3)"]' });
    expect((await run()).success).toBe(false);
    expect(lines.warn).toContain('bisect: auto, but the known-good store has no full-suite record to start from; not bisecting');

    await rm(root, { recursive: true, force: true });
    root = await workspace({ bisect: 'auto' });
    expect((await run({ main: `auth@${auth.shas[0]}` })).success).toBe(true);
    const good = await records();
    // The same workspace, now with a prepare that fails: a failure, but not of a seam.
    await writeFile(join(root, 'components/users/component.yaml'), `repo: ${users.url}\ndependsOn: [auth]\nprepare:\n  - [node, -e, "process.exit(3)"]\n`);
    expect((await run()).success).toBe(false);
    expect(lines.warn).toContain(`bisect: auto, but no seam failed (component users at ${users.shas[0]} failed to prepare); not bisecting`);
    expect(await records()).toEqual(good);
  });

  it('refuses a malformed --main or --shard before anything is fetched', async () => {
    root = await workspace();
    expect((await run({ main: 'auth@abc123' })).success).toBe(false);
    expect((await run({ shard: '3/2' })).success).toBe(false);
    expect(lines.error[0]).toBe('--main: auth@abc123: expected a full 40-character hex commit SHA; use `git rev-parse <ref>`');
    expect(lines.error[1]).toBe('--shard: expected i/n with 1 <= i <= n (e.g. 2/4), got "3/2"');
    expect(await runDirs()).toEqual([]);
    expect(existsSync(join(root, '.seamline/cache'))).toBe(false);
  });
});
