import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FakeGitHub, startFakeGitHub } from '@seamline/fake-github';
import type { RunResults } from '../core/run/results';
import { testClient } from '../github/__fixtures__/test-client';
import { type GitHubConnection, githubHomes } from '../github/connect';
import { logger } from '../terminal/logger';
import { withPrStatus } from './report-pr-status';

const sha = 'a'.repeat(40);

describe('withPrStatus', () => {
  let gh: FakeGitHub;
  let runDir: string;
  let github: GitHubConnection;
  const outcome =
    (verdict: 'pass' | 'fail', reason: string, extra: Partial<RunResults> = {}) =>
    async () => {
      await writeFile(join(runDir, 'summary.md'), '## run\n');
      return { runDir, results: { verdict, reason, ...extra } as RunResults };
    };
  beforeEach(async () => {
    gh = await startFakeGitHub();
    gh.addRepo('acme/users');
    runDir = await mkdtemp(join(tmpdir(), 'seamline-status-'));
    const components = { users: { repo: 'https://github.com/acme/users.git' }, local: { repo: 'file:///srv/git/local' } };
    github = { gh: await testClient(gh), statusContext: 'seamline/pr-fast', ...githubHomes(components, 'github.com') };
  });
  afterEach(async () => {
    await gh.close();
    await rm(runDir, { recursive: true, force: true });
  });

  it('gives each shard its own context, so a passing shard cannot hide a failing one', async () => {
    await withPrStatus(github, [{ component: 'users', sha }], 'users#5', outcome('fail', 'failed seam: a'), '1/2');
    await withPrStatus(github, [{ component: 'users', sha }], 'users#5', outcome('pass', '1 seam passed'), '2/2');
    const latest = new Map<string, string>();
    for (const s of [...gh.statuses('acme/users', sha)].reverse()) latest.set(s.context, s.state);
    expect(Object.fromEntries(latest)).toEqual({ 'seamline/pr-fast (shard 1/2)': 'failure', 'seamline/pr-fast (shard 2/2)': 'success' });
  });

  it('posts error and rethrows when the run itself cannot run', async () => {
    const broken = async () => {
      throw new Error('materialize failed');
    };
    await expect(withPrStatus(github, [{ component: 'users', sha }], 'users#5', broken)).rejects.toThrow('materialize failed');
    expect(gh.statuses('acme/users', sha).map((s) => s.state)).toEqual(['error', 'pending']);
  });

  it('a run the network kept from a pin posts error, not failure, and says so in the terminal', async () => {
    const infos: string[] = [];
    jest.spyOn(logger, 'info').mockImplementation((m) => void infos.push(String(m)));
    try {
      const line = 'auth: cannot reach https://git.example.com/auth.git after 3 attempts (Connection refused)';
      const reason = `${line}; nothing was tested and no commit is to blame: run again later`;
      await withPrStatus(github, [{ component: 'users', sha }], 'users#5', outcome('fail', reason, { unreachable: line }));
      const [verdict] = gh.statuses('acme/users', sha);
      expect([verdict.state, verdict.description?.startsWith(line.slice(0, 60))]).toEqual(['error', true]);
      expect(infos).toContain('Reported to GitHub: seamline/pr-fast error on 1 PR head(s)');
      await withPrStatus(github, [{ component: 'users', sha }], 'users#5', outcome('fail', 'failed seam: a'));
      expect(infos).toContain('Reported to GitHub: seamline/pr-fast failure on 1 PR head(s)');
    } finally {
      jest.restoreAllMocks();
    }
  });

  it('posts to the heads whose component is on GitHub, and says once that a local one is reported locally', async () => {
    const infos: string[] = [];
    jest.spyOn(logger, 'info').mockImplementation((m) => void infos.push(String(m)));
    try {
      const heads = [
        { component: 'users', sha },
        { component: 'local', sha: 'b'.repeat(40) },
      ];
      await withPrStatus(github, heads, 'changeset c', outcome('pass', '1 seam passed'));
      expect(gh.statuses('acme/users', sha).map((s) => s.state)).toEqual(['success', 'pending']);
      expect(gh.requests.map((r) => r.path)).toEqual([`/repos/acme/users/statuses/${sha}`, `/repos/acme/users/statuses/${sha}`]);
      expect(infos.filter((m) => m.startsWith('local:'))).toEqual([
        'local: file:///srv/git/local is not on github.com, so its PR status is reported locally only; if its pull requests are on github.com, set github: <owner>/<name> in components/local/component.yaml',
      ]);
      expect(infos).toContain('Reported to GitHub: seamline/pr-fast success on 1 PR head(s)');
    } finally {
      jest.restoreAllMocks();
    }
  });

  it('with no head on GitHub, runs and posts nothing', async () => {
    const result = await withPrStatus(github, [{ component: 'local', sha }], 'local#1', outcome('pass', 'ok'));
    expect(result.results.verdict).toBe('pass');
    expect(gh.requests).toHaveLength(0);
  });

  it('without GitHub, runs and reports nothing', async () => {
    const result = await withPrStatus(undefined, [{ component: 'users', sha }], 'users#5', outcome('pass', 'ok'));
    expect(result.results.verdict).toBe('pass');
    expect(gh.requests).toHaveLength(0);
    expect(await readFile(join(runDir, 'summary.md'), 'utf8')).toBe('## run\n');
  });
});
