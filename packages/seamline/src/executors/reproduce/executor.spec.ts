import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createRepo, type TestRepo } from '../../__fixtures__/git-repos';
import { captureLogger, type LoggedLines } from '../../__fixtures__/logger-lines';
import { executorContext, fixtureWorkspace } from '../../__fixtures__/workspace';
import { parseManifest } from '../../core/manifest/manifest-yaml';
import full from '../full/executor';
import reproduce from './executor';

/**
 * reproduce without Nx, on the workspace full's spec uses: the subset selects no
 * seam, so a run is materialize, prepare and render against real git repositories.
 * The runs and records to reproduce are made by running `full` first, and a
 * component's main then moves on, so "what was recorded" and "the latest main" differ.
 */
// Real git and real prepare processes: seconds on a busy 2-core CI machine.
jest.setTimeout(60_000);

describe('reproduce executor', () => {
  let repos: string;
  let auth: TestRepo;
  let users: TestRepo;
  let root: string;
  let lines: LoggedLines;

  const STORE = 'integration/known-good.jsonl';
  const workspace = (options: { usersPrepare?: string } = {}) =>
    fixtureWorkspace({
      'integration/seamline.yaml': 'subsets:\n  full:\n    seams: all\n    budget: 1h\nbisect: off\n',
      'components/auth/component.yaml': `repo: ${auth.url}\n`,
      'components/users/component.yaml': `repo: ${users.url}\ndependsOn: [auth]\n${options.usersPrepare ? `prepare:\n  - ${options.usersPrepare}\n` : ''}`,
    });
  const runFull = async (options: Parameters<typeof full>[0] = {}) => {
    const result = await full(options, executorContext(root));
    expect(result).toMatchObject({ success: true, verdict: 'pass' });
    return basename(result.runDir as string);
  };
  const run = (options: Parameters<typeof reproduce>[0]) => reproduce(options, executorContext(root));
  const store = async () => (existsSync(join(root, STORE)) ? readFile(join(root, STORE), 'utf8') : '');
  const records = async () =>
    (await store())
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
  const runDirs = async () => (existsSync(join(root, '.seamline/runs')) ? (await readdir(join(root, '.seamline/runs'))).sort() : []);
  /** What a run left in .seamline/runs/<id>: its results.json, and its manifest.yaml as text and parsed. */
  const runOf = async (id: string) => {
    const dir = join(root, '.seamline/runs', id);
    const manifestText = await readFile(join(dir, 'manifest.yaml'), 'utf8');
    return {
      results: JSON.parse(await readFile(join(dir, 'results.json'), 'utf8')),
      manifestText,
      manifest: parseManifest(manifestText, 'manifest.yaml'),
    };
  };
  const short = (sha: string) => sha.slice(0, 12);

  beforeAll(async () => {
    repos = await mkdtemp(join(tmpdir(), 'seamline-reproduce-repos-'));
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

  it('--record=latest runs the recorded tuple, not the mains that moved since, and records nothing', async () => {
    root = await workspace();
    const fullId = await runFull();
    const [record] = await records();
    expect(record.tuple).toEqual({ auth: auth.shas.at(-1), users: users.shas.at(-1) });
    const moved = await auth.commit({ 'index.js': 'module.exports = 2;' }, 'auth: a commit after the known good');
    const before = await store();
    lines.info = [];

    const result = await run({ record: 'latest' });

    expect(result).toMatchObject({ success: true, verdict: 'pass' });
    const id = basename(result.runDir as string);
    expect(await runDirs()).toEqual([fullId, id].sort());
    const { results, manifest } = await runOf(id);
    expect(results).toMatchObject({ kind: 'full', subset: 'full', verdict: 'pass', tuple: record.tuple, manifest_sha256: record.manifest_sha256 });
    expect(results.tuple.auth).not.toBe(moved);
    expect(manifest).toMatchObject({
      kind: 'full',
      subset: 'full',
      others: expect.arrayContaining([
        { name: 'auth', repo: auth.url, sha: record.tuple.auth, from: 'known-good' },
        { name: 'users', repo: users.url, sha: record.tuple.users, from: 'known-good' },
      ]),
    });
    expect(manifest.others).toHaveLength(2);
    expect(lines.info).toContain(
      `reproduce passed: ${results.reason}; tuple auth@${short(record.tuple.auth)} users@${short(record.tuple.users)}; artifacts in .seamline/runs/${id}`,
    );
    // Its tuple is a known good already: no hint to record it.
    expect(lines.info.some((l) => l.startsWith('To record this tuple'))).toBe(false);
    // A reproduce is a check, not a record: the store is byte for byte what full left.
    expect(await store()).toBe(before);
    expect(lines.info.some((l) => l.startsWith('Recorded known good'))).toBe(false);
    expect(lines.error).toEqual([]);
  });

  it('--record=latest~N and --record=<manifest-hash prefix> pick an older record', async () => {
    root = await workspace();
    await runFull({ main: `auth@${auth.shas[0]}` });
    await runFull();
    const [older, newer] = await records();
    expect(older.tuple.auth).toBe(auth.shas[0]);
    expect(newer.tuple.auth).not.toBe(older.tuple.auth);
    const before = await store();

    for (const ref of ['latest~1', older.manifest_sha256.slice(0, 7)]) {
      const result = await run({ record: ref });
      expect(result).toMatchObject({ success: true, verdict: 'pass' });
      const { results } = await runOf(basename(result.runDir as string));
      expect([ref, results.tuple, results.manifest_sha256]).toEqual([ref, older.tuple, older.manifest_sha256]);
    }
    expect(await store()).toBe(before);
  });

  it('--manifest=<run id>, its folder, its manifest.yaml (relative or absolute) reproduce that run exactly, after its main moved, and record nothing', async () => {
    root = await workspace();
    const fullId = await runFull();
    const original = await runOf(fullId);
    expect(original.results.tuple).toEqual({ auth: auth.shas.at(-1), users: users.shas.at(-1) });
    const moved = await auth.commit({ 'index.js': 'module.exports = 3;' }, 'auth: a commit after that run');
    const before = await store();

    const given = [fullId, `.seamline/runs/${fullId}`, `.seamline/runs/${fullId}/manifest.yaml`, join(root, '.seamline/runs', fullId, 'manifest.yaml')];
    for (const manifest of given) {
      lines.info = [];
      const result = await run({ manifest });
      expect([manifest, result]).toMatchObject([manifest, { success: true, verdict: 'pass' }]);
      const id = basename(result.runDir as string);
      expect(id).not.toBe(fullId);
      const again = await runOf(id);
      expect([manifest, again.results.tuple, again.results.manifest_sha256]).toEqual([manifest, original.results.tuple, original.results.manifest_sha256]);
      expect(again.results.tuple.auth).not.toBe(moved);
      // The same pins, the same subset: the manifest it ran is the one it was given.
      expect(again.manifestText).toBe(original.manifestText);
      expect(lines.info).toContain(`To record this tuple as known good: nx run integration:record-known-good --manifest=${id}`);
    }
    expect((await runDirs()).length).toBe(1 + given.length);
    expect(await store()).toBe(before);
  });

  it("reproduce of a failed run's manifest, as its failure report says, fails the same way and says nothing about recording", async () => {
    root = await workspace({ usersPrepare: '[node, -e, "process.exit(3)"]' });
    const failed = await full({}, executorContext(root));
    expect(failed).toMatchObject({ success: false, verdict: 'fail' });
    const failedId = basename(failed.runDir as string);
    const report = await readFile(join(root, '.seamline/runs', failedId, 'failure-report.md'), 'utf8');
    const command = /nx run integration:reproduce --manifest=(\S+)/.exec(report)?.[1];
    expect(command).toBe(`.seamline/runs/${failedId}/manifest.yaml`);
    lines.info = [];
    lines.error = [];

    const result = await run({ manifest: command });

    expect(result).toMatchObject({ success: false, verdict: 'fail' });
    const id = basename(result.runDir as string);
    const { results } = await runOf(id);
    const reason = `component users at ${users.shas.at(-1)} failed to prepare`;
    expect(results).toMatchObject({ verdict: 'fail', reason, tuple: (await runOf(failedId)).results.tuple });
    expect(lines.error).toContain(
      `reproduce failed: ${reason}; tuple auth@${short(results.tuple.auth)} users@${short(results.tuple.users)}; artifacts in .seamline/runs/${id}`,
    );
    expect(lines.info.some((l) => l.startsWith('To record this tuple'))).toBe(false);
    expect(await records()).toEqual([]);
  });

  it('a --record that matches no record is one line naming the store and what to use, and runs nothing', async () => {
    root = await workspace();
    const fullId = await runFull();
    const [record] = await records();
    const before = await store();
    lines.info = [];
    // A prefix of no record's hash: the record's own first hex digit, changed.
    const other = `${record.manifest_sha256[0] === '0' ? '1' : '0'}${record.manifest_sha256.slice(1, 7)}`;

    // Nx parses --record=1234567 as a number; it is still a hash prefix, and shown as typed.
    for (const ref of ['latest~1', other, 'main', 1234567]) expect((await run({ record: ref })).success).toBe(false);

    expect(lines.error).toEqual(
      ['latest~1', other, 'main', '1234567'].map(
        (ref) => `--record: no known-good record matches "${ref}" in ${STORE} (use latest, latest~N or a manifest-hash prefix)`,
      ),
    );
    expect(await runDirs()).toEqual([fullId]);
    expect(await store()).toBe(before);
  });

  it('refuses in one line, before anything is fetched, what cannot run as asked: both options, a subset gone since, a record older than a component', async () => {
    root = await workspace();
    const fullId = await runFull();
    const before = await store();
    lines.info = [];
    expect(await run({ manifest: fullId, record: 'latest' })).toEqual({ success: false });

    await writeFile(join(root, 'integration/seamline.yaml'), 'subsets:\n  nightly:\n    seams: all\n    budget: 1h\nbisect: off\n');
    expect(await run({ manifest: fullId })).toEqual({ success: false });
    expect(await run({ record: 'latest' })).toEqual({ success: false });

    await writeFile(join(root, 'integration/seamline.yaml'), 'subsets:\n  full:\n    seams: all\n    budget: 1h\nbisect: off\n');
    await mkdir(join(root, 'components/billing'));
    await writeFile(join(root, 'components/billing/component.yaml'), `repo: ${users.url}\n`);
    expect(await run({ record: 'latest' })).toEqual({ success: false });

    const [record] = await records();
    expect(lines.error).toEqual([
      'reproduce: give --manifest or --record, not both (a run to reproduce, or a known-good record)',
      expect.stringMatching(/^integration\/seamline\.yaml: field "subsets": unknown subset "full".*nightly/),
      expect.stringMatching(/^integration\/seamline\.yaml: field "subsets": unknown subset "full".*nightly/),
      `--record: that record (${record.manifest_sha256.slice(0, 12)}) has no pin for component "billing", declared since; it cannot run as recorded. Pick a later record, or run full`,
    ]);
    expect(await runDirs()).toEqual([fullId]);
    expect(await store()).toBe(before);
  });

  it('a --manifest that names no run and no file says what it takes', async () => {
    root = await workspace();
    expect(await run({ manifest: 'full-20261205T120000-nope' })).toEqual({ success: false });
    expect(lines.error).toEqual(['full-20261205T120000-nope: file not found; pass a run id (a folder of .seamline/runs), its folder or a manifest.yaml']);
    expect(await runDirs()).toEqual([]);
  });

  it('neither --manifest nor --record is one line, and runs nothing', async () => {
    root = await workspace();
    expect(await run({})).toEqual({ success: false });
    expect(lines.error).toEqual(['reproduce: expected --manifest=<file> or --record=<latest|latest~N|hash prefix>']);
    expect(await runDirs()).toEqual([]);
    expect(existsSync(join(root, '.seamline/cache'))).toBe(false);
  });
});
