import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { logger } from '../../terminal/logger';
import { createRepo, gitIn } from '../../__fixtures__/git-repos';
import { executorContext, fixtureWorkspace } from '../../__fixtures__/workspace';
import { KnownGoodStore } from '../../store/known-good-store';
import report from './executor';

const XSS = '<img src=x onerror=alert(1)>';
const USERS = 'b'.repeat(40);
const BILLING = 'c'.repeat(40);

describe('report executor', () => {
  let root: string;
  let repos: string;
  let auth: string[];
  let infos: string[];
  let errors: string[];
  const run = (options: Parameters<typeof report>[0] = {}) => report(options, executorContext(root));
  const site = (file = 'dist/seamline-report/index.html') => readFile(join(root, file), 'utf8');

  async function writeRun(id: string, results: Record<string, unknown>, logs: Record<string, string> = {}) {
    const dir = join(root, '.seamline/runs', id);
    await mkdir(join(dir, 'logs'), { recursive: true });
    await writeFile(join(dir, 'results.json'), JSON.stringify(results));
    for (const [seam, text] of Object.entries(logs)) await writeFile(join(dir, 'logs', `${seam}.log`), text);
  }
  const seam = (name: string, verdict: string) => ({
    seam: name,
    verdict,
    quarantined: false,
    duration_s: 1.5,
    attempts: verdict === 'flaky' ? 2 : 1,
    cached: false,
    log: '',
  });
  const results = (id: string, started: string, verdict: string, seams: unknown[]) => ({
    run_id: id,
    kind: 'full',
    manifest_sha256: 'f'.repeat(64),
    subset: 'full',
    tuple: { auth: auth[1], users: USERS, billing: BILLING },
    verdict,
    reason: verdict === 'fail' ? 'failed seam: users-auth-contract' : '2 seams passed',
    seams,
    not_selected: 0,
    budget_s: 3600,
    seams_duration_s: 3,
    started,
    finished: started,
  });

  beforeAll(async () => {
    repos = await mkdtemp(join(tmpdir(), 'seamline-report-repos-'));
    const repo = await createRepo(repos, 'auth', [{ 'index.js': '1' }]);
    await repo.commit({ 'index.js': '2' }, XSS);
    auth = repo.shas;
  });
  afterAll(() => rm(repos, { recursive: true, force: true }));

  beforeEach(async () => {
    root = await fixtureWorkspace();
    // The pin cache as materialize leaves it: a bare repository holding the pinned commits.
    await mkdir(join(root, '.seamline/cache'), { recursive: true });
    await gitIn(root, ['clone', '-q', '--bare', join(repos, 'auth.git'), join(root, '.seamline/cache/auth.git')]);
    const store = new KnownGoodStore(join(root, 'integration/known-good.jsonl'));
    for (const [i, sha] of auth.entries())
      await store.append({
        timestamp: `2026-11-2${i + 1}T10:00:00Z`,
        tuple: { auth: sha, users: USERS, billing: BILLING },
        manifest_sha256: String(i).repeat(64),
        suite: 'full',
        duration_s: 60 + i,
        run: null,
      });
    await writeRun(
      'full-20261122T110000-aaaaaaaa',
      results('full-20261122T110000-aaaaaaaa', '2026-11-22T11:00:00Z', 'pass', [seam('users-auth-contract', 'flaky'), seam('billing-users-ledger', 'pass')]),
    );
    await writeRun(
      'full-20261123T110000-bbbbbbbb',
      results('full-20261123T110000-bbbbbbbb', '2026-11-23T11:00:00Z', 'fail', [seam('users-auth-contract', 'fail'), seam('billing-users-ledger', 'pass')]),
      // The last line as a terminal shows it: in colour.
      {
        'users-auth-contract': `${Array.from({ length: 60 }, (_, i) => `line ${i}`).join('\n')}\nError: <script>alert(2)</script>\n\u001b[1m\u001b[31m FAIL \u001b[39m\u001b[22m users-auth-contract\n`,
      },
    );
    infos = [];
    errors = [];
    jest.spyOn(logger, 'info').mockImplementation((m) => void infos.push(String(m)));
    jest.spyOn(logger, 'error').mockImplementation((m) => void errors.push(String(m)));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('writes the site from the store, the pin caches and .seamline/runs', async () => {
    expect(await run()).toEqual({ success: true });
    expect(infos).toEqual([
      expect.stringMatching(/^Wrote dist\/seamline-report\/index\.html: 2 known-good record\(s\), 2 run\(s\), 1 file\(s\), \d+ KiB; open it in a browser/),
    ]);
    const html = await site();
    // The latest tuple with the subject the pin cache has, escaped, and how long ago each component moved.
    expect(html).toContain(`<td>auth</td><td><code class="sha">${auth[1]}</code></td><td>&lt;img src=x onerror=alert(1)&gt;</td>`);
    expect(html).toContain('<td>users</td>');
    expect(html).toContain('not in the pin cache');
    expect(html).toContain('1 record ago (since the first record)');
    expect(html).not.toContain('<img');
    // The failed run names its seam and shows the end of its log, escaped.
    expect(html).toContain('failed seam <a href="#seam-users-auth-contract">users-auth-contract</a>');
    expect(html).toContain('Error: &lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html).not.toContain('line 5\n');
    expect(html).toContain('… 22 earlier line(s)');
    // Colour codes are stripped: the line reads as text, no escape byte reaches the page.
    expect(html).toContain(' FAIL  users-auth-contract');
    expect(html).not.toContain('\u001b');
    // users-auth-contract: one flaky run, one failed.
    expect(html).toMatch(/<tr id="seam-users-auth-contract">.*<td class="pass">0<\/td><td class="flaky">1<\/td><td class="fail">1<\/td>/);
  });

  it('reads only the runs --runs names: one run directory, or a folder of them', async () => {
    expect(await run({ runs: ['.seamline/runs/full-20261122T110000-aaaaaaaa'], out: 'public' })).toEqual({ success: true });
    const html = await site('public/index.html');
    expect(html).toContain('id="run-full-20261122T110000-aaaaaaaa"');
    expect(html).not.toContain('id="run-full-20261123T110000-bbbbbbbb"');
  });

  it('refuses a --runs folder without runs, and a broken store, with one line each', async () => {
    expect(await run({ runs: ['nowhere'] })).toEqual({ success: false });
    expect(errors).toEqual([
      '--runs: nowhere holds no run directory (a folder with results.json or bisect.json); pass .seamline/runs or a downloaded artifact',
    ]);
    const file = join(root, 'integration/known-good.jsonl');
    await writeFile(file, (await readFile(file, 'utf8')).replace('"duration_s":60', '"duration_s":6'));
    errors = [];
    expect(await run()).toEqual({ success: false });
    expect(errors).toEqual([
      'integration/known-good.jsonl: chain broken at line 2: its prev is not the hash of line 1, so line 1 was edited or records between them were deleted; run `nx run integration:known-good --verify`',
    ]);
  });
});
