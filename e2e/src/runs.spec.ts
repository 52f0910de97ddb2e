import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { gitIn } from '../../packages/seamline/src/__fixtures__/git-repos';
import { createE2eWorkspace, type E2eWorkspace } from './e2e-workspace';
import { type ComponentRepos, createComponentRepos, integrationFiles } from './fixtures/component-repos';
import { startRemoteCache } from './fixtures/remote-cache';
import { onSmallDisk } from './fixtures/small-disk';

/**
 * The runs through the real `nx` CLI against three real component
 * repositories: a provider of a small schema and two consumers.
 */
interface Results {
  run_id: string;
  verdict: string;
  reason: string;
  tuple: Record<string, string>;
  seams: { seam: string; verdict: string; cached: boolean; attempts: number; log: string }[];
  not_selected: number;
}

describe('pr-fast, full, reproduce and changeset runs', () => {
  let ws: E2eWorkspace;
  let repos: ComponentRepos;
  const results = async (runDir: string): Promise<Results> => JSON.parse(await readFile(join(ws.root, runDir, 'results.json'), 'utf8'));
  const runDirOf = (output: string) => /artifacts in (\.seamline\/runs\/[\w-]+)/.exec(output)?.[1] ?? '';

  beforeAll(async () => {
    [ws, repos] = await Promise.all([createE2eWorkspace(), createComponentRepos()]);
    await ws.write({ ...integrationFiles(repos), 'nx.json': JSON.stringify({ plugins: ['@seamline/nx'] }) });
  });
  afterAll(async () => {
    await ws?.remove();
    await repos?.remove();
  });

  it('full on passing mains records one known-good record, and the store verifies', async () => {
    const full = await ws.nx(['run', 'integration:full']);
    expect(full.all).toContain('full passed: 3 seams passed');
    expect(full.exitCode).toBe(0);
    expect(full.all).toContain('Recorded known good: integration/known-good.jsonl line 1');
    const r = await results(runDirOf(full.all));
    expect(r.tuple).toEqual({ billing: repos.billing.shas[0], schema: repos.schema.good, users: repos.users.shas[0] });
    const verify = await ws.nx(['run', 'integration:known-good', '--verify']);
    expect(verify.exitCode).toBe(0);
    expect(verify.all).toContain('1 record(s), chain intact');
  });

  let failedRun = '';
  it('a provider PR that renames a field fails pr-fast, naming the seam and the tuple, with every artifact', async () => {
    // --pr alone: its head comes from refs/pull/7/head.
    const pr = await ws.nx(['run', 'integration:pr-fast', '--component=schema', '--pr=7']);
    expect(pr.exitCode).not.toBe(0);
    expect(pr.all).toContain(`schema#7: head ${repos.schema.renamed} (refs/pull/7/head)`);
    expect(pr.all).toContain(
      `pr-fast failed: failed seam: users-schema; tuple billing@${repos.billing.shas[0].slice(0, 12)} schema@${repos.schema.renamed.slice(0, 12)} users@${repos.users.shas[0].slice(0, 12)}`,
    );
    failedRun = runDirOf(pr.all);
    for (const artifact of [
      'manifest.yaml',
      'results.json',
      'junit.xml',
      'summary.md',
      'logs/users-schema.log',
      'logs/prepare-schema.log',
      'overrides/seamline.env',
      'overrides/npm/packages.json',
    ]) {
      expect(existsSync(join(ws.root, failedRun, artifact))).toBe(true);
    }
    const r = await results(failedRun);
    expect(r.verdict).toBe('fail');
    expect(r.seams.map((s) => [s.seam, s.verdict])).toEqual([
      ['billing-schema', 'pass'],
      ['users-schema', 'fail'],
      ['users-smoke', 'pass'],
    ]);
    expect(await readFile(join(ws.root, failedRun, 'logs/users-schema.log'), 'utf8')).toContain('@acme/schema has no token field');
    expect(await readFile(join(ws.root, failedRun, 'junit.xml'), 'utf8')).toContain('<failure message="seam users-schema failed');
    expect(await readFile(join(ws.root, failedRun, 'summary.md'), 'utf8')).toContain('failed seam: users-schema');
  });

  it('a provider SHA that cannot be built is reported as failing to prepare, not as a seam failure', async () => {
    const pr = await ws.nx(['run', 'integration:pr-fast', '--component=schema', `--sha=${repos.schema.unbuildable}`]);
    expect(pr.exitCode).not.toBe(0);
    expect(pr.all).toContain(`pr-fast failed: component schema at ${repos.schema.unbuildable} failed to prepare`);
    const run = runDirOf(pr.all);
    const r = JSON.parse(await readFile(join(ws.root, run, 'results.json'), 'utf8'));
    expect(r.seams).toEqual([]);
    expect(r.prepare_failure).toMatchObject({ component: 'schema', sha: repos.schema.unbuildable, log: `${run}/logs/prepare-schema.log` });
    expect(await readFile(join(ws.root, run, 'logs/prepare-schema.log'), 'utf8')).toContain('SyntaxError in src/index.ts');
  });

  it('the previous provider SHA passes; with a GitHub token in the environment, a file:// component still reports locally, asking GitHub nothing', async () => {
    const token = 'ghp_aDevelopersOwnTokenThatMustNeverBePrinted01';
    const pr = await ws.nx(['run', 'integration:pr-fast', '--component=schema', `--sha=${repos.schema.good}`], { GITHUB_TOKEN: token, GITHUB_API_URL: '' });
    expect(pr.all).toContain('pr-fast passed');
    expect(pr.exitCode).toBe(0);
    expect(pr.all).toContain(`schema: ${repos.schema.url} is not on github.com, so its PR status is reported locally only`);
    expect(pr.all).not.toMatch(/Reported to GitHub|Not reported to GitHub|with id/);
    expect(pr.all).not.toContain(token);
  });

  it('reproduce of the failed manifest fails the same way', async () => {
    const again = await ws.nx(['run', 'integration:reproduce', `--manifest=${failedRun}/manifest.yaml`]);
    expect(again.exitCode).not.toBe(0);
    const r = await results(runDirOf(again.all));
    const before = await results(failedRun);
    expect(r.tuple).toEqual(before.tuple);
    expect(r.seams.map((s) => [s.seam, s.verdict])).toEqual(before.seams.map((s) => [s.seam, s.verdict]));
  });

  it('running an identical passing manifest again is an Nx cache hit; --seam-parallel reaches the run', async () => {
    const first = await ws.nx(['run', 'integration:pr-fast', '--component=users', `--sha=${repos.users.shas[0]}`, '--seam-parallel=1']);
    const second = await ws.nx(['run', 'integration:pr-fast', '--component=users', `--sha=${repos.users.shas[0]}`]);
    expect([first.exitCode, second.exitCode]).toEqual([0, 0]);
    // Nx keeps --parallel on the command line for itself; --seam-parallel gets through to the executor.
    expect(first.all).toMatch(/Seams to run \(\d+\): [\w, -]+; 1 at a time/);
    expect(second.all).toMatch(/Seams to run \(\d+\): [\w, -]+; 3 at a time/);
    const r = await results(runDirOf(second.all));
    expect(r.seams.length).toBeGreaterThan(0);
    expect(r.seams.every((s) => s.cached)).toBe(true);
    // A replayed seam's log has the output Nx replayed (Nx 22 leaves it out of a cache hit's result).
    expect(await readFile(join(ws.root, r.seams.find((s) => s.seam === 'users-smoke')!.log), 'utf8')).toContain('users loads');
    // Nx ran the seams in the executor's own process: no nested run-many, so no hook file.
    expect(existsSync(join(ws.root, runDirOf(second.all), '.nx-tasks-1.json'))).toBe(false);
  });

  it('seamline run runs pr-fast as nx run does, in one process: the same tuple and verdicts, cache hits, exit codes, one-line errors', async () => {
    const args = ['--component=users', `--sha=${repos.users.shas[0]}`];
    const viaNx = await ws.nx(['run', 'integration:pr-fast', ...args]);
    const direct = await ws.seamline(['run', 'integration:pr-fast', ...args, '--seam-parallel=1']);
    expect([viaNx.exitCode, direct.exitCode, direct.exitCode ? direct.all : '']).toEqual([0, 0, '']);
    expect(direct.all).toMatch(/Seams to run \(\d+\): [\w, -]+; 1 at a time/);
    const [before, after] = await Promise.all([results(runDirOf(viaNx.all)), results(runDirOf(direct.all))]);
    expect(after.tuple).toEqual(before.tuple);
    expect(after.seams.map((s) => [s.seam, s.verdict, s.cached])).toEqual(before.seams.map((s) => [s.seam, s.verdict, true]));
    // The seams ran in that same process: no nested run-many, so no hook file.
    expect(existsSync(join(ws.root, runDirOf(direct.all), '.nx-tasks-1.json'))).toBe(false);

    const failing = await ws.seamline(['run', 'integration:pr-fast', '--component=schema', `--sha=${repos.schema.renamed}`]);
    expect(failing.exitCode).toBe(1);
    expect(failing.all).toContain('pr-fast failed: failed seam: users-schema');

    // Options are checked against the executor's schema by Nx, and said in one line.
    const bad = await ws.seamline(['run', 'integration:pr-fast', '--component=users', '--seam-parallel=many']);
    expect(bad.exitCode).toBe(1);
    expect(stripVTControlCharacters(bad.stderr).trim()).toMatch(/^seamline run integration:pr-fast: .*'many' should be a 'number'\.?$/);
    const seamTarget = await ws.seamline(['run', 'users-smoke:test']);
    expect(seamTarget.exitCode).toBe(1);
    expect(stripVTControlCharacters(seamTarget.stderr).trim()).toBe(
      'seamline run users-smoke:test: users-smoke:test runs nx:run-commands, not a Seamline executor: seamline run runs only @seamline/nx targets; use nx run users-smoke:test',
    );
  });

  it('with the Nx daemon on, as on a developer machine, seamline run takes the graph from the daemon and still runs the seams in its own process', async () => {
    const daemon = { NX_DAEMON: 'true' };
    try {
      const passing = await ws.seamline(['run', 'integration:pr-fast', '--component=users', `--sha=${repos.users.shas[0]}`], daemon);
      expect([passing.exitCode, passing.exitCode ? passing.all : '']).toEqual([0, '']);
      const r = await results(runDirOf(passing.all));
      expect(r.seams.length).toBeGreaterThan(0);
      expect(r.seams.every((s) => s.verdict === 'pass' && s.cached)).toBe(true);
      // A failure is never replayed from the cache: this tuple's seam ran again, with its own pins.
      const failing = await ws.seamline(['run', 'integration:pr-fast', '--component=schema', `--sha=${repos.schema.renamed}`], daemon);
      expect(failing.exitCode).toBe(1);
      expect(failing.all).toContain('pr-fast failed: failed seam: users-schema');
      // In that same process both times: no nested run-many, so no hook file.
      for (const run of [passing, failing]) expect(existsSync(join(ws.root, runDirOf(run.all), '.nx-tasks-1.json'))).toBe(false);
      expect(await readFile(join(ws.root, '.nx', 'workspace-data', 'd', 'daemon.log'), 'utf8')).toContain('REQUEST_PROJECT_GRAPH');
    } finally {
      await ws.nx(['daemon', '--stop'], daemon);
    }
  });

  it("without the daemon, seamline run loads the workspace's plugins in its own process, not a worker each; NX_ISOLATE_PLUGINS=true (environment or root .env) keeps the workers; a plugin it cannot load is named with Nx's reason", async () => {
    const nxJson = await readFile(join(ws.root, 'nx.json'), 'utf8');
    const callers = join(ws.root, 'plugin-callers.txt');
    // A local plugin, as a workspace has its own: it writes down the script of the process that calls it.
    await ws.write({
      'caller-plugin.js': [
        "const { appendFileSync } = require('node:fs');",
        "const { join } = require('node:path');",
        "exports.createNodesV2 = ['**/caller.json', (files, options, context) => {",
        "  appendFileSync(join(context.workspaceRoot, 'plugin-callers.txt'), process.argv[1] + '\\n');",
        '  return [];',
        '}];',
      ].join('\n'),
      'caller/caller.json': '{}',
      'nx.json': JSON.stringify({ plugins: ['@seamline/nx', './caller-plugin.js'] }),
      // Nx 22.7 looks a local plugin up through the workspace's tsconfig and, without one, refuses
      // it under any command ("unable to find tsconfig.base.json or tsconfig.json").
      'tsconfig.base.json': '{}',
    });
    const args = ['run', 'integration:pr-fast', '--component=users', `--sha=${repos.users.shas[0]}`];
    const callerOf = async (extraEnv: Record<string, string>) => {
      await rm(callers, { force: true });
      const run = await ws.seamline(args, extraEnv);
      expect([run.exitCode, run.exitCode ? run.all : '']).toEqual([0, '']);
      return (await readFile(callers, 'utf8')).trim();
    };
    try {
      const here = await callerOf({});
      expect(here).toMatch(/seamline/);
      expect(here).not.toMatch(/plugin-worker/);
      // Nx's plugin worker script: Nx 22.0.1 forks it without its .js, 23 and 24 with it.
      const pluginWorker = /[/\\]plugins[/\\]isolation[/\\]plugin-worker(\.js)?$/;
      expect(await callerOf({ NX_ISOLATE_PLUGINS: 'true' })).toMatch(pluginWorker);
      // The same choice made in the workspace's root .env, which seamline run loads first, as Nx's CLI does.
      await ws.write({ '.env': 'NX_ISOLATE_PLUGINS=true\n' });
      expect(await callerOf({})).toMatch(pluginWorker);

      // A plugin nx.json names but nobody installed: loaded in this process, Nx says only "Could
      // not load plugin"; seamline run adds Nx's reason, as nx itself says it with its workers.
      await rm(join(ws.root, '.env'));
      await ws.write({ 'nx.json': JSON.stringify({ plugins: ['@seamline/nx', '@acme/not-installed'] }) });
      const [viaSeamline, viaNx] = [await ws.seamline(args), await ws.nx(['show', 'projects'])];
      expect([viaSeamline.exitCode, viaNx.exitCode]).toEqual([1, 1]);
      expect(viaNx.all).toContain('@acme/not-installed');
      // Nx's reason after its words: "Cannot find module '@acme/not-installed'" (22.7 to 24),
      // "Unable to resolve local plugin with import path @acme/not-installed" (22.0).
      expect(viaSeamline.all).toMatch(/Could not load plugin @acme\/not-installed: [^\n]*(Cannot find module|Unable to resolve)[^\n]*@acme\/not-installed/);
    } finally {
      await ws.write({ 'nx.json': nxJson });
      await Promise.all(
        ['caller-plugin.js', 'caller', 'plugin-callers.txt', '.env', 'tsconfig.base.json'].map((p) => rm(join(ws.root, p), { recursive: true, force: true })),
      );
    }
  });

  it('through a nested nx run-many (the fallback for an Nx whose internals are not known) a run is the same: cache hits, a result per seam', async () => {
    const run = await ws.nx(['run', 'integration:pr-fast', '--component=users', `--sha=${repos.users.shas[0]}`], { SEAMLINE_NX_IN_PROCESS: 'false' });
    expect(run.exitCode).toBe(0);
    const r = await results(runDirOf(run.all));
    expect(r.seams.length).toBeGreaterThan(0);
    expect(r.seams.every((s) => s.verdict === 'pass' && s.cached)).toBe(true);
    expect(await readFile(join(ws.root, r.seams.find((s) => s.seam === 'users-smoke')!.log), 'utf8')).toContain('users loads');
    expect(existsSync(join(ws.root, runDirOf(run.all), '.nx-tasks-1.json'))).toBe(true);
  });

  it("on a GitHub remote without Nx Cloud, the seams run in the executor's process ask Nx Cloud nothing the outer nx run did not", async () => {
    // Nx 23+ asks Nx Cloud for an onboarding link at the start of every task run in such a workspace; NX_CLOUD_API
    // points it at a listener on 127.0.0.1 that records the requests and answers 404, as an unknown API would.
    const asked: string[] = [];
    const cloud = createServer((req, res) => {
      asked.push(`${req.method} ${req.url}`);
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => cloud.listen(0, '127.0.0.1', resolve));
    // The other specs set NX_NO_CLOUD, which a user's workspace does not.
    const env = { NX_CLOUD_API: `http://127.0.0.1:${(cloud.address() as AddressInfo).port}`, NX_NO_CLOUD: 'false' };
    const other = await createE2eWorkspace();
    try {
      await other.write({ ...integrationFiles(repos), 'nx.json': JSON.stringify({ plugins: ['@seamline/nx'] }) });
      await gitIn(other.root, ['init', '-q', '-b', 'main']);
      await gitIn(other.root, ['remote', 'add', 'origin', 'https://github.com/seamline-e2e/integration.git']);
      // What one Nx task run asks (none before Nx 23): an executor that runs no seams.
      const plain = await other.nx(['run', 'integration:known-good', '--verify'], env);
      const byOneRun = asked.splice(0).length;
      const run = await other.nx(['run', 'integration:pr-fast', '--component=users', `--sha=${repos.users.shas[0]}`], env);
      expect([plain.exitCode, run.exitCode]).toEqual([0, 0]);
      expect(plain.all).toContain('0 record(s), chain intact');
      expect(run.all).toMatch(/pr-fast passed: [1-9]\d* seams? passed/);
      // The seams ran in the executor's process (no nested run-many), and it asked nothing.
      expect(existsSync(join(other.root, runDirOf(run.all), '.nx-tasks-1.json'))).toBe(false);
      expect(asked.length).toBe(byOneRun);
    } finally {
      await new Promise<void>((resolve) => cloud.close(() => resolve()));
      await other.remove();
    }
  });

  it('with a self-hosted Nx remote cache, a second machine replays the seams a first one ran; a read-only token reads and never writes; a refused token stops the run, saying so', async () => {
    const cache = await startRemoteCache();
    const machines: string[] = [];
    // Each "machine" has its own empty Nx cache and workspace data: only the remote cache is shared.
    const prFast = async (token: string, sha: string, env: Record<string, string> = {}) => {
      const dir = await mkdtemp(join(tmpdir(), 'seamline-e2e-machine-'));
      machines.push(dir);
      return ws.nx(['run', 'integration:pr-fast', '--component=schema', `--sha=${sha}`], {
        NX_SELF_HOSTED_REMOTE_CACHE_SERVER: cache.url,
        NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN: token,
        NX_CACHE_DIRECTORY: join(dir, 'cache'),
        NX_WORKSPACE_DATA_DIRECTORY: join(dir, 'data'),
        ...env,
      });
    };
    const onMachine = async (token: string, sha: string) => {
      const run = await prFast(token, sha);
      expect([run.exitCode, run.exitCode ? run.all : '']).toEqual([0, '']);
      return results(runDirOf(run.all));
    };
    const count = (pattern: RegExp) => cache.requests.filter((r) => pattern.test(r)).length;
    try {
      const first = await onMachine(cache.readWriteToken, repos.schema.v3);
      expect(first.seams.length).toBeGreaterThan(1);
      expect(first.seams.map((s) => [s.seam, s.verdict, s.cached])).toEqual(first.seams.map((s) => [s.seam, 'pass', false]));
      expect(count(/^PUT \w+ 200$/)).toBe(first.seams.length);

      const second = await onMachine(cache.readOnlyToken, repos.schema.v3);
      expect(second.seams.map((s) => [s.seam, s.verdict, s.cached])).toEqual(first.seams.map((s) => [s.seam, 'pass', true]));
      expect(count(/^GET \w+ 200$/)).toBe(first.seams.length);
      // The replayed log is the first machine's output.
      const log = await readFile(join(ws.root, second.seams.find((s) => s.seam === 'billing-schema')!.log), 'utf8');
      expect(log).toContain('billing sees schema v3; pinned schema is v3');

      // A PR run with a read-only token: its new results are refused upload (403), and the run is not failed for it.
      const stored = cache.artifacts.size;
      const third = await onMachine(cache.readOnlyToken, repos.schema.good);
      expect(third.seams.every((s) => s.verdict === 'pass' && !s.cached)).toBe(true);
      expect(count(/^PUT \w+ 403$/)).toBe(third.seams.length);
      expect(cache.artifacts.size).toBe(stored);

      // A token the cache refuses stops Nx before any seam, in this process or a nested run-many: the
      // reason says so in Nx's words and names the remote cache, never the seams.
      for (const env of [{}, { SEAMLINE_NX_IN_PROCESS: 'false' }] as Record<string, string>[]) {
        const refused = await prFast('not-a-token', repos.schema.v3, env);
        expect(refused.exitCode).not.toBe(0);
        const r = await results(runDirOf(refused.all));
        expect([r.verdict, r.seams]).toEqual(['fail', []]);
        // Through run-many, Nx before 22.7.2 prints why on stdout, which stays the terminal's: the reason points there.
        const said = env.SEAMLINE_NX_IN_PROCESS
          ? /(Unauthorized: e2e remote cache: missing or unknown token|nx run-many exited 1; its message is in the output above)/
          : /(Unauthorized: e2e remote cache: missing or unknown token)/;
        expect(r.reason).toMatch(
          new RegExp(
            `^Nx stopped before it reported the results of test: ${said.source}; a self-hosted remote cache is set \\(NX_SELF_HOSTED_REMOTE_CACHE_SERVER\\): check that it is up and that NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN is a token it takes$`,
          ),
        );
        // Either way the user sees Nx's words.
        expect(refused.all).toContain('Unauthorized: e2e remote cache: missing or unknown token');
      }
    } finally {
      await cache.close();
      for (const dir of machines) await rm(dir, { recursive: true, force: true });
    }
  });

  it('a PR to a leaf component runs only the seams it reaches', async () => {
    const pr = await ws.nx(['run', 'integration:pr-fast', '--component=billing', `--sha=${repos.billing.shas[0]}`]);
    expect(pr.exitCode).toBe(0);
    const r = await results(runDirOf(pr.all));
    expect(r.seams.map((s) => s.seam)).toEqual(['billing-schema']);
    expect(r.not_selected).toBe(2);
  });

  it('a consumer whose npm ci installed a published provider runs against the pinned checkout; two runs with different pins each see their own', async () => {
    const [a, b] = await Promise.all([
      ws.nx(['run', 'integration:pr-fast', '--component=schema', `--sha=${repos.schema.good}`, '--skip-nx-cache']),
      ws.nx(['run', 'integration:pr-fast', '--component=schema', `--sha=${repos.schema.v3}`, '--skip-nx-cache']),
    ]);
    // On failure, show what each run said.
    expect([a.exitCode, b.exitCode, a.exitCode || b.exitCode ? `${a.all}\n-----\n${b.all}` : '']).toEqual([0, 0, '']);
    const logA = await readFile(join(ws.root, runDirOf(a.all), 'logs/billing-schema.log'), 'utf8');
    const logB = await readFile(join(ws.root, runDirOf(b.all), 'logs/billing-schema.log'), 'utf8');
    expect(logA).toContain('billing sees schema v1; pinned schema is v1');
    expect(logB).toContain('billing sees schema v3; pinned schema is v3');
    // billing's own npm ci did install the published copy: the pinned one won anyway.
    const checkouts = await readdir(join(ws.root, '.seamline/checkouts'));
    const billingDir = checkouts.find((d) => d.startsWith('billing@'))!;
    expect(await readFile(join(ws.root, '.seamline/checkouts', billingDir, 'node_modules/@acme/schema/src/index.js'), 'utf8')).toContain("'registry'");
  });

  it('a changeset of PRs in two components is tested as one unit', async () => {
    const cs = await ws.nx(['run', 'integration:changeset', '--name=rename', `--prs=schema#7,users#3@${repos.users.shas[0]}`]);
    const r = await results(runDirOf(cs.all));
    expect(r.tuple.schema).toBe(repos.schema.renamed);
    expect(cs.exitCode).not.toBe(0);
    expect(r.seams.find((s) => s.seam === 'users-schema')?.verdict).toBe('fail');
  });

  it('policies: a retried seam that passes is reported flaky, a quarantined failure does not fail the run', async () => {
    const run = await ws.nx(['run', 'integration:pr-fast', '--component=users', `--sha=${repos.users.shas[0]}`, '--subset=policies']);
    expect(run.exitCode).toBe(0);
    const r = await results(runDirOf(run.all));
    expect(r.seams.map((s) => [s.seam, s.verdict, s.attempts])).toEqual([
      ['flaky-net', 'flaky', 2],
      ['quarantined-broken', 'fail', 1],
      ['users-smoke', 'pass', 1],
    ]);
    expect(JSON.parse(await readFile(join(ws.root, runDirOf(run.all), 'results.json'), 'utf8')).seams[1].quarantined).toBe(true);
    expect(await readFile(join(ws.root, runDirOf(run.all), 'logs/flaky-net.log'), 'utf8')).toMatch(
      /attempt 1: failure[\s\S]*connection reset[\s\S]*attempt 2: success/,
    );
  });

  it('policies: shards partition the selected seams', async () => {
    const shards = await Promise.all(
      ['1/2', '2/2'].map((shard) =>
        ws.nx(['run', 'integration:pr-fast', '--component=users', `--sha=${repos.users.shas[0]}`, '--subset=policies', `--shard=${shard}`]),
      ),
    );
    expect(shards.map((s) => (runDirOf(s.all) ? '' : s.all))).toEqual(['', '']);
    const seams = await Promise.all(shards.map(async (s) => (await results(runDirOf(s.all))).seams.map((x) => x.seam)));
    expect(seams.flat().sort()).toEqual(['flaky-net', 'quarantined-broken', 'users-smoke']);
    expect(seams[0].length + seams[1].length).toBe(3);
  });

  it('policies: a subset over its time budget fails with the durations', async () => {
    const run = await ws.nx(['run', 'integration:pr-fast', '--component=users', `--sha=${repos.users.shas[0]}`, '--subset=tight']);
    expect(run.exitCode).not.toBe(0);
    expect(run.all).toMatch(/pr-fast failed: over budget: seams took [\d.]+s, the subset allows 1s/);
  });

  it('a seam that fails because the disk filled up is not counted as a failing seam: the run says so, with what to do', async () => {
    // A tmpfs of 1 MB for the seam to fill.
    const fillDir = join(ws.root, 'small-disk');
    await ws.write({ 'small-disk/.keep': '' });
    const nx = join(ws.root, 'node_modules/.bin/nx');
    const { execa } = await import('execa');
    const [command, args] = onSmallDisk(fillDir, [nx, 'run', 'integration:pr-fast', '--component=users', `--sha=${repos.users.shas[0]}`, '--subset=disk']);
    const run = await execa(command, args, { cwd: ws.root, env: { ...ws.env, SEAMLINE_TEST_FILL_DIR: fillDir }, extendEnv: false, reject: false, all: true });
    expect(run.exitCode).not.toBe(0);
    const dir = runDirOf(run.all ?? '');
    expect(run.all).toMatch(
      new RegExp(
        `seam disk-filler failed for want of disk space: its log says "no space left on device" \\(${dir}/logs/disk-filler\\.log\\); a disk is full, not the one \\.seamline is on \\([\\d.]+ \\w+ free there\\): free space where the failing step writes`,
      ),
    );
    const r = (await results(dir)) as Results & { no_space?: string };
    expect(r.no_space).toBe('seam disk-filler');
    expect(r.verdict).toBe('fail');
    expect(r.reason).toMatch(/^seam disk-filler failed for want of disk space/);
    expect(await readFile(join(ws.root, dir, 'logs/disk-filler.log'), 'utf8')).toContain('ENOSPC: no space left on device, write');
  });

  it('a seam whose failed assertion names ENOSPC (a suite testing its own disk-full handling) is a failing seam, not a full disk', async () => {
    const args = ['run', 'integration:pr-fast', '--component=users', `--sha=${repos.users.shas[0]}`, '--subset=disk'];
    const run = await ws.nx(args, { SEAMLINE_TEST_DISK_ASSERTION: '1' });
    expect(run.exitCode).not.toBe(0);
    expect(run.all).toContain('pr-fast failed: failed seam: disk-filler;');
    expect(run.all).not.toContain('for want of disk space');
    const dir = runDirOf(run.all);
    const r = (await results(dir)) as Results & { no_space?: string };
    expect([r.verdict, r.reason, r.no_space]).toEqual(['fail', 'failed seam: disk-filler', undefined]);
    expect(await readFile(join(ws.root, dir, 'logs/disk-filler.log'), 'utf8')).toContain('Expected: "ENOSPC"');
  });

  it('a seam written by the seam-test generator runs under jest with the pinned components', async () => {
    expect((await ws.nx(['g', '@seamline/nx:init', '--no-interactive'])).exitCode).toBe(0);
    const gen = await ws.nx([
      'g',
      '@seamline/nx:seam-test',
      'users-schema-jest',
      '--components=users,schema',
      '--subset=pr_fast',
      '--catches=users and schema disagree on the user fields',
      '--no-interactive',
    ]);
    expect(gen.exitCode).toBe(0);
    expect(await readFile(join(ws.root, 'integration/seamline.yaml'), 'utf8')).toContain('users-schema-jest');
    const run = await ws.nx(['run', 'integration:pr-fast', '--component=users', `--sha=${repos.users.shas[0]}`]);
    const r = await results(runDirOf(run.all));
    expect(r.seams.find((s) => s.seam === 'users-schema-jest')?.verdict).toBe('pass');
    const log = await readFile(join(ws.root, runDirOf(run.all), 'logs/users-schema-jest.log'), 'utf8');
    expect(log).toMatch(/Tests:\s+\d+ passed/);
    expect(run.exitCode).toBe(0);

    // Outside a run the starter spec fails on the testing helper's line, and the stack under it
    // names files the installed plugin has: no source map pointing into sources it does not ship.
    const outside = await ws.nx(['run', 'users-schema-jest:test']);
    expect(outside.exitCode).not.toBe(0);
    const shown = stripVTControlCharacters(outside.all);
    expect(shown).toMatch(/SEAMLINE_DIR_(USERS|SCHEMA) is not set: this process is not part of a Seamline run/);
    const pluginFrames = [...shown.matchAll(/at .*?\(([^()\s]+):\d+:\d+\)/g)].map((m) => m[1]!).filter((f) => f.includes('seamline'));
    expect(pluginFrames.length).toBeGreaterThan(0);
    for (const frame of pluginFrames) expect(`${frame} ${existsSync(resolve(ws.root, 'seams/users-schema-jest', frame))}`).toBe(`${frame} true`);
  });

  it('a seam written by the seam-test generator with --runner=node runs under node --test, importing the pinned packages as ES modules', async () => {
    // This seam fails on the renaming PR; the specs after this one expect only the seams they know to fail there.
    const config = join(ws.root, 'integration/seamline.yaml');
    const before = await readFile(config, 'utf8');
    try {
      await nodeSeam();
    } finally {
      await writeFile(config, before);
      await rm(join(ws.root, 'seams/users-schema-node'), { recursive: true, force: true });
    }
  });

  async function nodeSeam() {
    const gen = await ws.nx([
      'g',
      '@seamline/nx:seam-test',
      'users-schema-node',
      '--components=users,schema',
      '--subset=pr_fast',
      '--runner=node',
      '--catches=users reads a user field that schema renamed',
      '--no-interactive',
    ]);
    expect(gen.exitCode).toBe(0);
    // The contract check a user writes in place of the starter: ES module imports of both packages, at their pins.
    const test = join(ws.root, 'seams/users-schema-node/users-schema-node.test.mjs');
    await writeFile(
      test,
      `${await readFile(test, 'utf8')}
it('users reads the token field of the pinned schema', async () => {
  const { default: schema } = await import('@acme/schema');
  const { default: users } = await import('@acme/users');
  assert.ok(schema.userFields.includes('token'), 'schema has no token field');
  assert.equal(users.tokenOf({ token: 't' }), 't');
});
`,
    );
    const run = await ws.nx(['run', 'integration:pr-fast', '--component=users', `--sha=${repos.users.shas[0]}`]);
    const r = await results(runDirOf(run.all));
    const log = await readFile(join(ws.root, runDirOf(run.all), 'logs/users-schema-node.log'), 'utf8');
    expect([r.seams.find((s) => s.seam === 'users-schema-node')?.verdict, log]).toEqual(['pass', expect.stringMatching(/[#ℹ] pass 2\n[#ℹ] fail 0/)]);
    expect(run.exitCode).toBe(0);
    // The provider's renaming PR breaks it, as it breaks users-schema.
    const broken = await ws.nx(['run', 'integration:pr-fast', '--component=schema', `--sha=${repos.schema.renamed}`]);
    const failed = await results(runDirOf(broken.all));
    expect(failed.seams.find((s) => s.seam === 'users-schema-node')?.verdict).toBe('fail');
    expect(await readFile(join(ws.root, runDirOf(broken.all), 'logs/users-schema-node.log'), 'utf8')).toContain('schema has no token field');
  }

  it('Ctrl-C in the middle of a seam ends nx run and seamline run alike, with the exit code a shell reports for it (130)', async () => {
    const { execa } = await import('execa');
    const started = join(ws.root, 'seams/waits/started');
    for (const bin of ['nx', 'seamline']) {
      await rm(started, { force: true });
      const run = execa(
        join(ws.root, 'node_modules/.bin', bin),
        ['run', 'integration:pr-fast', '--component=users', `--sha=${repos.users.shas[0]}`, '--subset=waits'],
        {
          cwd: ws.root,
          env: ws.env,
          extendEnv: false,
          detached: true,
          reject: false,
          all: true,
        },
      );
      for (let i = 0; i < 900 && !existsSync(started) && run.exitCode === null; i++) await new Promise((r) => setTimeout(r, 100));
      expect(`${bin}: ${existsSync(started)}`).toBe(`${bin}: true`);
      // As a terminal sends it: to the whole process group.
      process.kill(-run.pid!, 'SIGINT');
      const ended = await Promise.race([run, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 60_000).unref())]);
      if (ended === 'hung') process.kill(-run.pid!, 'SIGKILL');
      expect(`${bin}: ${ended === 'hung' ? 'hung' : ended.exitCode}`).toBe(`${bin}: 130`);
    }
    await rm(started, { force: true });
  });

  it('in a terminal, as a developer runs it, pr-fast (by nx run and by seamline run) prints the output of every seam, passing ones too, not a spinner', async () => {
    // A pseudo-terminal from util-linux's script(1); the command line is fixed and the values come
    // in through the environment. Not CI, so Nx would pick its spinner for a terminal.
    const ci = ['CI', 'GITHUB_ACTIONS', 'BUILD_ID', 'BUILD_NUMBER', 'TF_BUILD', 'GITLAB_CI', 'JENKINS_URL', 'BUILDKITE', 'CIRCLECI', 'TEAMCITY_VERSION'];
    const env = Object.fromEntries(Object.entries(ws.env).filter(([key]) => !ci.includes(key))) as Record<string, string>;
    // What a developer answers once at Nx's usage-data question (Nx 22.7+ asks it in a terminal).
    await ws.write({ 'nx.json': JSON.stringify({ plugins: ['@seamline/nx'], analytics: false }) });
    const { execa } = await import('execa');
    for (const bin of ['nx', 'seamline']) {
      const script = await execa(
        'script',
        ['-q', '-e', '-c', 'exec "$SEAMLINE_E2E_BIN" run integration:pr-fast --component=schema --sha="$SEAMLINE_E2E_SHA"', '/dev/null'],
        {
          cwd: ws.root,
          env: { ...env, SHELL: '/bin/sh', SEAMLINE_E2E_BIN: join(ws.root, 'node_modules/.bin', bin), SEAMLINE_E2E_SHA: repos.schema.renamed },
          extendEnv: false,
          stdin: 'ignore',
          reject: false,
          all: true,
        },
      );
      // With reject: false a missing program is a result without an exit code, not a throw.
      if (script.exitCode === undefined) throw new Error(`this test needs util-linux's script(1) to give ${bin} a terminal: ${script.message}`);
      const seen = script.all ?? '';
      expect(seen).toContain('pr-fast failed: failed seam: users-schema');
      // The failing seam, and both passing ones, in full.
      expect(seen).toContain('@acme/schema has no token field');
      expect(seen).toContain('users loads');
      expect(seen).toContain('billing sees schema');
      expect(seen).not.toContain('remaining tasks');
      expect(script.exitCode).not.toBe(0);
    }
  });
});
