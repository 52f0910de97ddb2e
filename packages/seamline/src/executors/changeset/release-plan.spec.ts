import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { logger } from '../../terminal/logger';
import { createRepo, type TestRepo } from '../../__fixtures__/git-repos';
import { executorContext, fixtureWorkspace } from '../../__fixtures__/workspace';
import combine from '../combine/executor';
import changeset from './executor';

// Real git and real checkouts: seconds on a busy 2-core machine.
jest.setTimeout(60_000);

/** A changeset of a provider and its consumer that passed: the plan in its output and its summary.md. */
describe('changeset merge and release plan', () => {
  let repos: string;
  let schema: TestRepo;
  let users: TestRepo;
  let root: string;
  let infos: string[];
  const token = process.env.GITHUB_TOKEN;

  beforeAll(async () => {
    repos = await mkdtemp(join(tmpdir(), 'seamline-plan-repos-'));
    schema = await createRepo(repos, 'schema', [
      { 'package.json': '{"name":"@acme/schema","version":"1.3.0"}' },
      { 'package.json': '{"name":"@acme/schema","version":"1.4.0"}', 'index.js': 'module.exports = { accessToken: true };' },
    ]);
    users = await createRepo(repos, 'users', [{ 'package.json': '{"name":"@acme/users","version":"2.0.0","dependencies":{"@acme/schema":"1.3.0"}}' }]);
  });
  afterAll(() => rm(repos, { recursive: true, force: true }));
  beforeEach(async () => {
    delete process.env.GITHUB_TOKEN;
    infos = [];
    jest.spyOn(logger, 'info').mockImplementation((m) => void infos.push(String(m)));
    jest.spyOn(logger, 'error').mockImplementation(() => undefined);
    root = await fixtureWorkspace({
      'integration/seamline.yaml': 'subsets:\n  pr_fast:\n    seams: all\n    budget: 10m\n',
      // The consumer is listed first: the plan still puts the provider first.
      'components/users/component.yaml': `repo: ${users.url}\ndependsOn: [schema]\nprovides: { npm: "@acme/users" }\nprepare: []\n`,
      'components/schema/component.yaml': `repo: ${schema.url}\nprovides: { npm: "@acme/schema" }\nprepare: []\n`,
    });
  });
  afterEach(async () => {
    if (token !== undefined) process.env.GITHUB_TOKEN = token;
    jest.restoreAllMocks();
    await rm(root, { recursive: true, force: true });
  });

  it('prints the plan providers first, with the provider version the consumer must depend on, and writes it into summary.md', async () => {
    const result = await changeset({ prs: `users#12@${users.shas[0]},schema#11@${schema.shas[1]}` }, executorContext(root));
    expect(result).toMatchObject({ success: true, verdict: 'pass' });
    const at = infos.indexOf('Merge and release plan (providers first):');
    expect(at).toBeGreaterThanOrEqual(0);
    expect(infos.slice(at + 1, at + 3)).toEqual([
      `  1. schema#11 (${schema.shas[1].slice(0, 12)}): merge and release`,
      `  2. users#12 (${users.shas[0].slice(0, 12)}): once schema is released, depend on @acme/schema@1.4.0; then merge and release`,
    ]);
    const summary = await readFile(join(result.runDir as string, 'summary.md'), 'utf8');
    expect(summary).toContain('### Merge and release plan');
    expect(summary.indexOf('**schema** #11')).toBeLessThan(summary.indexOf('**users** #12'));
    expect(summary).toContain('depend on `@acme/schema@1.4.0`; then merge and release.');
  });

  it('a changeset run in shards gets the same plan from combine, and the shards none', async () => {
    const prs = `users#12@${users.shas[0]},schema#11@${schema.shas[1]}`;
    expect((await changeset({ prs, plan: 'plan', shards: 2 }, executorContext(root))).success).toBe(true);
    const runs: string[] = [];
    for (const shard of ['1/2', '2/2']) {
      const result = await changeset({ manifest: 'plan/manifest.yaml', shard }, executorContext(root));
      expect(result.success).toBe(true);
      runs.push(String(result.runDir));
    }
    expect(infos).not.toContain('Merge and release plan (providers first):');

    const combined = await combine({ runs }, executorContext(root));
    expect(combined).toMatchObject({ success: true, verdict: 'pass' });
    const at = infos.indexOf('Merge and release plan (providers first):');
    expect(infos.slice(at + 1, at + 3)).toEqual([
      `  1. schema#11 (${schema.shas[1].slice(0, 12)}): merge and release`,
      `  2. users#12 (${users.shas[0].slice(0, 12)}): once schema is released, depend on @acme/schema@1.4.0; then merge and release`,
    ]);
    expect(await readFile(join(String(combined.runDir), 'summary.md'), 'utf8')).toContain('### Merge and release plan');
  });

  it('no plan when the PRs do not depend on one another', async () => {
    await rm(join(root, 'components/users/component.yaml'));
    const result = await changeset({ prs: `schema#11@${schema.shas[1]}` }, executorContext(root));
    expect(result.success).toBe(true);
    expect(infos).not.toContain('Merge and release plan (providers first):');
    expect(await readFile(join(result.runDir as string, 'summary.md'), 'utf8')).not.toContain('Merge and release plan');
  });
});
