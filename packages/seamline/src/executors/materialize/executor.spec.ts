import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { logger } from '../../terminal/logger';
import { createRepo, type TestRepo } from '../../__fixtures__/git-repos';
import { executorContext, FIXTURE_FILES, fixtureRun, fixtureWorkspace } from '../../__fixtures__/workspace';
import { checkoutDir } from '../../workspace/layout';
import manifestExecutor from '../manifest/executor';
import recordKnownGood from '../record-known-good/executor';
import verifyExecutor from '../verify/executor';
import materializeExecutor from './executor';

jest.setTimeout(60_000);

describe('materialize and verify executors', () => {
  let root: string;
  let infos: string[];
  let errors: string[];
  const repos: Record<string, TestRepo> = {};

  beforeEach(async () => {
    root = await fixtureWorkspace();
    for (const name of ['auth', 'users', 'billing']) {
      repos[name] = await createRepo(join(root, '..', `${root.split('/').pop()}-remotes`), name, [
        { 'package.json': `{"name":"@acme/${name}"}`, 'test.js': `console.log('${name} ok')` },
        { 'test.js': 'process.exit(3)' },
      ]);
      const file = `components/${name}/component.yaml`;
      await writeFile(join(root, file), FIXTURE_FILES[file].replace(/repo: \S+/, `repo: ${repos[name].url}`) + 'test: [node, test.js]\n');
    }
    infos = [];
    errors = [];
    jest.spyOn(logger, 'info').mockImplementation((m) => void infos.push(String(m)));
    jest.spyOn(logger, 'error').mockImplementation((m) => void errors.push(String(m)));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
    await rm(`${root}-remotes`, { recursive: true, force: true });
  });

  const recordFirstCommits = async () => {
    const main = Object.entries(repos).map(([n, r]) => `${n}@${r.shas[0]}`);
    await manifestExecutor({ kind: 'full', main, out: 'full.yaml' }, executorContext(root));
    await recordKnownGood({ manifest: await fixtureRun(root, 'full.yaml', 'full-1') }, executorContext(root));
  };

  it('with no manifest, materializes the last known-good tuple, one line per component', async () => {
    await recordFirstCommits();
    infos = [];
    const result = await materializeExecutor({}, executorContext(root));
    expect(result.success).toBe(true);
    expect(infos[0]).toBe('Materializing 3 pins:');
    expect(infos.filter((l) => /^ {2}✓ \w+\s+[0-9a-f]{12} {2}fetched/.test(l))).toHaveLength(3);
    expect(infos[infos.length - 1]).toMatch(/^Done in [\d.]+s: 3 fetched, 0 cached\.$/);
    expect(result.checkouts).toEqual(Object.fromEntries(Object.entries(repos).map(([n, r]) => [n, checkoutDir(root, n, r.shas[0])])));
  });

  it('materializes one component at an explicit SHA', async () => {
    const result = await materializeExecutor({ component: 'users', sha: repos.users.shas[1] }, executorContext(root));
    expect(result.success).toBe(true);
    expect(await readFile(join(checkoutDir(root, 'users', repos.users.shas[1]), 'test.js'), 'utf8')).toBe('process.exit(3)');
  });

  it('says what to do when there is no known good yet', async () => {
    expect((await materializeExecutor({}, executorContext(root))).success).toBe(false);
    expect(errors).toEqual(['integration/known-good.jsonl: no known-good full tuple yet; pass --manifest=<file>']);
  });

  it('verify runs the component test command in its checkout, and names a failing SHA', async () => {
    const ok = await verifyExecutor({ component: 'users', sha: repos.users.shas[0] }, executorContext(root));
    expect(ok.success).toBe(true);
    expect(infos).toContain(`users@${repos.users.shas[0].slice(0, 12)} passes its own verification.`);
    const bad = await verifyExecutor({ component: 'users', sha: repos.users.shas[1] }, executorContext(root));
    expect(bad.success).toBe(false);
    expect(errors).toEqual([`users@${repos.users.shas[1].slice(0, 12)}: \`node test.js\` exited with 3; the component fails its own verification at this SHA`]);
  });

  it('verify defaults to the known-good SHA, then to the branch head', async () => {
    expect((await verifyExecutor({ component: 'auth' }, executorContext(root))).success).toBe(false); // head: exit 3
    await recordFirstCommits();
    expect((await verifyExecutor({ component: 'auth' }, executorContext(root))).success).toBe(true);
  });
});
