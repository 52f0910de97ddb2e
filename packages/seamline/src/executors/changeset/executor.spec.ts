import { rm } from 'node:fs/promises';
import { logger } from '../../terminal/logger';
import { executorContext, fixtureWorkspace } from '../../__fixtures__/workspace';
import changeset from './executor';

/** What changeset refuses before it fetches anything; the runs are in e2e/src/runs.spec.ts and github.spec.ts. */
describe('changeset executor', () => {
  let root: string;
  let errors: string[];
  const token = process.env.GITHUB_TOKEN;
  const run = (options: Parameters<typeof changeset>[0]) => changeset(options, executorContext(root));

  beforeEach(async () => {
    delete process.env.GITHUB_TOKEN;
    root = await fixtureWorkspace();
    errors = [];
    jest.spyOn(logger, 'error').mockImplementation((m) => void errors.push(String(m)));
    jest.spyOn(logger, 'info').mockImplementation(() => undefined);
  });
  afterEach(async () => {
    if (token !== undefined) process.env.GITHUB_TOKEN = token;
    jest.restoreAllMocks();
    await rm(root, { recursive: true, force: true });
  });

  it('without GitHub, a name alone cannot find the PRs: says to set GITHUB_TOKEN or list them', async () => {
    expect((await run({ name: 'rename' })).success).toBe(false);
    expect(errors).toEqual(['changeset "rename": finding its PRs by label needs GitHub (set GITHUB_TOKEN), or name them with --prs=component#n,...']);
  });

  it('asks for a name or PRs', async () => {
    expect((await run({})).success).toBe(false);
    expect(errors).toEqual(['changeset: expected --name=<changeset> (PRs labelled changeset:<name>) or --prs=component#n,...']);
  });

  it('refuses an unknown component and a malformed PR', async () => {
    expect((await run({ prs: 'ghost#1' })).success).toBe(false);
    expect((await run({ prs: 'users#x' })).success).toBe(false);
    expect(errors).toEqual([
      '--prs: unknown component "ghost" (declared: auth, billing, users)',
      '--prs: expected component#<pr number>[@<sha>] (e.g. auth#17), got "users#x"',
    ]);
  });
});
