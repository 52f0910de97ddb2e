#!/usr/bin/env node
// bench/orchestration: `nx run integration:pr-fast` on a warm workspace (pins
// materialized, seam results in the Nx cache) with 10 trivial seams, against a
// script doing the same steps by hand: reuse the git worktrees, write the env,
// `nx run-many` the seams. Both run here, alternating, in one process; the
// result is their ratio. Two pr-fast workspaces: one with no known good yet
// (the other components come from their mains, `git ls-remote`) and one with a
// known good recorded by a `full` run (the steady state: the other components
// come from the store), and that steady workspace's pr-fast again through `seamline run` (the
// plugin's bin: the same executor in one process, without the one nx run forks). Three floors in the by-hand workspace: a no-op executor, and the
// 10 seams run by Seamline's in-process seam run alone, from an executor and from an
// nx:run-commands script. By hand runs again with the plugins in Nx's process, as `seamline run`
// loads them without the daemon, for that command's like-for-like ratio. And a lower bound for running the seams in the outer nx process
// instead: by hand plus Seamline's own pr-fast work up to the seams (its plan) from a plain
// Node script, timed alone. Needs a built plugin: npm run bench:orchestration.
// BENCH_NX=<version> (for example 24.0.7) runs it on that Nx release instead of the
// repository's own, installed once from the npm registry (tools/lib/nx-release.mjs).
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { git, pluginsNote, runNx as runNxOnce, runSeamline } from '../../tools/lib/linked-workspace.mjs';
import { benchNx } from '../../tools/lib/nx-release.mjs';
import { removeWorkspaceAndNxData } from '../../tools/lib/nx-shared-data.mjs';
import { COMPONENTS, makeSeamWorkspace } from '../lib/seam-workspace.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SEAMS = 10;
// BENCH_DAEMON=1: every nx command with the Nx daemon on, as on a developer's machine (CI runs without it).
const DAEMON = process.env.BENCH_DAEMON === '1';
const runNx = (ws, args, options = {}) => runNxOnce(ws, args, { ...options, env: { ...options.env, NX_DAEMON: DAEMON ? 'true' : 'false' } });
const SEAM_NAMES = Array.from({ length: SEAMS }, (_, i) => `s${i}`);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function time(fn) {
  const start = process.hrtime.bigint();
  const result = await fn();
  if (result.exitCode !== 0) throw new Error(`bench step failed:\n${result.all}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const { nxDir, nxVersion } = await benchNx(repoRoot);
const tmp = await mkdtemp(join(tmpdir(), 'seamline-bench-orch-'));
try {
  const seamScript = "require(process.env.SEAMLINE_DIR_AUTH + '/package.json')";
  const { ws, shas } = await makeSeamWorkspace(tmp, repoRoot, { seams: SEAMS, seamScript, nxDir });
  const steady = await makeSeamWorkspace(join(tmp, 'steady'), repoRoot, { seams: SEAMS, seamScript, nxDir });
  // Every command in one workspace runs with the same environment (the by-hand one; pr-fast's
  // overrides replace it for the seams): with the Nx daemon on, the first command after the
  // environment changed took 350-750 ms longer, which a developer in one shell never pays.
  const prFast = (root, sha) => async () =>
    runNx(root, ['run', 'integration:pr-fast', '--component=auth', `--sha=${sha}`], root === ws ? { env: await byHandEnv() } : {});
  const seamline = prFast(ws, shas.auth);
  const seamlineKnownGood = prFast(steady.ws, steady.shas.auth);
  // The same pr-fast as the plugin's bin runs it: no nx run around it, so no executor process.
  const seamlineRun = async () =>
    runSeamline(steady.ws, ['run', 'integration:pr-fast', '--component=auth', `--sha=${steady.shas.auth}`], { env: { NX_DAEMON: DAEMON ? 'true' : 'false' } });
  // The floor of any Nx executor: one that does nothing, in the by-hand workspace. Nx forks a
  // process for every executor and loads its own task code there before calling it.
  await writeFloorExecutors(ws);
  const floor = async () => runNx(ws, ['run', 'floor:noop'], { env: await byHandEnv() });
  // The floor of any executor that runs the seams as Nx tasks in its own process: Seamline's own
  // in-process seam run (the one pr-fast uses) with the by-hand environment, and nothing else.
  const floorSeams = async () => runNx(ws, ['run', 'floor:seams'], { env: await byHandEnv() });
  // The same with no executor process: a plain Node script as an nx:run-commands target.
  const floorScript = async () => runNx(ws, ['run', 'floor:script'], { env: await byHandEnv() });
  // What a design running the seams in the outer `nx run` would still pay first: Seamline's own
  // pr-fast work up to the seams (workspace, known good, manifest, selection: its --plan), from a
  // plain Node script as an nx:run-commands step would start it. By hand plus this is its lower
  // bound (that design would also render the overrides and write the run's artifacts).
  await writePrepareOnly(steady.ws, steady.shas.auth, join(tmp, 'outer-plan'));
  const prepareOnly = async () => execa(process.execPath, [join(steady.ws, 'tools/prepare-only.js')], { cwd: steady.ws, reject: false, all: true });
  // By hand: the same pins as worktrees (created once, like the cache), the same env, the same seams.
  const runSeamsByHand = async (env = {}) =>
    runNx(ws, ['run-many', '-t', 'test', '-p', SEAM_NAMES.join(','), '--outputStyle=static'], { env: { ...(await byHandEnv()), ...env } });
  const byHand = () => runSeamsByHand();
  // The same with the plugins loaded in Nx's own process (NX_ISOLATE_PLUGINS=false), as `seamline run`
  // loads them without the daemon: its like-for-like baseline.
  const byHandPluginsInProcess = () => runSeamsByHand({ NX_ISOLATE_PLUGINS: 'false' });
  const byHandEnv = async () => {
    const env = {};
    for (const name of COMPONENTS) {
      const dir = join(tmp, 'by-hand', `${name}@${shas[name]}`);
      if (!existsSync(dir)) {
        const cache = join(tmp, 'by-hand', `${name}.git`);
        await git(tmp, ['clone', '-q', '--bare', `file://${join(tmp, 'remotes', `${name}.git`)}`, cache]);
        await git(cache, ['worktree', 'add', '-q', '--detach', dir, shas[name]]);
      }
      env[`SEAMLINE_DIR_${name.toUpperCase()}`] = dir;
    }
    env.SEAMLINE_RUN_HASH = 'by-hand';
    return env;
  };

  console.log('Warming up (materialize, prepare, first seam runs into the Nx cache)...');
  await time(seamline);
  await time(() => runNx(steady.ws, ['run', 'integration:full']));
  await time(seamlineKnownGood);
  await time(seamlineRun);
  await time(byHand);
  await time(byHandPluginsInProcess);
  await time(floor);
  await time(floorSeams);
  await time(floorScript);
  await time(prepareOnly);
  const t = {
    seamline: [],
    seamlineKnownGood: [],
    seamlineRun: [],
    byHand: [],
    byHandPluginsInProcess: [],
    floor: [],
    floorSeams: [],
    floorScript: [],
    prepareOnly: [],
  };
  for (let round = 0; round < ROUNDS; round++) {
    t.seamline.push(await time(seamline));
    t.byHand.push(await time(byHand));
    t.seamlineKnownGood.push(await time(seamlineKnownGood));
    t.seamlineRun.push(await time(seamlineRun));
    t.byHandPluginsInProcess.push(await time(byHandPluginsInProcess));
    t.floor.push(await time(floor));
    t.floorSeams.push(await time(floorSeams));
    t.floorScript.push(await time(floorScript));
    t.prepareOnly.push(await time(prepareOnly));
  }
  const m = Object.fromEntries(Object.entries(t).map(([k, xs]) => [k, median(xs)]));
  console.log(`\nnode ${process.version}; Nx ${nxVersion}, daemon ${DAEMON ? 'on' : 'off'}${pluginsNote}; load average ${loadavg()[0].toFixed(1)} at the end`);
  console.log(
    `median of ${ROUNDS} warm rounds (ms): pr-fast ${m.seamline.toFixed(0)}, pr-fast with a known good ${m.seamlineKnownGood.toFixed(0)}, the same through seamline run ${m.seamlineRun.toFixed(0)}, by hand ${m.byHand.toFixed(0)} (plugins in Nx's process ${m.byHandPluginsInProcess.toFixed(0)}), a no-op executor ${m.floor.toFixed(0)}, ` +
      `an executor that only runs the seams ${m.floorSeams.toFixed(0)}, a run-commands script that only runs them ${m.floorScript.toFixed(0)}, ` +
      `a script doing pr-fast's work up to the seams ${m.prepareOnly.toFixed(0)}`,
  );
  // Each round's ratio to that round's by-hand run too: less moved by the machine's drift than the ratio of medians.
  const line = (label, key, base = 'byHand', baseLabel = 'by hand') =>
    console.log(
      `${label} vs ${baseLabel} (warm, ${SEAMS} seams): ${(m[key] / m[base]).toFixed(2)}x the time (${(m[key] - m[base]).toFixed(0)} ms of orchestration on top); ` +
        `median of per-round ratios ${median(t[key].map((ms, i) => ms / t[base][i])).toFixed(2)}x`,
    );
  line('pr-fast, no known good yet', 'seamline');
  line('pr-fast with a known good', 'seamlineKnownGood');
  line('pr-fast with a known good through seamline run', 'seamlineRun');
  line(
    'pr-fast with a known good through seamline run',
    'seamlineRun',
    'byHandPluginsInProcess',
    "by hand with the plugins in Nx's process, as seamline run loads them",
  );
  line('floor: a no-op Nx executor', 'floor');
  line('floor: an executor that only runs the seams in its process', 'floorSeams');
  line('floor: an nx:run-commands script that only runs the seams', 'floorScript');
  // What Seamline itself adds to the seams-only executor: the part its code decides (goal 1 measured against that floor).
  const own = t.seamlineKnownGood.map((ms, i) => ms - t.floorSeams[i]);
  console.log(
    `Seamline's own part (pr-fast with a known good minus the seams-only executor): ${(m.seamlineKnownGood - m.floorSeams).toFixed(0)} ms; median of per-round differences ${median(own).toFixed(0)} ms`,
  );
  console.log(
    `lower bound with the seams in the outer nx run: by hand + pr-fast's work up to the seams in a fresh process: ${((m.byHand + m.prepareOnly) / m.byHand).toFixed(2)}x; ` +
      `median of per-round ratios ${median(t.prepareOnly.map((ms, i) => (t.byHand[i] + ms) / t.byHand[i])).toFixed(2)}x`,
  );
} finally {
  // No daemon left running in a workspace that is about to be deleted.
  const roots = [join(tmp, 'workspace'), join(tmp, 'steady', 'workspace')].filter((root) => existsSync(root));
  if (DAEMON) for (const root of roots) await runNxOnce(root, ['daemon', '--stop']);
  if (!process.env.BENCH_KEEP) {
    for (const root of roots) await removeWorkspaceAndNxData(root);
    await rm(tmp, { recursive: true, force: true });
  }
}

/**
 * A module of the plugin as the workspace installed it: the built plugin itself, or its copy
 * beside BENCH_NX's release, so that the floors load the same Nx as the commands they are set against.
 */
function pluginModule(ws, path) {
  return join(ws, 'node_modules/@seamline/nx/src', path);
}

/**
 * A project `floor` in the by-hand workspace with three targets: `noop`, a local executor that
 * returns at once; `seams`, one that runs the 10 seams with the built plugin's own in-process
 * seam run (what pr-fast calls once its tuple is ready) in the environment the outer `nx run`
 * passes on, and checks nothing else; `script`, the same seam run from a plain Node script that
 * an `nx:run-commands` target starts (Nx runs such a command without an executor process).
 */
async function writeFloorExecutors(ws) {
  const built = (path) => JSON.stringify(pluginModule(ws, path));
  const runSeams = [
    `require(${built('process/executor-process.js')});`,
    `const { runSeamTasks } = require(${built('run/run-seam-tasks.js')});`,
    "const { join } = require('node:path');",
    '/** True when all 10 seams passed (here: were replayed from the cache). */',
    'module.exports = async (root) => {',
    `  const tasks = ${JSON.stringify(SEAM_NAMES)}.map((seam) => ({ seam, target: 'test' }));`,
    "  const records = await runSeamTasks(root, tasks, { ...process.env }, { parallel: 3, tasksFile: join(root, 'tmp-tasks.json') });",
    '  return records.size === tasks.length && [...records.values()].every((r) => r.code === 0);',
    '};',
  ];
  const files = {
    'tools/noop/package.json': JSON.stringify({ name: 'noop-executor', version: '0.0.0', executors: './executors.json' }),
    'tools/noop/executors.json': JSON.stringify({
      executors: {
        noop: { implementation: './executor.js', schema: './schema.json', description: 'does nothing' },
        seams: { implementation: './seams.js', schema: './schema.json', description: 'runs the seams in its own process' },
      },
    }),
    'tools/noop/schema.json': JSON.stringify({ type: 'object', properties: {} }),
    'tools/noop/executor.js': 'module.exports = async () => ({ success: true });\n',
    'tools/noop/run-seams.js': `${runSeams.join('\n')}\n`,
    'tools/noop/seams.js': "module.exports = async (_options, context) => ({ success: await require('./run-seams')(context.root) });\n",
    'tools/noop/seams-script.js': "require('./run-seams')(require('node:path').join(__dirname, '../..')).then((ok) => { process.exitCode = ok ? 0 : 1; });\n",
    'floor/project.json': JSON.stringify({
      name: 'floor',
      targets: {
        noop: { executor: './tools/noop:noop' },
        seams: { executor: './tools/noop:seams' },
        script: { executor: 'nx:run-commands', options: { command: 'node tools/noop/seams-script.js' } },
      },
    }),
  };
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(ws, path)), { recursive: true });
    await writeFile(join(ws, path), text);
  }
}

/**
 * tools/prepare-only.js in the steady workspace: pr-fast's own code, from the built plugin, for
 * the auth pin with the known good of the rest, as far as its --plan goes (workspace, known good,
 * manifest, seam selection, written to `planDir`) and no further: no seam runs.
 */
async function writePrepareOnly(ws, sha, planDir) {
  const built = (path) => JSON.stringify(pluginModule(ws, path));
  const script = [
    `require(${built('process/executor-process.js')});`,
    `const { loadWorkspace } = require(${built('workspace/load-workspace.js')});`,
    `const { runPrFast } = require(${built('run/pr-fast-run.js')});`,
    "const root = require('node:path').join(__dirname, '..');",
    'loadWorkspace(root)',
    `  .then((model) => runPrFast({ root, model, github: undefined, graphEdges: [], component: 'auth', sha: ${JSON.stringify(sha)}, plan: ${JSON.stringify(planDir)}, shards: 1 }))`,
    '  .catch((error) => { console.error(error); process.exitCode = 1; });',
  ];
  await mkdir(join(ws, 'tools'), { recursive: true });
  await writeFile(join(ws, 'tools/prepare-only.js'), `${script.join('\n')}\n`);
}
