#!/usr/bin/env node
// bench/rerun: an identical tuple whose seams all passed, run again. 10 seams
// of about one second each (a 1 s sleep); each round makes a new PR head on
// `auth` (a new tuple), runs `nx run integration:pr-fast` on it (the first run:
// fetch the new pin, run every seam) and then runs the same tuple again (every
// seam an Nx cache hit); then the same with another new head through `seamline
// run` (the plugin's bin: no executor process). The results are the ratios of the
// medians, measured here in one process. Needs a built plugin: npm run bench:rerun.
// BENCH_NX=<version> (for example 24.0.7) runs it on that Nx release instead of the
// repository's own, installed once from the npm registry (tools/lib/nx-release.mjs).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { git, pluginsNote, runNx as runNxOnce, runSeamline } from '../../tools/lib/linked-workspace.mjs';
import { benchNx } from '../../tools/lib/nx-release.mjs';
import { removeWorkspaceAndNxData } from '../../tools/lib/nx-shared-data.mjs';
import { makeSeamWorkspace } from '../lib/seam-workspace.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SEAMS = 10;
// Extra pr-fast options, e.g. BENCH_ARGS=--seam-parallel=1.
const EXTRA = (process.env.BENCH_ARGS ?? '').split(' ').filter(Boolean);
// BENCH_DAEMON=1: every nx command with the Nx daemon on, as on a developer's machine (CI runs without it).
const DAEMON = process.env.BENCH_DAEMON === '1';
const daemonEnv = { env: { NX_DAEMON: DAEMON ? 'true' : 'false' } };
const runNx = (ws, args) => runNxOnce(ws, args, daemonEnv);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function time(fn) {
  const start = process.hrtime.bigint();
  const result = await fn();
  if (result.exitCode !== 0) throw new Error(`bench step failed:\n${result.all}`);
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, all: result.all };
}

const { nxDir, nxVersion } = await benchNx(repoRoot);
const tmp = await mkdtemp(join(tmpdir(), 'seamline-bench-rerun-'));
let ws;
try {
  ({ ws } = await makeSeamWorkspace(tmp, repoRoot, {
    seams: SEAMS,
    seamScript: "require(process.env.SEAMLINE_DIR_AUTH + '/package.json'); setTimeout(() => {}, 1000)",
    nxDir,
  }));

  const auth = join(tmp, 'remotes', 'auth.git');
  let n = 0;
  const newHead = async () => {
    await writeFile(join(auth, 'change.txt'), `change ${++n}\n`);
    await git(auth, ['add', '-A']);
    await git(auth, ['commit', '-qm', `change ${n}`]);
    return (await git(auth, ['rev-parse', 'HEAD'])).stdout.trim();
  };
  const prFastArgs = (sha) => ['run', 'integration:pr-fast', '--component=auth', `--sha=${sha}`, ...EXTRA];
  const prFast = (sha) => runNx(ws, prFastArgs(sha));
  const prFastSeamline = (sha) => runSeamline(ws, prFastArgs(sha), daemonEnv);

  console.log(`Warming up (the other components' pins, Nx's own caches)${EXTRA.length ? `; pr-fast ${EXTRA.join(' ')}` : ''}...`);
  const warmSha = await newHead();
  await time(() => prFast(warmSha));
  await time(() => prFastSeamline(warmSha));
  const t = { first: [], again: [], firstSeamline: [], againSeamline: [] };
  const pair = async (run, first, again) => {
    const sha = await newHead();
    const one = await time(() => run(sha));
    const two = await time(() => run(sha));
    // The re-run must be the cache at work, not a run that happened to be quick.
    if (!/Nx read the output from the cache instead of running the command for 10 out of 10 tasks/.test(two.all)) {
      throw new Error(`the re-run did not replay all ${SEAMS} seams from the Nx cache:\n${two.all}`);
    }
    first.push(one.ms);
    again.push(two.ms);
  };
  for (let round = 0; round < ROUNDS; round++) {
    await pair(prFast, t.first, t.again);
    await pair(prFastSeamline, t.firstSeamline, t.againSeamline);
  }
  const m = Object.fromEntries(Object.entries(t).map(([k, xs]) => [k, median(xs)]));
  console.log(`\nnode ${process.version}; Nx ${nxVersion}, daemon ${DAEMON ? 'on' : 'off'}${pluginsNote}; load average ${loadavg()[0].toFixed(1)} at the end`);
  console.log(`median of ${ROUNDS} rounds (ms): first run of a tuple ${m.first.toFixed(0)}, identical re-run ${m.again.toFixed(0)}`);
  console.log(`fully cached re-run (${SEAMS} seams of ~1 s): ${(m.first / m.again).toFixed(2)}x faster than the tuple's first run`);
  console.log(`through seamline run (ms): first run of a tuple ${m.firstSeamline.toFixed(0)}, identical re-run ${m.againSeamline.toFixed(0)}`);
  console.log(`fully cached re-run through seamline run: ${(m.firstSeamline / m.againSeamline).toFixed(2)}x faster than the tuple's first run`);
} finally {
  // No daemon left running in a workspace that is about to be deleted.
  if (DAEMON && ws) await runNxOnce(ws, ['daemon', '--stop']);
  if (ws) await removeWorkspaceAndNxData(ws);
  await rm(tmp, { recursive: true, force: true });
}
