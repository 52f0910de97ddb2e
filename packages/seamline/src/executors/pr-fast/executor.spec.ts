import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { logger } from '../../terminal/logger';
import { executorContext, fixtureWorkspace } from '../../__fixtures__/workspace';
import prFast from './executor';

/** What pr-fast refuses before it fetches anything; the runs are in e2e/src/runs.spec.ts and github.spec.ts. */
describe('pr-fast executor', () => {
  let root: string;
  let errors: string[];
  const run = (options: Parameters<typeof prFast>[0]) => prFast(options, executorContext(root));

  beforeEach(async () => {
    root = await fixtureWorkspace();
    errors = [];
    jest.spyOn(logger, 'error').mockImplementation((m) => void errors.push(String(m)));
    jest.spyOn(logger, 'info').mockImplementation(() => undefined);
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await rm(root, { recursive: true, force: true });
  });

  it('asks for a component and SHA, or a payload', async () => {
    expect((await run({})).success).toBe(false);
    expect(errors).toEqual(['pr-fast: expected --component=<name> and --sha=<40-hex PR head SHA>, or --payload=<file>']);
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
