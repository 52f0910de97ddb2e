import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createE2eWorkspace, type E2eWorkspace } from './e2e-workspace';
import { createHistoryRepos, type HistoryRepos, historyWorkspaceFiles } from './fixtures/history-repos';
import { onSmallDisk } from './fixtures/small-disk';

/**
 * Bisect through the real `nx` CLI: three real repositories with 24 commits
 * each moved since the last known good; one provider commit on main breaks
 * a consumer. `full` (bisect: auto) and `nx run integration:bisect` both name it.
 */
describe('bisect', () => {
  let ws: E2eWorkspace;
  let repos: HistoryRepos;
  let goodRun = '';
  const runDirOf = (output: string) => /artifacts in (\.seamline\/runs\/[\w-]+)/.exec(output)?.[1] ?? '';

  beforeAll(async () => {
    [ws, repos] = await Promise.all([createE2eWorkspace(), createHistoryRepos()]);
    await ws.write({ ...historyWorkspaceFiles(repos, { bisect: 'auto' }), 'nx.json': JSON.stringify({ plugins: ['@seamline/nx'] }) });
    // The last known good: every component at its first commit.
    const first = [`--main=schema@${repos.schema.shas[0]}`, `--main=users@${repos.users.shas[0]}`, `--main=billing@${repos.billing.shas[0]}`];
    const good = await ws.nx(['run', 'integration:full', ...first]);
    expect(good.all).toContain('Recorded known good');
    goodRun = runDirOf(good.all);
  });
  afterAll(async () => {
    await ws?.remove();
    await repos?.remove();
  });

  let failedRun = '';
  it('a failing full bisects on its own and names the breaking provider commit', async () => {
    const full = await ws.nx(['run', 'integration:full']);
    expect(full.exitCode).not.toBe(0);
    expect(full.all).toContain('full failed: failed seam: users-schema');
    failedRun = runDirOf(full.all);
    expect(full.all).toContain(`bisect: culprit: schema ${repos.breaking} "rename token to accessToken" by Test`);
    const runs = Number(/found in (\d+) runs/.exec(full.all)?.[1]);
    // 3 moved components, 24 first-parent commits in schema: ceil(log2 3) + ceil(log2 24) + 2.
    expect(runs).toBeLessThanOrEqual(2 + 5 + 2);
    expect(await readFile(join(ws.root, failedRun, 'summary.md'), 'utf8')).toContain(`culprit: schema ${repos.breaking}`);
  });

  it('nx run integration:bisect --bad=<run id> reaches the same verdict and logs every probe', async () => {
    const runId = failedRun.split('/').pop()!;
    const bisect = await ws.nx(['run', 'integration:bisect', `--bad=${runId}`]);
    expect(bisect.exitCode).toBe(0);
    expect(bisect.all).toContain(`bisect found: culprit: schema ${repos.breaking}`);
    expect(bisect.all).toMatch(/probe 1: .* -> fail in/);
    const file = /probes in (\.seamline\/runs\/[\w-]+\/bisect\.json)/.exec(bisect.all)?.[1];
    const record = JSON.parse(await readFile(join(ws.root, file!), 'utf8'));
    expect(record.seams).toEqual(['users-schema']);
    expect(record.verdict).toMatchObject({ kind: 'culprit', component: 'schema', sha: repos.breaking });
    expect(record.probes.length).toBe(record.verdict.runs);
    expect(record.commits.schema).toBe(23);
    expect(record).toMatchObject({ kind: 'full', good_from: 'known good' });
    // The check that the failure reproduces always runs; the auto bisect's passing probes come back from the Nx cache, and say so.
    expect(record.probes[0]).toMatchObject({ why: 'bad tuple again: does the failure reproduce?', skip_cache: true, answered: 'ran' });
    for (const p of record.probes.slice(1))
      expect([p.skip_cache, p.answered]).toEqual([false, { pass: 'cache', fail: 'ran', skip: 'not run' }[p.result as string]]);
    expect(bisect.all).toMatch(/probe \d+: .* -> pass in [\d.]+s \(from the Nx cache\)/);
    // The hold to add is one command line in the terminal, as after full's own bisect, not Markdown.
    expect(bisect.all).toContain(
      `bisect: to let the other components move on, hold schema: nx run integration:hold --component=schema --sha=${record.hold.sha}`,
    );
    expect(bisect.all).not.toContain('```');
  });

  it('stops, blaming nobody, when a probe fails because the disk filled up', async () => {
    const fillDir = join(ws.root, 'small-disk');
    await ws.write({ 'small-disk/.keep': '' });
    const { execa } = await import('execa');
    const [command, args] = onSmallDisk(fillDir, [join(ws.root, 'node_modules/.bin/nx'), 'run', 'integration:bisect', `--bad=${failedRun.split('/').pop()}`]);
    const bisect = await execa(command, args, {
      cwd: ws.root,
      env: { ...ws.env, SEAMLINE_TEST_FILL_DIR: fillDir },
      extendEnv: false,
      reject: false,
      all: true,
    });
    expect(bisect.exitCode).not.toBe(0);
    expect(bisect.all).toMatch(
      /bisect stopped at probe 1 \(bad tuple again: does the failure reproduce\?\), blaming nobody: seam users-schema failed for want of disk space: its log says "no space left on device" \(\.seamline\/runs\/bisect-[\w-]+\/logs\/users-schema\.log\); a disk is full/,
    );
    expect(bisect.all).not.toContain('culprit');
    // What to do is said once on that line, though the probe's reason already carries it.
    const stopped = (bisect.all ?? '').split('\n').find((line) => line.includes('bisect stopped at probe 1'));
    expect(stopped?.split('; a disk is full').length).toBe(2);
  });

  it('with --good, nothing calls that tuple the known good, and checking it still passes skips the Nx cache', async () => {
    const bisect = await ws.nx(['run', 'integration:bisect', `--bad=${failedRun.split('/').pop()}`, `--good=${goodRun.split('/').pop()}`]);
    expect(bisect.all).toContain(`bisect found: culprit: schema ${repos.breaking}`);
    expect(bisect.all).toContain('of a full run from the good to manifest');
    expect(bisect.all).not.toContain('known good');
    const file = /probes in (\.seamline\/runs\/[\w-]+\/bisect\.json)/.exec(bisect.all)?.[1];
    const record = JSON.parse(await readFile(join(ws.root, file!), 'utf8'));
    expect(record.good_from).toBe('good');
    for (const p of record.probes.filter((q: { why: string }) => q.why.startsWith('good tuple')))
      expect(p).toMatchObject({ skip_cache: true, answered: 'ran' });
  });

  it('stops early when the failure does not reproduce at the bad tuple', async () => {
    // The seam asked for passes at the bad tuple: nothing to blame.
    const bisect = await ws.nx(['run', 'integration:bisect', `--bad=${failedRun.split('/').pop()}`, '--seams=billing-smoke']);
    expect(bisect.exitCode).not.toBe(0);
    expect(bisect.all).toContain('bisect stopped: flaky: the bad tuple passed when re-run; blaming nobody (1 run)');
  });
});
