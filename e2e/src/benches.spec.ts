import { resolve } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

/**
 * The benches that call the built plugin's modules directly (not through `nx`) break
 * silently when those modules change: bench/scale's store part, merged after `--can-release`'s
 * answer changed shape, threw on its first round on main and gave no figure.
 * Each runs here once, at small sizes, and must get to its result lines; the benches
 * check their own results (a store that verifies, the records a report read, a planner
 * within its bound) and throw otherwise. The timings are not looked at.
 */
const repoRoot = resolve(__dirname, '../..');

async function bench(script: string, env: Record<string, string>) {
  const { execa } = await import('execa');
  const result = await execa(process.execPath, [script], { cwd: repoRoot, env: { BENCH_ROUNDS: '1', ...env }, reject: false, all: true });
  if (result.exitCode !== 0) throw new Error(`${script} exited with ${result.exitCode}:\n${result.all}`);
  // CI sets CI=true, and a bench that prints a value with console.log of a boolean colours it.
  return stripVTControlCharacters(result.all ?? '');
}

describe('benches that use the built plugin directly still run', () => {
  it('bench/scale: the store, selection, the bookkeeping of a run and warm materialization at small sizes', async () => {
    const out = await bench('bench/scale/run.mjs', { BENCH_STORE_SIZES: '20,40', BENCH_SEAM_COUNTS: '20,40', BENCH_PIN_COUNTS: '2,4' });
    for (const line of [
      'append ',
      '--verify ',
      '--latest ',
      '--can-release ',
      'prune (keep half) ',
      'loadWorkspace ',
      'select + build manifest ',
      'warm, per pin',
    ])
      expect(out).toMatch(new RegExp(`${line.replace(/[()+-]/g, '\\$&')}.*k = -?\\d`));
  });

  it('bench/bisect: the planner on its cases', async () => {
    const out = await bench('bench/bisect/run.mjs', { BENCH_RANDOM: '1' });
    expect(out).toContain('planner worst never exceeded the bound: true');
  });

  it('bench/prepare: four npm components prepared one after another and side by side (npm registry)', async () => {
    const out = await bench('bench/prepare/run.mjs', { BENCH_PARTS: 'cached' });
    expect(out).toMatch(/cached npm cache, median of 1 rounds \(ms\): one after another \d+, side by side \(\d at once\) \d+: \d+\.\d+x faster/);
  });

  it('bench/report: buildReport on 10,000 records and 500 runs', async () => {
    const out = await bench('bench/report/run.mjs', { BENCH_BROWSER: '0' });
    expect(out).toMatch(/buildReport vs read\+parse: \d+\.\d+x the time/);
  });
});
