import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { logger } from '../../terminal/logger';
import { createRepo, gitIn } from '../../__fixtures__/git-repos';
import { executorContext, fixtureWorkspace } from '../../__fixtures__/workspace';
import { closedPort } from '@seamline/fake-github';
import full from '../full/executor';
import prFast from './executor';

// Real git repositories and two runs that ask them for refs: under 1 s alone, past jest's 5 s while CI's e2e runs beside it.
jest.setTimeout(30_000);

/**
 * What pr-fast refuses before it fetches anything, which SHA it tests, and a run the network
 * stops at its first fetch (no seam runs, so no Nx); the runs of seams are in
 * e2e/src/runs.spec.ts and github.spec.ts.
 */
describe('pr-fast executor', () => {
  let root: string;
  let errors: string[];
  let infos: string[];
  const run = (options: Parameters<typeof prFast>[0]) => prFast(options, executorContext(root));

  beforeEach(async () => {
    root = await fixtureWorkspace();
    errors = [];
    infos = [];
    jest.spyOn(logger, 'error').mockImplementation((m) => void errors.push(String(m)));
    jest.spyOn(logger, 'info').mockImplementation((m) => void infos.push(String(m)));
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await rm(root, { recursive: true, force: true });
  });

  /** The workspace made again with auth and users as real repositories in `dir`; their repositories. */
  async function workspaceOfLocalRepos(dir: string) {
    const auth = await createRepo(dir, 'auth', [{ 'package.json': '{"name":"@acme/auth"}' }]);
    const users = await createRepo(dir, 'users', [{ 'package.json': '{"name":"@acme/users"}' }]);
    await rm(root, { recursive: true, force: true });
    root = await fixtureWorkspace({
      'integration/seamline.yaml': 'subsets:\n  pr_fast:\n    seams: all\n    budget: 10m\n  full:\n    seams: all\n    budget: 1h\n',
      'components/auth/component.yaml': `repo: ${auth.url}\n`,
      'components/users/component.yaml': `repo: ${users.url}\ndependsOn: [auth]\n`,
    });
    return { auth, users };
  }

  it('a pin the network keeps from git fails the run blaming nobody: results.json and the terminal say so, and what to do', async () => {
    const repos = await mkdtemp(join(tmpdir(), 'seamline-pr-fast-repos-'));
    try {
      const { users } = await workspaceOfLocalRepos(repos);
      // A known good for auth to come from, then a runner with nothing cached whose network cannot reach auth.
      expect((await full({}, executorContext(root))).success).toBe(true);
      await rm(join(root, '.seamline'), { recursive: true, force: true });
      const away = `http://127.0.0.1:${await closedPort()}/auth.git`;
      await writeFile(join(root, 'components/auth/component.yaml'), `repo: ${away}\n`);
      errors = [];

      expect((await run({ component: 'users', sha: users.shas[0] })).success).toBe(false);
      const [dir] = await readdir(join(root, '.seamline/runs'));
      const results = JSON.parse(await readFile(join(root, '.seamline/runs', dir, 'results.json'), 'utf8'));
      const line = `auth: cannot reach ${away} after 3 attempts`;
      expect(results.unreachable).toMatch(
        new RegExp(`^${line.replace(/[.]/g, '\\.')} \\(.+\\); check the network or "repo" in components/auth/component\\.yaml$`),
      );
      expect(results).toMatchObject({
        verdict: 'fail',
        reason: `${results.unreachable}; nothing was tested and no commit is to blame: run again later`,
        seams: [],
      });
      expect(errors.some((e) => e.startsWith(`pr-fast failed: ${results.reason}`))).toBe(true);
      // Said twice, not three times: on auth's progress line as it happens, and in the run's last line.
      expect(infos.filter((i) => i.includes(line))).toEqual([expect.stringMatching(/^ {2}✗ auth /)]);
      expect(errors.filter((e) => e.includes(line))).toHaveLength(1);
    } finally {
      await rm(repos, { recursive: true, force: true });
    }
  });

  it('a machine whose checkouts cannot be placed (a node_modules above their folder) stops before the run, in one line: no run, nothing blamed', async () => {
    const above = await mkdtemp(join(tmpdir(), 'seamline-pr-fast-above-'));
    const saved = process.env.SEAMLINE_CHECKOUTS_DIR;
    try {
      const { users } = await workspaceOfLocalRepos(above);
      await mkdir(join(above, 'node_modules'));
      process.env.SEAMLINE_CHECKOUTS_DIR = join(above, 'cache');
      expect((await run({ component: 'users', sha: users.shas[0] })).success).toBe(false);
      expect(errors).toEqual([
        `${join(above, 'node_modules')} is at or above ${join(above, 'cache')}, where this workspace's checkouts live: Node, TypeScript and npm in every checkout would find its packages; remove it, or set SEAMLINE_CHECKOUTS_DIR to a folder with no node_modules above it`,
      ]);
      expect(existsSync(join(root, '.seamline/runs'))).toBe(false);
    } finally {
      process.env.SEAMLINE_CHECKOUTS_DIR = saved;
      await rm(above, { recursive: true, force: true });
    }
  });

  it('asks for a component with a SHA or a PR number, or a payload', async () => {
    expect((await run({})).success).toBe(false);
    expect((await run({ component: 'auth' })).success).toBe(false);
    const needs = 'pr-fast: expected --component=<name> with --sha=<40-hex PR head SHA> or --pr=<number>, or --payload=<file>';
    expect(errors).toEqual([needs, needs]);
  });

  it('with --pr and no --sha, tests the head GitHub keeps at refs/pull/<n>/head; a PR with none is named', async () => {
    const repos = await mkdtemp(join(tmpdir(), 'seamline-pr-head-'));
    try {
      const auth = await createRepo(repos, 'auth', [{ 'package.json': '{"name":"@acme/auth"}' }, { 'index.js': 'module.exports = 1;' }]);
      await gitIn(auth.dir, ['update-ref', 'refs/pull/17/head', auth.shas[0]]);
      await rm(root, { recursive: true, force: true });
      root = await fixtureWorkspace({
        'integration/seamline.yaml': 'subsets:\n  pr_fast:\n    seams: []\n    budget: 10m\n',
        'components/auth/component.yaml': `repo: ${auth.url}\n`,
      });
      const plan = join(root, 'plan');
      expect((await run({ component: 'auth', pr: 17, plan })).success).toBe(true);
      const manifest = parse(await readFile(join(plan, 'manifest.yaml'), 'utf8'));
      expect(manifest.component_under_test).toMatchObject({ name: 'auth', sha: auth.shas[0], pr: 17 });
      expect(infos).toContain(`auth#17: head ${auth.shas[0]} (refs/pull/17/head)`);

      expect((await run({ component: 'auth', pr: 18, plan: join(root, 'plan-18') })).success).toBe(false);
      expect(errors).toEqual([`auth: PR #18 does not exist in ${auth.url} (no refs/pull/18/head); pass its head SHA as --sha=<40-hex SHA>`]);
    } finally {
      await rm(repos, { recursive: true, force: true });
    }
  });

  it('refuses a payload that is not JSON, names an undeclared repository, or carries a short SHA', async () => {
    await writeFile(join(root, 'text.json'), 'repo=acme/users');
    await writeFile(join(root, 'evil.json'), JSON.stringify({ repo: 'evil/users', pr: 1, sha: 'a'.repeat(40) }));
    await writeFile(join(root, 'short.json'), JSON.stringify({ repo: 'acme/users', pr: 1, sha: 'abc1234' }));
    for (const file of ['text.json', 'evil.json', 'short.json']) expect((await run({ payload: file })).success).toBe(false);
    expect(errors[0]).toBe('text.json: expected a JSON object {"repo", "pr", "sha"}, got text that is not JSON');
    expect(errors[1]).toBe(
      'evil.json: field "repo": "evil/users" is not a declared component repository; nothing was fetched (declared: acme/auth, acme/billing, acme/users)',
    );
    expect(errors[2]).toMatch(/^short\.json: field "sha": expected a full 40-character hex commit SHA/);
    expect(errors).toHaveLength(3);
  });
});
