import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { logger } from '../../terminal/logger';
import { createRepo, type TestRepo } from '../../__fixtures__/git-repos';
import { executorContext, fixtureWorkspace } from '../../__fixtures__/workspace';
import full from '../full/executor';
import combine from './executor';

/**
 * combine without Nx: the subset selects no seam, so the plan and its shards are
 * materialize, prepare and render against real git repositories; what combine does
 * with their runs (refuse, record) is what these specs check. Seams running as Nx
 * tasks in shards are in e2e/src/shards.spec.ts.
 */
jest.setTimeout(60_000);

describe('combine executor', () => {
  let repos: string;
  let auth: TestRepo;
  let root: string;
  let lines: { info: string[]; error: string[] };

  const runDir = (prefix: string) => {
    const line = [...lines.info, ...lines.error].reverse().find((l) => l.startsWith(prefix)) ?? '';
    return /artifacts in (\S+)$/.exec(line)?.[1] ?? '';
  };
  const records = async () =>
    existsSync(join(root, 'integration/known-good.jsonl')) ? (await readFile(join(root, 'integration/known-good.jsonl'), 'utf8')).trim().split('\n') : [];
  const shards = async (plan: string, count: number) => {
    const dirs: string[] = [];
    for (let i = 1; i <= count; i++) {
      expect((await full({ manifest: `${plan}/manifest.yaml`, shard: `${i}/${count}` }, executorContext(root))).success).toBe(true);
      dirs.push(runDir(`full shard ${i}/${count} passed`));
    }
    return dirs;
  };

  beforeAll(async () => {
    repos = await mkdtemp(join(tmpdir(), 'seamline-combine-repos-'));
    auth = await createRepo(repos, 'auth', [{ 'index.js': 'module.exports = 1;' }]);
  });
  afterAll(() => rm(repos, { recursive: true, force: true }));
  beforeEach(async () => {
    lines = { info: [], error: [] };
    jest.spyOn(logger, 'info').mockImplementation((...m: unknown[]) => void lines.info.push(String(m[0])));
    jest.spyOn(logger, 'error').mockImplementation((...m: unknown[]) => void lines.error.push(String(m[0])));
    jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    root = await fixtureWorkspace({
      'integration/seamline.yaml': 'subsets:\n  full:\n    seams: all\n    budget: 1h\n',
      'components/auth/component.yaml': `repo: ${auth.url}\n`,
    });
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await rm(root, { recursive: true, force: true });
  });

  it("combines every shard of a plan into one run and records it once, with the plan's manifest", async () => {
    expect((await full({ plan: 'plan', shards: 2 }, executorContext(root))).success).toBe(true);
    const plan = JSON.parse(await readFile(join(root, 'plan/shards.json'), 'utf8'));
    expect(plan).toMatchObject({ count: 2, by: 'count', shards: [[], []] });
    const dirs = await shards('plan', 2);
    expect(await records()).toEqual([]);

    const result = await combine({ runs: dirs }, executorContext(root));
    expect(result).toMatchObject({ success: true, verdict: 'pass' });
    const [record] = (await records()).map((l) => JSON.parse(l));
    expect(record).toMatchObject({ manifest_sha256: plan.manifest_sha256, tuple: { auth: auth.shas[0] }, suite: 'full' });
    const results = JSON.parse(await readFile(join(String(result.runDir), 'results.json'), 'utf8'));
    expect(results).toMatchObject({ shards: { count: 2 }, not_selected: 0, verdict: 'pass' });
    expect(existsSync(join(String(result.runDir), 'shards/2/results.json'))).toBe(true);
  });

  it('refuses a missing shard and a shard of another shard count in one line, and writes nothing', async () => {
    await full({ plan: 'plan', shards: 2 }, executorContext(root));
    const dirs = await shards('plan', 2);
    await full({ plan: 'plan3', shards: 3 }, executorContext(root));
    const three = await shards('plan3', 3);

    expect((await combine({ runs: dirs[0] }, executorContext(root))).success).toBe(false);
    expect(lines.error.at(-1)).toMatch(
      /^--runs: shard\(s\) 2\/2 missing \(found 1\/2 of manifest [0-9a-f]{12}\); pass every shard's run directory; nothing combined$/,
    );
    expect((await combine({ runs: [dirs[0], three[1]] }, executorContext(root))).success).toBe(false);
    // Both plans pin the same tuple, so the manifests match: the shard count tells them apart.
    expect(lines.error.at(-1)).toBe(`${three[1]}/results.json: shard 2/3 is one of 3 shards, but ${dirs[0]}/results.json is one of 2; nothing combined`);
    expect(await records()).toEqual([]);
  });

  it("with --plan, refuses the shards of another plan's manifest, naming both", async () => {
    await full({ plan: 'plan-a', shards: 2 }, executorContext(root));
    const dirs = await shards('plan-a', 2);
    const moved = await auth.commit({ 'index.js': 'module.exports = 2;' }, 'a merge meanwhile');
    await full({ plan: 'plan-b', shards: 2 }, executorContext(root));
    const [a, b] = await Promise.all(['plan-a', 'plan-b'].map(async (p) => JSON.parse(await readFile(join(root, p, 'shards.json'), 'utf8')).manifest_sha256));
    expect(a).not.toBe(b);

    expect((await combine({ runs: dirs, plan: 'plan-b' }, executorContext(root))).success).toBe(false);
    expect(lines.error.at(-1)).toBe(`--plan: the shards ran manifest ${a.slice(0, 12)}, not the plan's ${b.slice(0, 12)} (plan-b); nothing combined`);
    expect(await records()).toEqual([]);
    expect((await combine({ runs: dirs, plan: 'plan-a' }, executorContext(root))).success).toBe(true);
    expect((await records()).map((l) => JSON.parse(l).tuple)).toEqual([{ auth: auth.shas[0] }]);
    expect(moved).not.toBe(auth.shas[0]);
  });

  it('refuses --plan with --shard, and --shards without --plan, before anything runs', async () => {
    expect((await full({ plan: 'plan', shard: '1/2' }, executorContext(root))).success).toBe(false);
    expect((await full({ shards: 2 }, executorContext(root))).success).toBe(false);
    expect((await full({ manifest: 'plan/manifest.yaml', main: `auth@${auth.shas[0]}` }, executorContext(root))).success).toBe(false);
    expect(lines.error).toEqual([
      '--plan and --shard: the plan runs no seam; run each shard with --manifest=<plan>/manifest.yaml --shard=i/n',
      '--shards: only with --plan=<dir> (how many shards the plan splits the seams into)',
      "--main and --manifest: a shard runs the plan's manifest as it is; leave out --main",
    ]);
    expect(existsSync(join(root, '.seamline'))).toBe(false);
  });
});
