import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { type FakeGitHub, startFakeGitHub } from '@seamline/fake-github';
import { createRepo, gitIn, type TestRepo } from '../../packages/seamline/src/__fixtures__/git-repos';
import { expandExpressions, isLocalScriptStep, runScriptStep, type WorkflowStep } from './workflow-steps';
import { createE2eWorkspace, type E2eWorkspace } from './e2e-workspace';

/**
 * Sharding through the real `nx` CLI: a plan resolves the tuple once, three shards
 * run as three separate processes on its manifest, and combine makes one run, one
 * verdict, one record (or one bisect and one failure report).
 */
const TOKEN = 'ghs_e2eShardsTokenThatMustNeverBePrinted01';

const schemaSource = (field: string) => `module.exports = { userFields: ['id', '${field}'], revision: 1 };\n`;
const check = (body: string) => `${body}\nconsole.log('ok');\n`;

describe('sharded runs', () => {
  let ws: E2eWorkspace;
  let gh: FakeGitHub;
  let tmp: string;
  let schema: TestRepo;
  let users: TestRepo;
  let billing: TestRepo;
  const outputs: string[] = [];

  const nx = async (args: string[], env: Record<string, string> = {}) => {
    const r = await ws.nx(args, env);
    outputs.push(r.all);
    return r;
  };
  /** The run directory a run's last line names (`artifacts in .seamline/runs/<id>`). */
  const runDirOf = (all: string) => /artifacts in (\.seamline\/runs\/[\w.-]+)/.exec(all)?.[1] ?? '';
  const store = async () =>
    existsSync(join(ws.root, 'integration/known-good.jsonl'))
      ? (await readFile(join(ws.root, 'integration/known-good.jsonl'), 'utf8'))
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l))
      : [];
  const json = async (path: string) => JSON.parse(await readFile(join(ws.root, path), 'utf8'));
  /** Plan, then (after `between`) run every shard of it as its own process, side by side. */
  const planAndShards = async (plan: string, between: () => Promise<unknown> = async () => undefined) => {
    const planned = await nx(['run', 'integration:full', `--plan=${plan}`, '--shards=3']);
    expect(planned.exitCode).toBe(0);
    await between();
    const shards = await Promise.all([1, 2, 3].map((i) => nx(['run', 'integration:full', `--manifest=${plan}/manifest.yaml`, `--shard=${i}/3`])));
    return { planned, shards, dirs: shards.map((s) => runDirOf(s.all)) };
  };

  /**
   * One job of a generated workflow on its own runner: its run steps in the workspace (stopping
   * at the first failure, as GitHub does, except `if: always()` steps), its artifact steps as
   * folders under `artifacts`. Returns each run step's name and exit code.
   */
  const runWorkflowJob = async (
    workflow: { env: Record<string, string>; jobs: Record<string, { steps: Record<string, any>[] }> }, // eslint-disable-line @typescript-eslint/no-explicit-any
    name: string,
    options: { matrix: Record<string, string>; event: string; artifacts: string; secrets?: Record<string, string> },
  ) => {
    const runsDir = join(ws.root, '.seamline/runs');
    const runnerTemp = await mkdtemp(join(tmp, `runner-${name}-`));
    const runsBefore = new Set(await readdir(runsDir).catch(() => []));
    const context: Record<string, string> = {
      'secrets.SEAMLINE_TOKEN': TOKEN,
      'github.run_id': '77',
      'github.run_attempt': '1',
      'github.server_url': 'https://github.example',
      'github.repository': 'acme/integration',
      'runner.temp': runnerTemp,
      ...options.secrets,
      ...Object.fromEntries(Object.entries(options.matrix).map(([k, v]) => [`matrix.${k}`, v])),
    };
    const expand = expandExpressions(context);
    const codes: [string, number][] = [];
    let failed = false;
    for (const step of workflow.jobs[name].steps) {
      if (failed && step.if !== 'always()') continue;
      if (step.uses?.startsWith('actions/upload-artifact@')) {
        const target = join(options.artifacts, expand(step.with.name));
        await mkdir(target, { recursive: true });
        if (step.with.path === '.seamline/runs/**') {
          // A fresh runner's .seamline/runs holds only this job's runs.
          for (const id of await readdir(runsDir)) if (!runsBefore.has(id)) await cp(join(runsDir, id), join(target, id), { recursive: true });
        } else await cp(expand(step.with.path), target, { recursive: true });
      } else if (step.uses?.startsWith('actions/download-artifact@')) {
        const path = expand(step.with.path);
        if (step.with.name) await cp(join(options.artifacts, expand(step.with.name)), path, { recursive: true });
        else {
          const pattern = new RegExp(`^${expand(step.with.pattern).replace(/\*/g, '.*')}$`);
          for (const a of await readdir(options.artifacts)) if (pattern.test(a)) await cp(join(options.artifacts, a), join(path, a), { recursive: true });
        }
      } else if (isLocalScriptStep(step as WorkflowStep)) {
        const r = await runScriptStep(ws, workflow.env, step as WorkflowStep, context, {
          GITHUB_EVENT_NAME: 'repository_dispatch',
          GITHUB_EVENT_PATH: options.event,
          RUNNER_TEMP: runnerTemp,
          GITHUB_OUTPUT: join(runnerTemp, 'github-output'),
        });
        outputs.push(r.all);
        codes.push([step.name, r.exitCode]);
        failed ||= r.exitCode !== 0;
      }
    }
    return codes;
  };

  /** The statuses on a commit, [state, context], in the order they were posted. */
  const statusesOldestFirst = (slug: string, sha: string) =>
    gh
      .statuses(slug, sha)
      .map((s) => [s.state, s.context])
      .reverse();
  /** users PR #n, its head on a branch of its own (main does not move), and the generated sharded pr-fast workflow's jobs for its dispatch. */
  const usersPr = async (pr: number) => {
    const workflow = parse(await readFile(join(ws.root, '.github/workflows/seamline-pr-fast.yml'), 'utf8'));
    await gitIn(users.dir, ['checkout', '-q', '-b', `pr-${pr}`]);
    const sha = await users.commit({ 'NOTES.md': `PR ${pr}\n` }, `users: PR ${pr}`);
    await gitIn(users.dir, ['checkout', '-q', 'main']);
    const slug = 'acme/users';
    gh.addPull(slug, { number: pr, headSha: sha });
    const event = join(tmp, `event-${pr}.json`);
    await writeFile(event, JSON.stringify({ action: 'seamline-pr', client_payload: { repo: slug, pr, sha } }));
    const runJob = (name: string, matrix: Record<string, string> = {}) =>
      runWorkflowJob(workflow, name, { matrix, event, artifacts: join(tmp, `artifacts-pr-${pr}`) });
    return { slug, sha, runJob };
  };

  beforeAll(async () => {
    [ws, gh, tmp] = await Promise.all([createE2eWorkspace(), startFakeGitHub(), mkdtemp(join(tmpdir(), 'seamline-shards-'))]);
    gh.requireToken(TOKEN);
    gh.addRepo('acme/integration');
    schema = await createRepo(tmp, 'schema', [{ 'index.js': schemaSource('token') }]);
    users = await createRepo(tmp, 'users', [
      {
        'index.js':
          "const { userFields } = require(process.env.SEAMLINE_DIR_SCHEMA);\nexports.tokenOf = (u) => {\n  if (!userFields.includes('token')) throw new Error('schema has no token field');\n  return u.token;\n};\n",
      },
    ]);
    billing = await createRepo(tmp, 'billing', [{ 'index.js': 'exports.plan = () => "basic";\n' }]);
    // The repos are file:// ones; github: says where each one's pull requests are.
    for (const name of ['schema', 'users', 'billing']) gh.addRepo(`acme/${name}`);
    const seam = (name: string, components: string[], body: string) => ({
      [`seams/${name}/seam.yaml`]: `components: [${components.join(', ')}]\ncatches: ${name} breaks\ncommand: [node, check.js]\n`,
      [`seams/${name}/check.js`]: check(body),
    });
    await ws.write({
      'nx.json': JSON.stringify({ plugins: ['@seamline/nx'] }),
      'integration/seamline.yaml': [
        'subsets:',
        '  pr_fast: { seams: [users-schema, users-load, users-billing, billing-smoke], budget: 10m }',
        '  full: { seams: all, budget: 30m }',
        'bisect: auto',
        'github:',
        '  repository: acme/integration',
        `  base_url: ${gh.url}`,
        '',
      ].join('\n'),
      'components/schema/component.yaml': `repo: ${schema.url}\ngithub: acme/schema\n`,
      'components/users/component.yaml': `repo: ${users.url}\ngithub: acme/users\ndependsOn: [schema]\n`,
      'components/billing/component.yaml': `repo: ${billing.url}\ngithub: acme/billing\n`,
      ...seam('users-schema', ['users', 'schema'], "require(process.env.SEAMLINE_DIR_USERS).tokenOf({ token: 't' });"),
      ...seam('users-load', ['users'], 'require(process.env.SEAMLINE_DIR_USERS);'),
      ...seam('users-billing', ['users', 'billing'], 'require(process.env.SEAMLINE_DIR_USERS); require(process.env.SEAMLINE_DIR_BILLING).plan();'),
      ...seam('billing-smoke', ['billing'], 'require(process.env.SEAMLINE_DIR_BILLING).plan();'),
      ...seam('billing-schema', ['billing', 'schema'], 'require(process.env.SEAMLINE_DIR_SCHEMA); require(process.env.SEAMLINE_DIR_BILLING);'),
      ...seam('schema-load', ['schema'], 'if (!require(process.env.SEAMLINE_DIR_SCHEMA).revision) process.exit(1);'),
    });
  });
  afterAll(async () => {
    // What the commands printed, for a reader who wants the numbers (SEAMLINE_E2E_OUTPUT=<file>).
    if (process.env.SEAMLINE_E2E_OUTPUT) await writeFile(process.env.SEAMLINE_E2E_OUTPUT, outputs.join('\n----\n'));
    await gh?.close();
    await ws?.remove();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  let planA: { dirs: string[]; hash: string };

  it("3 shards on one plan, with a merge landing in between, combine into one record of the plan's manifest", async () => {
    const before = billing.shas[0];
    const { planned, shards, dirs } = await planAndShards('.seamline/plan-a', () => billing.commit({ 'CHANGELOG.md': 'merged meanwhile\n' }, 'merge a PR'));
    expect(planned.all).toContain('Shards balanced by count: no earlier run under .seamline/runs timed these seams');
    const plan = await json('.seamline/plan-a/shards.json');
    expect(plan.shards.flat().sort()).toEqual(['billing-schema', 'billing-smoke', 'schema-load', 'users-billing', 'users-load', 'users-schema']);
    for (const [i, shard] of shards.entries()) {
      expect([i, shard.exitCode]).toEqual([i, 0]);
      expect(shard.all).toContain(`Shard ${i + 1}/3 of the plan .seamline/plan-a/manifest.yaml`);
      const results = await json(`${dirs[i]}/results.json`);
      // Every shard tested the plan's tuple, not the main that moved after the plan.
      expect(results).toMatchObject({ shard: `${i + 1}/3`, manifest_sha256: plan.manifest_sha256, tuple: { billing: before } });
      expect(results.seams.map((s: { seam: string }) => s.seam)).toEqual(plan.shards[i]);
    }
    expect(await store()).toEqual([]);

    const combined = await nx(['run', 'integration:combine', `--runs=${dirs.join(',')}`]);
    expect(combined.exitCode).toBe(0);
    expect(combined.all).toContain(`Combined 3 shard(s) of manifest ${plan.manifest_sha256.slice(0, 12)}`);
    const records = await store();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      manifest_sha256: plan.manifest_sha256,
      suite: 'full',
      tuple: { billing: before, schema: schema.shas[0], users: users.shas[0] },
    });
    const results = await json(`${runDirOf(combined.all)}/results.json`);
    expect(results).toMatchObject({ verdict: 'pass', reason: '6 seams passed (3 shards)', not_selected: 0, shards: { count: 3 } });
    expect(results.shard).toBeUndefined();
    for (const file of ['junit.xml', 'summary.md', 'manifest.yaml']) expect(existsSync(join(ws.root, runDirOf(combined.all), file))).toBe(true);
    expect((await readFile(join(ws.root, runDirOf(combined.all), 'junit.xml'), 'utf8')).match(/<testcase /g)).toHaveLength(6);
    for (const seam of results.seams) expect(existsSync(join(ws.root, seam.log))).toBe(true);

    const verify = await nx(['run', 'integration:known-good', '--verify']);
    expect(verify.exitCode).toBe(0);
    expect(verify.all).toMatch(/1 record\(s\), chain intact/);
    planA = { dirs, hash: plan.manifest_sha256 };

    // The next plan knows how long each seam took.
    const next = await nx(['run', 'integration:full', '--plan=.seamline/plan-next', '--shards=3']);
    expect(next.exitCode).toBe(0);
    expect(next.all).toContain('Shards balanced by last known durations (6 of 6 seam(s) timed in earlier runs under .seamline/runs');
  });

  let planB: string[];

  it('one shard failing: combine records nothing, bisects once and writes one failure report', async () => {
    const breaking = await schema.commit({ 'index.js': schemaSource('accessToken') }, 'rename token to accessToken');
    const { shards, dirs } = await planAndShards('.seamline/plan-b');
    const plan = await json('.seamline/plan-b/shards.json');
    const failing = plan.shards.findIndex((seams: string[]) => seams.includes('users-schema'));
    expect(shards.map((s) => s.exitCode)).toEqual([0, 1, 2].map((i) => (i === failing ? 1 : 0)));
    // A shard of a plan reports nothing and bisects nothing: combine does, once.
    for (const shard of shards) expect(shard.all).not.toMatch(/bisect:|Failure report:/);
    planB = dirs;

    const combined = await nx(['run', 'integration:combine', `--runs=${dirs.join(',')}`]);
    expect(combined.exitCode).toBe(1);
    expect(combined.all).toContain('full failed: failed seam: users-schema');
    expect(await store()).toHaveLength(1);
    expect(combined.all.match(/^.*bisect: culprit: .*$/gm)).toEqual([expect.stringContaining(`schema ${breaking}`)]);
    const runs = await readdir(join(ws.root, '.seamline/runs'));
    expect(runs.filter((r) => r.startsWith('bisect-verdict-'))).toHaveLength(1);
    const reports = [];
    for (const run of runs) if (existsSync(join(ws.root, '.seamline/runs', run, 'failure-report.md'))) reports.push(run);
    expect(reports).toEqual([runDirOf(combined.all).split('/').pop()]);
    const report = await readFile(join(ws.root, runDirOf(combined.all), 'failure-report.md'), 'utf8');
    expect(report).toContain('users-schema');
    expect(report).toContain(breaking.slice(0, 12));
  });

  it('refuses a missing shard, and a shard of another manifest, each in one line', async () => {
    const before = (await readdir(join(ws.root, '.seamline/runs'))).length;
    const missing = await nx(['run', 'integration:combine', `--runs=${planB.slice(0, 2).join(',')}`]);
    expect(missing.exitCode).toBe(1);
    const missingLines = missing.all.split('\n').filter((l) => l.includes('nothing combined'));
    expect(missingLines).toEqual([
      expect.stringMatching(
        /^.*--runs: shard\(s\) 3\/3 missing \(found 1\/3, 2\/3 of manifest [0-9a-f]{12}\); pass every shard's run directory; nothing combined$/,
      ),
    ]);

    const mixed = await nx(['run', 'integration:combine', `--runs=${[planA.dirs[0], planB[1], planB[2]].join(',')}`]);
    expect(mixed.exitCode).toBe(1);
    const mixedLines = mixed.all.split('\n').filter((l) => l.includes('nothing combined'));
    expect(mixedLines).toEqual([expect.stringContaining(`a shard of another manifest`)]);
    expect(mixedLines[0]).toContain(planA.hash.slice(0, 12));
    for (const r of [missing, mixed]) expect(r.all).not.toMatch(/^\s+at /m);
    // Nothing was written: no combined run, no record.
    expect((await readdir(join(ws.root, '.seamline/runs'))).length).toBe(before);
    expect(await store()).toHaveLength(1);
  });

  it("runs the generated sharded pr-fast workflow's steps locally against the fake server: pending from the plan, one verdict from combine", async () => {
    const gen = await nx(['g', '@seamline/nx:ci', '--shards=3']);
    expect(gen.exitCode).toBe(0);
    const { slug, sha, runJob } = await usersPr(31);

    expect(await runJob('plan')).toEqual([
      ['Write the dispatch payload', 0],
      ['Plan 3 shards', 0],
    ]);
    expect(gh.statuses(slug, sha).map((s) => [s.state, s.context])).toEqual([['pending', 'seamline/pr-fast']]);
    for (const shard of ['1', '2', '3']) expect(await runJob('shard', { shard })).toEqual([['Run shard ${{ matrix.shard }} of 3', 0]]);
    // Shards post nothing.
    expect(gh.statuses(slug, sha)).toHaveLength(1);
    expect(await runJob('combine')).toEqual([['Combine the shards', 0]]);
    expect(statusesOldestFirst(slug, sha)).toEqual([
      ['pending', 'seamline/pr-fast'],
      ['success', 'seamline/pr-fast'],
    ]);
    for (const text of outputs) expect(text).not.toContain(TOKEN);
  });

  it("when a shard's runner is lost (no run uploaded), the generated combine posts error on the PR head the plan set pending", async () => {
    const { slug, sha, runJob } = await usersPr(32);

    expect((await runJob('plan')).map(([, code]) => code)).toEqual([0, 0]);
    for (const shard of ['1', '2']) expect(await runJob('shard', { shard })).toEqual([['Run shard ${{ matrix.shard }} of 3', 0]]);
    // Shard 3 never uploads: its runner was lost.
    const before = outputs.length;
    expect(await runJob('combine')).toEqual([['Combine the shards', 1]]);
    expect(outputs.slice(before).join('\n')).toMatch(/shard\(s\) 3\/3 missing/);
    expect(statusesOldestFirst(slug, sha)).toEqual([
      ['pending', 'seamline/pr-fast'],
      ['error', 'seamline/pr-fast'],
    ]);
    for (const text of outputs) expect(text).not.toContain(TOKEN);
  });

  it("runs the generated sharded full workflow's steps locally: one failing shard, one combine, one bisect, one failure issue", async () => {
    const workflow = parse(await readFile(join(ws.root, '.github/workflows/seamline-full.yml'), 'utf8'));
    const event = join(tmp, 'merge-event.json');
    await writeFile(event, JSON.stringify({ action: 'seamline-merge', client_payload: {} }));
    const options = { event, artifacts: join(tmp, 'artifacts-full'), secrets: { 'secrets.GITHUB_TOKEN': TOKEN } };
    const records = (await store()).length;
    const bisects = (await readdir(join(ws.root, '.seamline/runs'))).filter((r) => r.startsWith('bisect-verdict-')).length;

    expect(await runWorkflowJob(workflow, 'plan', { ...options, matrix: {} })).toEqual([
      ['Note the integration commit', 0],
      ['Plan 3 shards', 0],
    ]);
    // The schema renamed the field users reads (above): the shard that runs users-schema fails; the others pass.
    const shardCodes = [];
    for (const shard of ['1', '2', '3']) shardCodes.push(...(await runWorkflowJob(workflow, 'shard', { ...options, matrix: { shard } })));
    expect(shardCodes.map(([, code]) => code).sort()).toEqual([0, 0, 1]);
    expect(gh.issues('acme/integration')).toHaveLength(0);
    // Combine fails, so GitHub would skip the push step after it.
    expect(await runWorkflowJob(workflow, 'combine', { ...options, matrix: {} })).toEqual([['Combine the shards', 1]]);
    const issues = gh.issues('acme/integration');
    expect(issues).toHaveLength(1);
    expect(issues[0].body).toContain('users-schema');
    expect(await store()).toHaveLength(records);
    expect((await readdir(join(ws.root, '.seamline/runs'))).filter((r) => r.startsWith('bisect-verdict-'))).toHaveLength(bisects + 1);
    for (const text of outputs) expect(text).not.toContain(TOKEN);
  });
});
