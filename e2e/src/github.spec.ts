import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { type FakeGitHub, startFakeGitHub, startForwardProxy } from '@seamline/fake-github';
import { gitIn } from '../../packages/seamline/src/__fixtures__/git-repos';
import { sha256 } from '../../packages/seamline/src/core/hash';
import { isLocalScriptStep, runScriptStep, type WorkflowStep } from './workflow-steps';
import { createE2eWorkspace, type E2eWorkspace } from './e2e-workspace';
import { createHistoryRepos, type HistoryRepos, historyWorkspaceFiles } from './fixtures/history-repos';
import { startRemoteCache } from './fixtures/remote-cache';

/**
 * The runs reporting to GitHub, through the real `nx` CLI and real Octokit,
 * against the project's fake GitHub REST server on 127.0.0.1.
 */
const TOKEN = 'ghs_e2eSecretTokenThatMustNeverBePrinted0001';

describe('GitHub reporting', () => {
  let ws: E2eWorkspace;
  let repos: HistoryRepos;
  let gh: FakeGitHub;
  let tmp: string;
  const outputs: string[] = [];
  const slugs = {} as Record<'schema' | 'users' | 'billing', string>;
  const withToken = { GITHUB_TOKEN: TOKEN };
  const nx = async (args: string[], env: Record<string, string> = withToken) => {
    const r = await ws.nx(args, env);
    outputs.push(r.all);
    return r;
  };
  const payload = async (name: string, body: unknown) => {
    const file = join(tmp, name);
    await writeFile(file, JSON.stringify(body));
    return file;
  };
  const statesOn = (slug: string, sha: string) =>
    gh
      .statuses(slug, sha)
      .map((s) => [s.state, s.context, s.description])
      .reverse();

  beforeAll(async () => {
    [ws, repos, gh, tmp] = await Promise.all([createE2eWorkspace(), createHistoryRepos(), startFakeGitHub(), mkdtemp(join(tmpdir(), 'seamline-gh-'))]);
    gh.requireToken(TOKEN);
    gh.addRepo('acme/integration');
    const files = historyWorkspaceFiles(repos, { bisect: 'off' });
    // The repos are file:// ones; github: says where each one's pull requests are.
    for (const name of ['schema', 'users', 'billing'] as const) {
      slugs[name] = `acme/${name}`;
      gh.addRepo(slugs[name]);
      files[`components/${name}/component.yaml`] += `github: ${slugs[name]}\n`;
    }
    files['integration/seamline.yaml'] += `github:\n  repository: acme/integration\n  base_url: ${gh.url}\n`;
    // The code under test (a PR's prepare commands and the seams) must never see the token.
    const refuseToken = "if (process.env.GITHUB_TOKEN) { console.error('the token is visible to code under test'); process.exit(9); }";
    files['components/schema/component.yaml'] += `prepare:\n  - [node, -e, "${refuseToken}"]\n`;
    files['seams/users-schema/check.js'] = `${refuseToken}\n${files['seams/users-schema/check.js']}`;
    await ws.write({ ...files, 'nx.json': JSON.stringify({ plugins: ['@seamline/nx'] }) });
    // A known good from before the provider's breaking change, recorded without GitHub.
    const first = await ws.nx([
      'run',
      'integration:full',
      `--main=schema@${repos.schema.shas[3]}`,
      `--main=users@${repos.users.shas[0]}`,
      `--main=billing@${repos.billing.shas[0]}`,
    ]);
    expect(first.all).toContain('no GITHUB_TOKEN: reported locally');
    expect(first.all).toContain('Recorded known good');
  });
  afterAll(async () => {
    await gh?.close();
    await ws?.remove();
    await repos?.remove();
    await rm(tmp, { recursive: true, force: true });
  });

  it('refuses a payload naming an undeclared repository before any git call or GitHub request', async () => {
    const file = await payload('undeclared.json', { repo: 'evil/component', pr: 1, sha: 'a'.repeat(40) });
    const r = await nx(['run', 'integration:pr-fast', `--payload=${file}`]);
    expect(r.exitCode).not.toBe(0);
    expect(r.all).toContain('field "repo": "evil/component" is not a declared component repository; nothing was fetched');
    expect(r.all).not.toContain('.seamline/checkouts');
    expect(existsSync(join(ws.root, '.seamline/cache/evil'))).toBe(false);
    expect(gh.requests).toHaveLength(0);
  });

  it('refuses a short SHA', async () => {
    const file = await payload('short.json', { repo: slugs.users, pr: 5, sha: repos.users.shas[3].slice(0, 12) });
    const r = await nx(['run', 'integration:pr-fast', `--payload=${file}`]);
    expect(r.exitCode).not.toBe(0);
    expect(r.all).toContain('field "sha": expected a full 40-character hex commit SHA');
  });

  it('refuses the merge SHA, naming the PR head', async () => {
    const pull = gh.addPull(slugs.users, { number: 5, headSha: repos.users.shas[3] });
    const file = await payload('merge.json', { repo: slugs.users, pr: 5, sha: pull.merge_commit_sha });
    const r = await nx(['run', 'integration:pr-fast', `--payload=${file}`]);
    expect(r.exitCode).not.toBe(0);
    expect(r.all).toContain(`is the PR's merge SHA; ${slugs.users}#5 head is ${repos.users.shas[3]}`);
  });

  it('posts pending then success on the PR head; 5xx and rate limits are retried and the verdict stands', async () => {
    gh.failNext(1, { status: 503 }, { path: /statuses/ });
    gh.failNext(1, { rateLimit: 'secondary', retryAfter: 1 }, { path: /statuses/ });
    const file = await payload('users-5.json', { repo: slugs.users, pr: 5, sha: repos.users.shas[3] });
    const r = await nx(['run', 'integration:pr-fast', `--payload=${file}`]);
    expect(r.all).toContain('pr-fast passed');
    expect(r.exitCode).toBe(0);
    expect(statesOn(slugs.users, repos.users.shas[3])).toEqual([
      ['pending', 'seamline/pr-fast', `Seamline is testing users#5 with the last known good`],
      ['success', 'seamline/pr-fast', expect.stringMatching(/^1 seam passed · known good [0-9a-f]{16}$/)],
    ]);
    expect(gh.requests.filter((q) => q.path.includes('/statuses/')).map((q) => q.status)).toEqual([503, 403, 201, 201]);
  });

  it('behind a proxy (HTTP_PROXY, as a corporate runner sets it), the run reaches GitHub through it', async () => {
    const proxy = await startForwardProxy();
    try {
      gh.addPull(slugs.users, { number: 7, headSha: repos.users.shas[3] });
      const before = gh.requests.length;
      const file = await payload('users-7.json', { repo: slugs.users, pr: 7, sha: repos.users.shas[3] });
      const r = await nx(['run', 'integration:pr-fast', `--payload=${file}`], { ...withToken, HTTP_PROXY: proxy.url });
      expect(r.all).toContain('pr-fast passed');
      expect(r.exitCode).toBe(0);
      expect(gh.requests.length).toBeGreaterThan(before);
      // Node's own fetch would have gone direct: the proxy saw nothing before the fix.
      expect(proxy.seen).not.toHaveLength(0);
      expect(new Set(proxy.seen)).toEqual(new Set([new URL(gh.url).host]));
    } finally {
      await proxy.close();
    }
  });

  it('when GitHub keeps failing, the run keeps its verdict and artifacts and lists the problem in summary.md', async () => {
    // Three tries (two retries) for each of the two statuses, all refused.
    gh.failNext(6, { status: 502 }, { path: /statuses/ });
    const sha = repos.users.shas[4];
    gh.addPull(slugs.users, { number: 6, headSha: sha });
    const r = await nx(['run', 'integration:pr-fast', '--component=users', `--sha=${sha}`, '--pr=6']);
    expect(r.exitCode).toBe(0);
    const runDir = /artifacts in (\.seamline\/runs\/[\w-]+)/.exec(r.all)![1];
    const summary = await readFile(join(ws.root, runDir, 'summary.md'), 'utf8');
    expect(summary).toContain('### Reporting to GitHub');
    expect(summary).toMatch(/could not post pending status seamline\/pr-fast to .*users@[0-9a-f]{12}: HTTP 502/);
    expect(summary).toMatch(/could not post success status seamline\/pr-fast to .*users@[0-9a-f]{12}: HTTP 502/);
    expect(gh.statuses(slugs.users, sha)).toEqual([]);
  });

  it('when GitHub never answers, the run still finishes with its verdict and artifacts, and says in one line what it could not report', async () => {
    gh.failNext(1000, { hang: true });
    const sha = repos.users.shas[4];
    const before = gh.requests.length;
    const r = await nx(['run', 'integration:pr-fast', '--component=users', `--sha=${sha}`, '--pr=6'], { ...withToken, SEAMLINE_GITHUB_TIMEOUT_MS: '1500' });
    gh.clearFaults();
    expect(r.all).toContain('pr-fast passed');
    expect(r.exitCode).toBe(0);
    // Up to three attempts of the first status reach the server (on a loaded machine an attempt can time out
    // before it is even sent), then nothing more is sent: no verdict status after the stalled pending one.
    const statusRequests = gh.requests.slice(before).filter((q) => q.path.includes('/statuses/'));
    expect(statusRequests.length).toBeGreaterThanOrEqual(1);
    expect(statusRequests.length).toBeLessThanOrEqual(3);
    expect(statusRequests.every((q) => q.status === undefined && (q.body as { state?: string }).state === 'pending')).toBe(true);
    const lines = r.all.split('\n').filter((l) => l.includes('Not reported to GitHub'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('could not post pending status seamline/pr-fast');
    expect(lines[0]).toContain('no answer within 1500 ms after 3 attempts');
    expect(lines[0]).toContain('not sent: GitHub did not answer an earlier request within 1500 ms');
    const runDir = /artifacts in (\.seamline\/runs\/[\w-]+)/.exec(r.all)![1];
    expect(JSON.parse(await readFile(join(ws.root, runDir, 'results.json'), 'utf8')).verdict).toBe('pass');
    expect(await readFile(join(ws.root, runDir, 'summary.md'), 'utf8')).toContain('### Reporting to GitHub');
  });

  it('a typo in --subset is refused before any GitHub request, fetch or run directory', async () => {
    const before = gh.requests.length;
    const runs = await readdir(join(ws.root, '.seamline/runs'));
    const r = await nx(['run', 'integration:full', '--subset=fulll']);
    expect(r.exitCode).not.toBe(0);
    expect(r.all).toMatch(/--subset: unknown subset "fulll" \(declared in integration\/seamline\.yaml: [^)]*full[^)]*\)/);
    expect(r.all).not.toContain('unexpected error');
    expect(gh.requests.length).toBe(before);
    expect(await readdir(join(ws.root, '.seamline/runs'))).toEqual(runs);
    expect(gh.issues('acme/integration')).toHaveLength(0);
  });

  it('a changeset of three PRs in three repos, one linked only by Depends-On, gets one manifest and the same status on every head', async () => {
    const heads = { schema: repos.schema.shas[3], users: repos.users.shas[5], billing: repos.billing.shas[5] };
    gh.addPull(slugs.schema, { number: 11, headSha: heads.schema, labels: ['changeset:trio'] });
    gh.addPull(slugs.users, {
      number: 12,
      headSha: heads.users,
      labels: ['changeset:trio'],
      body: `Adapts to the schema.\n\nDepends-On: https://github.com/${slugs.billing}/pull/13\n`,
    });
    gh.addPull(slugs.billing, { number: 13, headSha: heads.billing });
    const r = await nx(['run', 'integration:changeset', '--name=trio']);
    expect(r.all).toContain('changeset trio passed');
    const runDir = /artifacts in (\.seamline\/runs\/[\w-]+)/.exec(r.all)![1];
    const manifest = parse(await readFile(join(ws.root, runDir, 'manifest.yaml'), 'utf8'));
    expect(manifest.kind).toBe('changeset');
    expect(Object.fromEntries(manifest.components_under_test.map((p: { name: string; sha: string }) => [p.name, p.sha]))).toEqual(heads);
    const finals = (['schema', 'users', 'billing'] as const).map((c) => statesOn(slugs[c], heads[c]));
    expect(finals[0]).toEqual([
      ['pending', 'seamline/pr-fast', 'Seamline is testing changeset trio (3 PRs)'],
      ['success', 'seamline/pr-fast', expect.stringMatching(/^1 seam passed · known good [0-9a-f]{16}$/)],
    ]);
    expect(finals[1]).toEqual(finals[0]);
    expect(finals[2]).toEqual(finals[0]);
    // users dependsOn schema: the provider lands first, and users depends on what schema releases from its tested head.
    const short = (c: keyof typeof heads) => heads[c].slice(0, 12);
    const plan = r.all.split('\n').slice(r.all.split('\n').findIndex((l) => l.includes('Merge and release plan (providers first):')) + 1);
    expect(plan.slice(0, 3).map((l) => l.trim())).toEqual([
      `1. billing#13 (${short('billing')}): merge and release`,
      `2. schema#11 (${short('schema')}): merge and release`,
      `3. users#12 (${short('users')}): once schema is released, depend on schema as released from ${short('schema')}; then merge and release`,
    ]);
    expect(await readFile(join(ws.root, runDir, 'summary.md'), 'utf8')).toContain('### Merge and release plan');
  });

  let issueNumber = 0;
  it('a failing full opens one issue; the same failing tuple again comments on it; a pass closes it', async () => {
    const first = await nx(['run', 'integration:full']);
    expect(first.exitCode).not.toBe(0);
    expect(first.all).toMatch(/opened failure issue acme\/integration#\d+/);
    const runDir = /artifacts in (\.seamline\/runs\/[\w-]+)/.exec(first.all)![1];
    expect(await readFile(join(ws.root, runDir, 'failure-report.md'), 'utf8')).toContain('- `users-schema`');
    // bisect: off here: the terminal and the issue say how to find the culprit from the known good.
    const bisect = `nx run integration:bisect --bad=${runDir}/manifest.yaml`;
    expect(first.all).toContain(`Find the culprit: ${bisect} (or set bisect: auto in integration/seamline.yaml)`);
    expect(gh.issues('acme/integration')[0].body).toContain(`### Find the culprit\n\n\`\`\`sh\n${bisect}\n\`\`\``);
    const second = await nx(['run', 'integration:full']);
    expect(second.exitCode).not.toBe(0);
    const issues = gh.issues('acme/integration');
    expect(issues).toHaveLength(1);
    issueNumber = issues[0].number;
    expect(second.all).toContain(`commented on failure issue acme/integration#${issueNumber}`);
    expect(issues[0].body).toContain(repos.schema.shas[repos.schema.shas.length - 1]);
    expect(gh.comments('acme/integration', issueNumber)).toHaveLength(1);

    const fixed = await nx(['run', 'integration:full', `--main=schema@${repos.schema.shas[3]}`]);
    expect(fixed.exitCode).toBe(0);
    expect(fixed.all).toContain('Recorded known good');
    expect(fixed.all).toContain(`closed failure issue(s) acme/integration#${issueNumber}`);
    expect(gh.issues('acme/integration')[0].state).toBe('closed');
  });

  it("runs the generated receiver workflow's steps locally against the fake server, with its remote cache read-only", async () => {
    // Nx parses 20.10 as the number 20.1; the workflow must still get the version as typed.
    const gen = await nx(['g', '@seamline/nx:ci', '--integrationRepo=acme/integration', '--node-version=20.10', '--remoteCache'], {});
    expect(gen.exitCode).toBe(0);
    const workflow = parse(await readFile(join(ws.root, '.github/workflows/seamline-pr-fast.yml'), 'utf8'));
    const setupNode = workflow.jobs['pr-fast'].steps.find((s: WorkflowStep) => String(s.uses).startsWith('actions/setup-node'));
    expect(setupNode.with['node-version']).toBe('20.10');
    const sha = repos.users.shas[7];
    gh.addPull(slugs.users, { number: 21, headSha: sha });
    const event = join(tmp, 'event.json');
    await writeFile(event, JSON.stringify({ action: 'seamline-pr', client_payload: { repo: slugs.users, pr: 21, sha } }));
    const runnerTemp = await mkdtemp(join(tmp, 'runner-'));
    const cache = await startRemoteCache();
    const context: Record<string, string> = {
      'secrets.SEAMLINE_TOKEN': TOKEN,
      'vars.NX_SELF_HOSTED_REMOTE_CACHE_SERVER': cache.url,
      'secrets.SEAMLINE_CACHE_READ_TOKEN': cache.readOnlyToken,
      'secrets.SEAMLINE_CACHE_TOKEN': cache.readWriteToken,
    };
    const steps = workflow.jobs['pr-fast'].steps.filter(isLocalScriptStep);
    expect(steps.map((s: WorkflowStep) => s.name)).toEqual(['Write the dispatch payload', 'Run pr-fast']);
    try {
      for (const step of steps) {
        const r = await runScriptStep(ws, workflow.env, step, context, {
          GITHUB_EVENT_NAME: 'repository_dispatch',
          GITHUB_EVENT_PATH: event,
          RUNNER_TEMP: runnerTemp,
        });
        outputs.push(r.all);
        expect([step.name, r.exitCode]).toEqual([step.name, 0]);
      }
    } finally {
      await cache.close();
    }
    expect(JSON.parse(await readFile(join(runnerTemp, 'payload.json'), 'utf8'))).toEqual({ repo: slugs.users, pr: 21, sha });
    expect(statesOn(slugs.users, sha).map(([state]) => state)).toEqual(['pending', 'success']);
    // The PR's seams asked the cache, and their results were not stored: the workflow gave them the read-only token.
    expect(cache.requests.filter((r) => r.startsWith('GET ')).length).toBeGreaterThan(0);
    expect(cache.requests.filter((r) => r.startsWith('PUT ')).every((r) => r.endsWith(' 403'))).toBe(true);
    expect(cache.artifacts.size).toBe(0);
  });

  it("runs the generated release gate's steps locally: the latest known good passes; a failed run's SHA, an unmerged PR's and a tampered store's each fail with one line", async () => {
    const gen = await nx(['g', '@seamline/nx:ci', '--integrationRepo=acme/integration'], {});
    expect(gen.exitCode).toBe(0);
    const workflow = parse(await readFile(join(ws.root, '.github/workflows/seamline-release-gate.yml'), 'utf8'));
    expect(workflow.permissions).toEqual({ contents: 'read' });
    const steps = workflow.jobs.gate.steps.filter(isLocalScriptStep);
    expect(steps.map((s: WorkflowStep) => s.name)).toEqual(['Ask the known-good store']);

    // A full run that fails (the provider's main has the breaking change), run locally: no record.
    const failed = await nx(['run', 'integration:full'], {});
    expect(failed.exitCode).not.toBe(0);
    const failedSchema = repos.schema.shas[repos.schema.shas.length - 1];
    expect(failed.all).toContain(`schema@${failedSchema.slice(0, 12)}`);
    // A PR never merged: its head is on a branch only, and it passed pr-fast.
    await gitIn(repos.users.dir, ['checkout', '-q', '-b', 'never-merged']);
    const unmerged = await repos.users.commit({ 'CHANGELOG.md': 'an idea nobody merged\n' }, 'users: never merged');
    repos.users.shas.pop();
    await gitIn(repos.users.dir, ['checkout', '-q', 'main']);
    gh.addPull(slugs.users, { number: 31, headSha: unmerged });
    const pr = await nx(['run', 'integration:pr-fast', '--component=users', `--sha=${unmerged}`, '--pr=31']);
    expect(pr.all).toContain('pr-fast passed');

    // The integration repository as the gate checks it out: the store committed, with its history.
    const git = (...args: string[]) => gitIn(ws.root, args);
    await git('init', '-q', '-b', 'main');
    await git('add', '-A');
    await git('commit', '-q', '-m', 'integration workspace');
    const storePath = join(ws.root, 'integration/known-good.jsonl');
    const lines = (await readFile(storePath, 'utf8')).trim().split('\n');
    const latest = JSON.parse(lines[lines.length - 1]);

    const runGate = async (component: string, sha: string) => {
      const temp = await mkdtemp(join(tmp, 'gate-'));
      const files = { GITHUB_OUTPUT: join(temp, 'output'), GITHUB_STEP_SUMMARY: join(temp, 'summary.md') };
      await Promise.all(Object.values(files).map((f) => writeFile(f, '')));
      const r = await runScriptStep(ws, workflow.env, steps[0], { 'inputs.component': component, 'inputs.sha': sha }, { ...files, RUNNER_TEMP: temp });
      outputs.push(r.all);
      const errors = r.all.split('\n').filter((l) => l.startsWith('::error'));
      return { exitCode: r.exitCode, errors, output: await readFile(files.GITHUB_OUTPUT, 'utf8'), summary: await readFile(files.GITHUB_STEP_SUMMARY, 'utf8') };
    };
    const latestLine = `the latest known good %s is %s (line ${lines.length}, ${latest.timestamp})`;
    const instead = (c: string) => latestLine.replace('%s', c).replace('%s', latest.tuple[c]);

    // The latest known good, named by the component's repository as a component's release workflow passes it.
    const pass = await runGate(slugs.users, latest.tuple.users);
    expect([pass.exitCode, pass.errors]).toEqual([0, []]);
    const record = JSON.parse(/^record=(.*)$/m.exec(pass.output)![1]);
    expect(record).toMatchObject({
      line: lines.length,
      suite: 'full',
      timestamp: latest.timestamp,
      manifest_sha256: latest.manifest_sha256,
      tuple: latest.tuple,
    });
    expect(pass.summary).toContain(`users@${latest.tuple.users.slice(0, 12)} can be released: verified by known-good line ${lines.length} (suite full`);

    const fromFailedRun = await runGate('schema', failedSchema);
    expect(fromFailedRun.exitCode).not.toBe(0);
    expect(fromFailedRun.errors).toEqual([
      `::error title=seamline release gate::schema@${failedSchema.slice(0, 12)} cannot be released: it is not part of any tuple that passed the full suite; ${instead('schema')}`,
    ]);
    expect(fromFailedRun.output).toBe('');

    const fromUnmergedPr = await runGate(slugs.users, unmerged);
    expect(fromUnmergedPr.exitCode).not.toBe(0);
    expect(fromUnmergedPr.errors).toEqual([
      `::error title=seamline release gate::users@${unmerged.slice(0, 12)} cannot be released: it is not part of any tuple that passed the full suite; ${instead('users')}`,
    ]);

    // Tampered: the first record rewritten to name the unmerged head, every prev re-chained so the chain
    // alone verifies, and committed. Only the store's git history can tell.
    const forged = [...lines];
    forged[0] = JSON.stringify({ ...JSON.parse(forged[0]), tuple: { ...JSON.parse(forged[0]).tuple, users: unmerged } });
    for (let i = 1; i < forged.length; i++) forged[i] = JSON.stringify({ ...JSON.parse(forged[i]), prev: sha256(forged[i - 1]) });
    await writeFile(storePath, `${forged.join('\n')}\n`);
    await git('commit', '-q', '-am', 'known good, as a forger tells it');
    const forgedCommit = (await git('rev-parse', 'HEAD')).slice(0, 12);
    const tampered = await runGate(slugs.users, unmerged);
    expect(tampered.exitCode).not.toBe(0);
    expect(tampered.errors).toEqual([
      expect.stringMatching(
        new RegExp(
          `^::error title=seamline release gate::users@${unmerged.slice(0, 12)} cannot be released: the known-good store does not verify: integration/known-good\\.jsonl:1: commit ${forgedCommit}: line 1 was changed \\(a record edited, replaced or re-chained\\), compared with commit [0-9a-f]{12}: committed history was rewritten$`,
        ),
      ),
    ]);
    expect(tampered.output).toBe('');
  });

  it('no token and no Authorization header appear in any output or artifact', async () => {
    const files: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) await walk(path);
        else if ((await stat(path)).size < 5_000_000) files.push(path);
      }
    };
    await walk(join(ws.root, '.seamline/runs'));
    expect(files.length).toBeGreaterThan(20);
    const texts = [...outputs, ...(await Promise.all(files.map((f) => readFile(f, 'utf8'))))];
    expect(outputs.length).toBeGreaterThanOrEqual(9);
    for (const text of texts) {
      expect(text).not.toContain(TOKEN);
      expect(text.toLowerCase()).not.toContain('authorization');
    }
    // The token did reach GitHub, where it belongs.
    expect(gh.requests.some((q) => q.headers.authorization === `token ${TOKEN}`)).toBe(true);
  });
});
