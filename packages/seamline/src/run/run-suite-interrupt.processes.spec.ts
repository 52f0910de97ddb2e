import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRepo } from '../__fixtures__/git-repos';
import { fixtureWorkspace } from '../__fixtures__/workspace';

/**
 * Ctrl-C in the middle of a run, as a terminal sends it: SIGINT to the whole process group
 * (the executor's process and the prepare it started). The built plugin runs in a child
 * process of its own group (the test target depends on `build`).
 */
const dist = resolve(__dirname, '../../../../dist/packages/seamline');
const child = join(__dirname, '__fixtures__', 'full-run-child.cjs');
jest.setTimeout(120_000);

describe('a run interrupted by Ctrl-C', () => {
  let repos: string;
  let root: string;
  beforeAll(() => {
    if (!existsSync(join(dist, 'src/executors/full/executor.js'))) throw new Error(`${dist} is missing: run \`npx nx build seamline\` first`);
  });
  afterAll(async () => {
    await rm(repos, { recursive: true, force: true });
    await rm(root, { recursive: true, force: true });
  });

  it('stops at its next step, writes its results marked interrupted, blames no commit and records nothing', async () => {
    repos = await mkdtemp(join(tmpdir(), 'seamline-interrupt-repos-'));
    // A prepare that says it started, then takes far longer than the test waits: only the signal ends it.
    const slow = await createRepo(repos, 'slow', [{ 'prepare.js': "require('node:fs').writeFileSync('started', '');\nsetTimeout(() => {}, 600_000);\n" }]);
    root = await fixtureWorkspace({
      'integration/seamline.yaml': 'subsets:\n  full:\n    seams: all\n    budget: 1h\n',
      'components/slow/component.yaml': `repo: ${slow.url}\nprepare:\n  - [node, prepare.js]\n`,
    });
    const { execa } = await import('execa');
    const run = execa('node', [child, root], { env: { SEAMLINE_DIST: dist, NO_COLOR: '1' }, detached: true, reject: false, all: true });
    let output = '';
    run.all?.on('data', (chunk: Buffer) => void (output += chunk.toString()));
    // The signal comes while the prepare runs, as a Ctrl-C in the middle of one would.
    const started = join(root, '.seamline/checkouts', `slow@${slow.shas[0]}`, 'started');
    for (let i = 0; i < 600 && !existsSync(started) && run.exitCode === null; i++) await new Promise((r) => setTimeout(r, 100));
    expect(existsSync(started)).toBe(true);
    expect(output).toContain('Preparing 1 pin: slow@');
    process.kill(-run.pid!, 'SIGINT');
    const ended = await Promise.race([run, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 60_000).unref())]);
    if (ended === 'hung') process.kill(-run.pid!, 'SIGKILL');
    expect(ended).not.toBe('hung');

    const [runId] = await readdir(join(root, '.seamline/runs'));
    const results = JSON.parse(await readFile(join(root, '.seamline/runs', runId, 'results.json'), 'utf8'));
    expect(results).toMatchObject({ verdict: 'fail', interrupted: 'SIGINT', seams: [] });
    expect(results.reason).toBe('interrupted by SIGINT before it finished: nothing was tested to the end and nothing is to blame; run it again');
    expect(results.prepare_failure).toBeUndefined();
    expect(await readFile(join(root, '.seamline/runs', runId, 'summary.md'), 'utf8')).toContain('interrupted by SIGINT');
    expect(existsSync(join(root, 'integration/known-good.jsonl'))).toBe(false);
    expect(existsSync(join(root, '.seamline/runs', runId, 'failure-report.md'))).toBe(false);

    const lines = output.split('\n');
    expect(lines).toContain('SIGINT: stopping the run at its next step and writing what it did (Ctrl-C again, a second later, stops at once)');
    expect(lines).toContain(
      `Run ${runId}: interrupted by SIGINT before it finished: nothing was tested to the end and nothing is to blame; run it again (what it did: .seamline/runs/${runId})`,
    );
    expect(output).not.toMatch(/failed to prepare|full failed/);
    // The executor says which signal, so `seamline run` can end with 130 as `nx run` does.
    expect(lines).toContain('RESULT {"success":false,"interrupted":"SIGINT"}');
  });
});
