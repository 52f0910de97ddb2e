#!/usr/bin/env node
// bench/graph: Nx project-graph creation for a Seamline workspace (200 components,
// 1000 seams, integration/seamline.yaml) against a plain workspace with the same
// 1200 (+1 integration) projects as project.json files, with the same edges as
// implicitDependencies and a couple of targets each. Daemon off. Both run here,
// alternating, in one process, several rounds; the result is the ratio of medians.
//
// What is timed: `nx show projects --json`. It builds the whole project graph
// (every createNodes plugin, then createDependencies, file map and hashing, the
// graph cache in .nx/workspace-data) and then only prints the project names, so
// graph creation is almost all of its time. `nx graph --file=graph.json` does the
// same plus serializing the graph (and loads more of the graph UI code), so it is
// used once per workspace, untimed, to check the nodes, edges and tags.
//
//   cold: .nx/workspace-data deleted before the run (no Nx file-map / project-graph
//         cache, no Seamline inferred-nodes cache: every YAML is parsed), and the
//         databases Nx 23 keeps for the workspace in ~/.nx/<key>
//   warm: run again right after, workspace data present
//
// Each workspace is a git repository with a remote of its own, as a user's is.
//
// A third workspace, `no-op plugin`, is the plain one with one more plugin whose
// createNodes matches every project.json and infers nothing: Nx starts one more plugin
// worker process for it, as it does for Seamline. Its ratio to plain is the floor any
// plugin pays; what Seamline takes above it is Seamline's own.
//
// Components' repos are file:///nonexistent/<name>.git: graph creation must not
// fetch anything. Children run with a `git` shim first on PATH that logs every
// call; the bench fails if any call could touch a remote, or if a checkout
// (.seamline/) appears.
//
// Memory: Nx 23 runs every plugin (its own project.json, package.json and js ones
// too) in a detached, unref'd worker process, which /usr/bin/time does not reliably
// see (it only counts the processes it reaps). So peak RSS is measured in a separate,
// untimed pass (sampling would disturb the timings on a small machine): /proc is
// polled every 20 ms for the nx process and its descendants, and the peak RSS
// (VmHWM) of each is summed. That sum is an upper bound of the run's peak (the
// processes' peaks need not coincide); the largest single process is also shown.
//
// Needs a built plugin: npm run bench:graph. BENCH_ROUNDS (default 5); BENCH_KEEP=1
// keeps the temp workspaces for a look. BENCH_NX=<version> (for example 24.0.7) runs all
// three workspaces on that Nx release instead of the repository's own, installed once from
// the npm registry (tools/lib/nx-release.mjs).
//
// BENCH_DAEMON=1: the Nx daemon on, as on a developer's machine (Nx turns it off in CI).
// Cold stops the daemon first, so the timed command starts it and waits for its graph; warm
// is served from the daemon's memory; and a third phase, edit, appends a line to one seam's
// test.js, waits until the daemon's watcher has started recomputing, and times the command
// then (it waits for that recomputation, as a command run right after saving does). The
// daemon's own time for the recomputation is read from its log (.nx/workspace-data/d/daemon.log:
// from "recomputing project graph" to "serialize graph"). Peak RSS is skipped: the daemon and
// its plugin workers are not the command's processes.
import { existsSync } from 'node:fs';
import { readdirSync, readFileSync } from 'node:fs';
import { appendFile, chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { basename, delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { commitAsUserWorkspace, linkNodeModules, nxEnv, pluginsNote } from '../../tools/lib/linked-workspace.mjs';
import { nxSharedDataDir } from '../../tools/lib/nx-shared-data.mjs';
import { benchNx } from '../../tools/lib/nx-release.mjs';
import { mulberry32 } from '../lib/seeded-random.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new Error(`BENCH_ROUNDS must be a positive integer, got ${process.env.BENCH_ROUNDS}`);
const COMPONENTS = 200;
const SEAMS = 1000;
const PR_FAST = 100;
const SEED = 0x5ea31;
const DAEMON = process.env.BENCH_DAEMON === '1';
const PHASES = DAEMON ? ['cold', 'warm', 'edit'] : ['cold', 'warm'];
const hasProc = existsSync('/proc/self/status') && !DAEMON;
const { nxDir, nxVersion } = await benchNx(repoRoot);

if (!existsSync(join(repoRoot, 'dist/packages/seamline/package.json'))) {
  throw new Error('no built plugin in dist/packages/seamline: run `npm run bench:graph` (or `nx build seamline` first)');
}

// ---------------------------------------------------------------- the model
const rand = mulberry32(SEED);
const int = (n) => Math.floor(rand() * n);
/** k distinct values of [0, n). */
function pick(n, k) {
  const out = new Set();
  while (out.size < Math.min(k, n)) out.add(int(n));
  return [...out].sort((a, b) => a - b);
}

const componentNames = Array.from({ length: COMPONENTS }, (_, i) => `comp-${String(i).padStart(3, '0')}`);
const seamNames = Array.from({ length: SEAMS }, (_, i) => `seam-${String(i).padStart(4, '0')}`);
// A DAG: each component depends on 0-3 earlier ones.
const dependsOn = componentNames.map((_, i) => pick(i, int(4)).map((j) => componentNames[j]));
// Each seam touches 2-3 components.
const seamComponents = seamNames.map(() => pick(COMPONENTS, 2 + int(2)).map((j) => componentNames[j]));
const seamRing = seamNames.map(() => 1 + int(3));
const prFast = new Set(pick(SEAMS, PR_FAST).map((i) => seamNames[i]));

const expectedEdges = new Set();
componentNames.forEach((name, i) => dependsOn[i].forEach((dep) => expectedEdges.add(`${name}>${dep}`)));
seamNames.forEach((name, i) => seamComponents[i].forEach((c) => expectedEdges.add(`${name}>${c}`)));
const EXPECTED_NODES = COMPONENTS + SEAMS + 1;

const seamlineFiles = () => {
  const files = {
    'nx.json': JSON.stringify({ plugins: ['@seamline/nx'] }, null, 2),
    'integration/seamline.yaml': [
      'store: integration/known-good.jsonl',
      'subsets:',
      '  pr_fast:',
      '    description: contract seams, before merge',
      `    seams: [${[...prFast].join(', ')}]`,
      '    budget: 10m',
      '  full:',
      '    seams: all',
      '    budget: 1h',
      'renderers: [env, npm]',
      'quarantine:',
      `  - seam: ${seamNames[7]}`,
      '    reason: flaky fixture, acme/integration#12',
      '    expires: 2099-12-31',
      'github:',
      '  repository: acme/integration',
      '',
    ].join('\n'),
  };
  componentNames.forEach((name, i) => {
    files[`components/${name}/component.yaml`] = [
      `repo: file:///nonexistent/${name}.git`,
      'branch: main',
      ...(dependsOn[i].length ? [`dependsOn: [${dependsOn[i].join(', ')}]`] : []),
      'provides:',
      `  npm: "@acme/${name}"`,
      'prepare:',
      '  - [npm, ci]',
      '  - [npm, run, build]',
      'test: [npm, test]',
      '',
    ].join('\n');
  });
  seamNames.forEach((name, i) => {
    files[`seams/${name}/seam.yaml`] = [
      `components: [${seamComponents[i].join(', ')}]`,
      ...(prFast.has(name) ? ['subsets: [pr_fast]'] : []),
      `ring: ${seamRing[i]}`,
      `catches: ${seamComponents[i][0]} reads a field that ${seamComponents[i].at(-1)} renamed (${name})`,
      'command: [node, test.js]',
      '',
    ].join('\n');
    files[`seams/${name}/test.js`] = seamTestJs(name);
  });
  return files;
};

// The no-op plugin is a package in node_modules (a local path would make Nx look for the
// workspace project that owns it, which costs more than the plugin).
const NOOP_PLUGIN = '@bench/noop-nx-plugin';
const noopPluginFiles = {
  'package.json': JSON.stringify({ name: NOOP_PLUGIN, version: '1.0.0', main: 'index.js' }),
  'index.js': "exports.createNodes = ['{integration,components/*,seams/*}/project.json', async () => []];\n",
};

const plainFiles = () => {
  const run = (command, extra = {}) => ({ executor: 'nx:run-commands', options: { command, ...extra } });
  const json = (value) => JSON.stringify(value, null, 2);
  const files = {
    'nx.json': json({}),
    'integration/project.json': json({
      name: 'integration',
      projectType: 'application',
      tags: ['integration'],
      targets: { manifest: run('echo manifest'), 'pr-fast': run('echo pr-fast'), full: run('echo full') },
    }),
  };
  componentNames.forEach((name, i) => {
    files[`components/${name}/project.json`] = json({
      name,
      projectType: 'library',
      tags: ['component'],
      implicitDependencies: dependsOn[i],
      metadata: { description: `component ${name}: file:///nonexistent/${name}.git (main)` },
      targets: { materialize: run(`echo materialize ${name}`), verify: run(`echo verify ${name}`) },
    });
  });
  seamNames.forEach((name, i) => {
    files[`seams/${name}/project.json`] = json({
      name,
      projectType: 'application',
      tags: ['seam', `ring-${seamRing[i]}`, ...(prFast.has(name) ? ['subset-pr_fast'] : []), 'subset-full'].sort(),
      implicitDependencies: seamComponents[i],
      targets: {
        test: { ...run('node test.js', { cwd: '{projectRoot}' }), cache: true, inputs: ['{projectRoot}/**/*', { env: 'SEAMLINE_RUN_HASH' }], outputs: [] },
      },
    });
    files[`seams/${name}/test.js`] = seamTestJs(name);
  });
  return files;
};

function seamTestJs(name) {
  return `// ${name}\nconst assert = require('node:assert');\nassert.ok(process.env.SEAMLINE_RUN_HASH !== undefined || true);\n`;
}

// ---------------------------------------------------------------- workspaces
const tmp = await mkdtemp(join(tmpdir(), 'seamline-bench-graph-'));
const gitLog = join(tmp, 'git-calls.log');

async function createWorkspace(ws, files, packages = {}) {
  files = {
    ...files,
    'package.json': JSON.stringify({ name: 'bench', private: true }),
    '.gitignore': 'node_modules\n.nx\n.seamline\n',
  };
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(ws, path)), { recursive: true });
    await writeFile(join(ws, path), text);
  }
  await linkNodeModules(ws, repoRoot, { nxDir });
  for (const [name, pkgFiles] of Object.entries(packages)) {
    for (const [path, text] of Object.entries(pkgFiles)) {
      await mkdir(dirname(join(ws, 'node_modules', name, path)), { recursive: true });
      await writeFile(join(ws, 'node_modules', name, path), text);
    }
  }
  await commitAsUserWorkspace(ws, `graph-${basename(ws)}`);
}

// A `git` first on PATH that records every call, then runs the real one.
async function gitShim() {
  const realGit = (await execa('sh', ['-c', 'command -v git'])).stdout.trim();
  const bin = join(tmp, 'bin');
  await mkdir(bin);
  await writeFile(join(bin, 'git'), `#!/bin/sh\nprintf '%s\\t%s\\n' "$PWD" "$*" >> '${gitLog}'\nexec '${realGit}' "$@"\n`);
  await chmod(join(bin, 'git'), 0o755);
  return bin;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Peak RSS (KiB) of a process and all its descendants, polling /proc while it runs. */
function sampleTree(rootPid) {
  const peak = new Map(); // pid -> VmHWM
  const tracked = new Set([rootPid]);
  const poll = () => {
    let pids;
    try {
      pids = readdirSync('/proc')
        .filter((d) => /^\d+$/.test(d))
        .map(Number);
    } catch {
      return;
    }
    const parent = new Map();
    for (const pid of pids) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        parent.set(pid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      } catch {
        // the process exited between listing and reading: nothing to track
      }
    }
    for (let grew = true; grew;) {
      grew = false;
      for (const [pid, ppid] of parent) {
        if (!tracked.has(pid) && tracked.has(ppid)) {
          tracked.add(pid);
          grew = true;
        }
      }
    }
    for (const pid of tracked) {
      try {
        const kib = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
        if (kib) peak.set(pid, Math.max(peak.get(pid) ?? 0, kib));
      } catch {
        // the process exited meanwhile: keep the peak seen so far
      }
    }
  };
  poll();
  const timer = setInterval(poll, 20);
  return () => {
    clearInterval(timer);
    const peaks = [...peak.values()];
    return { sumKiB: peaks.reduce((a, b) => a + b, 0), maxKiB: Math.max(0, ...peaks), processes: peaks.length };
  };
}

let childEnv;
/** Run the workspace's nx; wall time in ms (and, with `memory`, peak RSS of its process tree). */
async function nx(ws, args, { memory = false } = {}) {
  const start = process.hrtime.bigint();
  const child = execa(process.execPath, [join(ws, 'node_modules/nx/dist/bin/nx.js'), ...args], { cwd: ws, env: childEnv, extendEnv: false, reject: false });
  const stop = memory ? sampleTree(child.pid) : undefined;
  const result = await child;
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const rss = stop?.();
  if (result.exitCode !== 0) throw new Error(`nx ${args.join(' ')} failed in ${ws} (exit ${result.exitCode}):\n${result.stdout}\n${result.stderr}`);
  return { ms, rss, stdout: result.stdout, stderr: result.stderr };
}

/** The timed step: graph creation, checked on every run. */
async function showProjects(variant, options) {
  const run = await nx(variant.ws, ['show', 'projects', '--json'], options);
  const start = run.stdout.indexOf('[');
  let names;
  try {
    names = JSON.parse(run.stdout.slice(start));
  } catch {
    throw new Error(`${variant.name}: nx show projects --json printed no JSON array:\n${run.stdout}\n${run.stderr}`);
  }
  if (names.length !== EXPECTED_NODES) throw new Error(`${variant.name}: ${names.length} projects, expected ${EXPECTED_NODES}\n${run.stderr}`);
  if (/error|warn/i.test(run.stderr)) throw new Error(`${variant.name}: nx printed on stderr:\n${run.stderr}`);
  return run;
}

/** Untimed: the full graph has the expected nodes, edges and tags. */
async function checkGraph(variant) {
  const out = join(tmp, `${variant.name}-graph.json`);
  await nx(variant.ws, ['graph', `--file=${out}`]);
  const { graph } = JSON.parse(await readFile(out, 'utf8'));
  const nodes = Object.keys(graph.nodes);
  const fail = (msg) => {
    throw new Error(`${variant.name} graph: ${msg}`);
  };
  if (nodes.length !== EXPECTED_NODES) fail(`${nodes.length} nodes, expected ${EXPECTED_NODES}`);
  for (const name of ['integration', ...componentNames, ...seamNames]) if (!graph.nodes[name]) fail(`no project ${name}`);
  const edges = new Set();
  for (const [source, deps] of Object.entries(graph.dependencies)) {
    for (const dep of deps) if (!dep.target.startsWith('npm:')) edges.add(`${source}>${dep.target}`);
  }
  const missing = [...expectedEdges].filter((e) => !edges.has(e));
  const extra = [...edges].filter((e) => !expectedEdges.has(e));
  if (missing.length || extra.length)
    fail(`${missing.length} missing edges (${missing.slice(0, 5).join(', ')}), ${extra.length} unexpected (${extra.slice(0, 5).join(', ')})`);
  const tagged = (tag) => nodes.filter((n) => graph.nodes[n].data.tags?.includes(tag)).length;
  const prefix = variant.name === 'seamline' ? 'seamline:' : '';
  const tagCounts = { component: COMPONENTS, seam: SEAMS, 'subset-pr_fast': PR_FAST, 'subset-full': SEAMS };
  for (const [tag, n] of Object.entries(tagCounts))
    if (tagged(prefix + tag) !== n) fail(`${tagged(prefix + tag)} projects tagged ${prefix + tag}, expected ${n}`);
  const seamTargets = seamNames.filter((n) => graph.nodes[n].data.targets?.test).length;
  if (seamTargets !== SEAMS) fail(`${seamTargets} seams with a test target, expected ${SEAMS}`);
  return { nodes: nodes.length, edges: edges.size };
}

async function checkNothingFetched() {
  const calls = existsSync(gitLog) ? (await readFile(gitLog, 'utf8')).trim().split('\n').filter(Boolean) : [];
  // `git remote -v` (Nx reads the workspace's remotes, in both workspaces) only reads .git/config.
  const network = /^(fetch|clone|ls-remote|pull|push|worktree|submodule|remote (update|prune|show(?! -n)))\b|nonexistent/;
  const remote = calls.filter((line) => network.test(line.split('\t')[1] ?? ''));
  if (remote.length) throw new Error(`graph creation ran git against a remote:\n${remote.join('\n')}`);
  for (const v of variants) if (existsSync(join(v.ws, '.seamline'))) throw new Error(`${v.name}: graph creation created ${join(v.ws, '.seamline')}`);
  return calls;
}

// Cold: what `nx reset` leaves. Nx 23 keeps a named workspace's databases in ~/.nx/<key>.
const clearWorkspaceData = async (v) => {
  if (DAEMON) await nx(v.ws, ['daemon', '--stop']);
  await rm(join(v.ws, '.nx', 'workspace-data'), { recursive: true, force: true });
  if (v.shared) await rm(join(v.shared, 'databases'), { recursive: true, force: true });
};

const daemonLog = (v) => join(v.ws, '.nx', 'workspace-data', 'd', 'daemon.log');
const logTime = (line) => Date.parse(/ - (\d{4}-\d\d-\d\dT[\d:.]+Z) - /.exec(line)?.[1] ?? '');

/**
 * With the daemon: an edit to one seam's source, then the timed command as soon as the daemon's
 * watcher has started recomputing the graph for it; returns that command's run and the daemon's
 * own time for the recomputation (from its log), both bounded by a 60 s wait.
 */
async function afterEdit(v, round) {
  if (!existsSync(daemonLog(v)))
    throw new Error(`${v.name}: BENCH_DAEMON=1, but no Nx daemon ran in ${v.ws} (no ${daemonLog(v)}); with BENCH_KEEP=1, \`nx daemon --start\` there says why`);
  const before = (await readFile(daemonLog(v))).length;
  await appendFile(join(v.ws, 'seams', seamNames[round % SEAMS], 'test.js'), `// edit ${round + 1}\n`);
  const logSince = async () => (await readFile(daemonLog(v))).subarray(before).toString('utf8').split('\n');
  const waitFor = async (what, pattern) => {
    for (let waited = 0; waited < 60_000; waited += 20) {
      const line = (await logSince()).find((l) => pattern.test(l));
      if (line) return logTime(line);
      await new Promise((done) => setTimeout(done, 20));
    }
    throw new Error(`${v.name}: the Nx daemon logged no "${what}" within 60 s of an edit (see ${daemonLog(v)})`);
  };
  const started = await waitFor('recomputing project graph', /recomputing project graph/);
  const run = await showProjects(v);
  const serialized = await waitFor('serialize graph', /Time taken for 'serialize graph'/);
  return { ...run, recomputeMs: serialized - started };
}

let variants = [];
try {
  const bin = await gitShim();
  childEnv = { ...nxEnv, NX_DAEMON: DAEMON ? 'true' : 'false', NX_SKIP_NX_CACHE: 'true', PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` };
  for (const key of Object.keys(childEnv))
    if (key.startsWith('NX_') && !['NX_DAEMON', 'NX_NO_CLOUD', 'NX_TUI', 'NX_SKIP_NX_CACHE', 'NX_ISOLATE_PLUGINS'].includes(key)) delete childEnv[key];

  console.log(`Creating workspaces: ${COMPONENTS} components, ${SEAMS} seams (${expectedEdges.size} edges), seed ${SEED.toString(16)}...`);
  variants = [
    { name: 'seamline', ws: join(tmp, 'seamline') },
    { name: 'plain', ws: join(tmp, 'plain') },
    { name: 'no-op plugin', ws: join(tmp, 'noop') },
  ];
  await createWorkspace(variants[0].ws, seamlineFiles());
  await createWorkspace(variants[1].ws, plainFiles());
  await createWorkspace(variants[2].ws, { ...plainFiles(), 'nx.json': JSON.stringify({ plugins: [NOOP_PLUGIN] }) }, { [NOOP_PLUGIN]: noopPluginFiles });
  for (const v of variants) v.shared = await nxSharedDataDir(v.ws, nxEnv);

  console.log('Checking the graphs (nx graph --file, untimed)...');
  for (const v of variants) {
    await clearWorkspaceData(v);
    const { nodes, edges } = await checkGraph(v);
    console.log(`  ${v.name}: ${nodes} nodes, ${edges} edges, tags and targets as expected`);
  }
  // Warm-up (page cache, node's compile cache), not counted.
  for (const v of variants) await showProjects(v);

  const t = Object.fromEntries(variants.map((v) => [v.name, { cold: [], warm: [], edit: [], recompute: [] }]));
  let cacheName;
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
  console.log(`Timing ${ROUNDS} rounds (load average ${load()})...`);
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 ? [...variants].reverse() : variants;
    const line = [];
    for (const phase of PHASES) {
      for (const v of order) {
        if (phase === 'cold') await clearWorkspaceData(v);
        const run = phase === 'edit' ? await afterEdit(v, round) : await showProjects(v);
        if (phase === 'edit') t[v.name].recompute.push(run.recomputeMs);
        if (phase === 'warm' && v.name === 'seamline') {
          const data = join(v.ws, '.nx', 'workspace-data');
          const cacheFile = (await readdir(data)).find((f) => f.startsWith('seamline-nodes-'));
          if (!cacheFile) throw new Error('seamline: no seamline-nodes-*.json in .nx/workspace-data after a cold run');
          // One entry per project, and one for the subsets of seamline.yaml (which seams each lists).
          const entries = Object.keys(JSON.parse(await readFile(join(data, cacheFile), 'utf8'))).length;
          if (entries !== EXPECTED_NODES + 1) throw new Error(`seamline: inferred-nodes cache holds ${entries} entries, expected ${EXPECTED_NODES + 1}`);
          // Its name carries the plugin's fingerprint: a rebuild of dist/ mid-bench would make runs incomparable.
          if ((cacheName ??= cacheFile) !== cacheFile)
            throw new Error(`the plugin in dist/packages/seamline changed during the bench (${cacheName} -> ${cacheFile}); run again`);
        }
        t[v.name][phase].push(run.ms);
        line.push(`${v.name} ${phase} ${run.ms.toFixed(0)}${phase === 'edit' ? ` (daemon ${run.recomputeMs})` : ''}`);
      }
    }
    console.log(`  round ${round + 1}/${ROUNDS}: ${line.join(', ')} ms`);
  }
  console.log(`  (load average ${load()})`);
  // Memory, untimed: one cold and one warm run of each.
  const rss = {};
  if (hasProc) {
    for (const v of variants) {
      await clearWorkspaceData(v);
      for (const phase of ['cold', 'warm']) rss[`${v.name} ${phase}`] = (await showProjects(v, { memory: true })).rss;
    }
  }
  const calls = await checkNothingFetched();
  const byWs = (v) => calls.filter((c) => c.startsWith(v.ws)).map((c) => c.split('\t')[1].replace(/\b[0-9a-f]{40}\b/g, '<sha>'));
  const [seamlineGit, plainGit] = variants.map(byWs);
  const onlySeamline = [...new Set(seamlineGit)].filter((c) => !plainGit.includes(c));
  console.log(
    `Nothing fetched: no remote git call, no .seamline/. git calls: seamline ${seamlineGit.length}, plain ${plainGit.length} (Nx's own: ${[...new Set(plainGit)].join('; ')}); only in seamline: ${onlySeamline.length ? onlySeamline.join('; ') : 'none'}.`,
  );

  const m = (name, key) => median(t[name][key]);
  const more = (ms) => (ms >= 0 ? `${ms.toFixed(0)} ms more` : `${(-ms).toFixed(0)} ms less`);
  console.log(
    `\nnx show projects --json, Nx ${nxVersion}, ${EXPECTED_NODES} projects, daemon ${DAEMON ? 'on' : 'off'}${pluginsNote}, median of ${ROUNDS} rounds:`,
  );
  const timedPhases = DAEMON ? [...PHASES, 'recompute'] : PHASES;
  for (const phase of timedPhases)
    console.log(
      `  ${phase}: seamline ${m('seamline', phase).toFixed(0)} ms; plain ${m('plain', phase).toFixed(0)} ms; no-op plugin ${m('no-op plugin', phase).toFixed(0)} ms`,
    );
  // The last pair is Seamline's own part: what it takes above the worker any plugin costs.
  for (const [name, base] of [
    ['seamline', 'plain'],
    ['no-op plugin', 'plain'],
    ['seamline', 'no-op plugin'],
  ]) {
    for (const phase of timedPhases) {
      const paired = median(t[name][phase].map((ms, i) => ms / t[base][phase][i]));
      console.log(
        `${name} / ${base} (${phase}): ${(m(name, phase) / m(base, phase)).toFixed(2)}x the time (${more(m(name, phase) - m(base, phase))}); median of per-round ratios ${paired.toFixed(2)}x`,
      );
    }
  }
  if (hasProc) {
    const mib = (kib) => `${(kib / 1024).toFixed(0)} MiB`;
    console.log('\npeak RSS, one untimed run each (sum over nx and its plugin workers; largest process):');
    for (const phase of ['cold', 'warm']) {
      const [s, p, n] = [rss[`seamline ${phase}`], rss[`plain ${phase}`], rss[`no-op plugin ${phase}`]];
      console.log(
        `  ${phase}: seamline ${mib(s.sumKiB)} over ${s.processes} processes (largest ${mib(s.maxKiB)}); plain ${mib(p.sumKiB)} over ${p.processes} (largest ${mib(p.maxKiB)}); ratio ${(s.sumKiB / p.sumKiB).toFixed(2)}x; no-op plugin ${mib(n.sumKiB)} (${(n.sumKiB / p.sumKiB).toFixed(2)}x)`,
      );
    }
  } else {
    console.log(DAEMON ? "(peak RSS skipped with the daemon: it and its plugin workers are not the command's processes)" : '(peak RSS skipped: no /proc)');
  }
} finally {
  // No daemon left running in a workspace that is about to be deleted (or kept for a look).
  if (DAEMON) for (const v of variants) if (existsSync(v.ws)) await nx(v.ws, ['daemon', '--stop']).catch(() => {});
  const nxFolders = variants.map((v) => v.shared).filter(Boolean);
  if (process.env.BENCH_KEEP) console.log(`BENCH_KEEP: workspaces kept in ${tmp}, Nx's folders for them in ${nxFolders.join(', ') || 'the workspaces'}`);
  else {
    for (const folder of nxFolders) await rm(folder, { recursive: true, force: true });
    await rm(tmp, { recursive: true, force: true });
  }
}
