#!/usr/bin/env node
// bench/seams: what running a seam costs on top of its own command. 10 seams whose command
// is a trivial `node -e` run by `nx run-many -t test --skip-nx-cache --parallel=3` (as a
// Seamline run runs them, every one a cache miss), three ways, alternating, in one process:
//
//   inferred:    the seams' targets as Seamline infers them (an nx:run-commands target that
//                runs the plugin's `seamline-seam` bin, which runs the command without a shell)
//   run-commands: the same commands as plain nx:run-commands targets in project.json files
//                (a shell string written by hand): the cheapest way Nx runs a command, the baseline
//   executor:    the same commands through the `@seamline/nx:seam` executor (project.json),
//                which is how inferred seams ran before: Nx forks an executor process per task
//
// The result is each way's median against the baseline's, and the cost per seam above it.
// Needs a built plugin: npm run bench:seams. BENCH_ROUNDS (default 5), BENCH_SEAMS (default 10).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runNx } from '../../tools/lib/linked-workspace.mjs';
import { removeWorkspaceAndNxData } from '../../tools/lib/nx-shared-data.mjs';
import { makeSeamWorkspace } from '../lib/seam-workspace.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SEAMS = Number(process.env.BENCH_SEAMS ?? 10);
for (const [name, n] of Object.entries({ BENCH_ROUNDS: ROUNDS, BENCH_SEAMS: SEAMS }))
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${process.env[name]}`);
const SCRIPT = "require(process.env.SEAMLINE_DIR_AUTH + '/package.json')";

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const tmp = await mkdtemp(join(tmpdir(), 'seamline-bench-seams-'));
let ws;
try {
  ({ ws } = await makeSeamWorkspace(tmp, repoRoot, { seams: SEAMS, seamScript: SCRIPT }));
  // The same commands as hand-written targets: plain run-commands, and the seam executor.
  const names = { inferred: [], 'run-commands': [], executor: [] };
  for (let i = 0; i < SEAMS; i++) {
    names.inferred.push(`s${i}`);
    for (const [kind, target] of [
      ['run-commands', { executor: 'nx:run-commands', options: { command: `node -e "${SCRIPT}"`, cwd: `plain/r${i}` } }],
      ['executor', { executor: '@seamline/nx:seam', options: { command: ['node', '-e', SCRIPT] } }],
    ]) {
      const name = `${kind === 'executor' ? 'e' : 'r'}${i}`;
      const root = `${kind === 'executor' ? 'executor' : 'plain'}/${name}`;
      await mkdir(join(ws, root), { recursive: true });
      await writeFile(join(ws, root, 'project.json'), JSON.stringify({ name, root, targets: { test: { ...target, cache: true } } }));
      names[kind].push(name);
    }
  }
  // What a run gives its seams: a run directory (no "not inside a run" warning) and a pin.
  const env = { SEAMLINE_RUN_DIR: tmp, SEAMLINE_DIR_AUTH: join(tmp, 'remotes', 'auth.git') };
  const runMany = async (kind) => {
    const start = process.hrtime.bigint();
    const r = await runNx(ws, ['run-many', '-t', 'test', '-p', names[kind].join(','), '--parallel=3', '--skip-nx-cache', '--outputStyle=static'], { env });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.exitCode !== 0 || !r.all.includes(`Successfully ran target test for ${SEAMS} projects`)) throw new Error(`${kind}: nx run-many failed:\n${r.all}`);
    return ms;
  };

  console.log(`Warming up (${SEAMS} seams each way, Nx's own caches)...`);
  for (const kind of Object.keys(names)) await runMany(kind);
  const t = Object.fromEntries(Object.keys(names).map((k) => [k, []]));
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 ? Object.keys(names).reverse() : Object.keys(names);
    for (const kind of order) t[kind].push(await runMany(kind));
    console.log(`  round ${round + 1}/${ROUNDS}: ${order.map((k) => `${k} ${t[k][round].toFixed(0)}`).join(', ')} ms`);
  }
  const m = Object.fromEntries(Object.entries(t).map(([k, xs]) => [k, median(xs)]));
  console.log(`\nnode ${process.version}; load average ${loadavg()[0].toFixed(1)} at the end`);
  console.log(
    `median of ${ROUNDS} rounds, ${SEAMS} seams, 3 at a time, every one a cache miss (ms): ${Object.entries(m)
      .map(([k, ms]) => `${k} ${ms.toFixed(0)}`)
      .join(', ')}`,
  );
  for (const kind of ['inferred', 'executor']) {
    const paired = median(t[kind].map((ms, i) => ms / t['run-commands'][i]));
    console.log(
      `${kind} / run-commands: ${(m[kind] / m['run-commands']).toFixed(2)}x (${((m[kind] - m['run-commands']) / SEAMS).toFixed(0)} ms more per seam); median of per-round ratios ${paired.toFixed(2)}x`,
    );
  }
} finally {
  if (ws && !process.env.BENCH_KEEP) await removeWorkspaceAndNxData(ws);
  if (!process.env.BENCH_KEEP) await rm(tmp, { recursive: true, force: true });
}
