#!/usr/bin/env node
// The Seamline demo: a real integration workspace in a temp dir, three real
// git repositories as components, and the built plugin driven through the real
// `nx` CLI. No network. Run with `npm run demo` (which builds the plugin first).
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { git, linkNodeModules, runNx } from './lib/linked-workspace.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(repoRoot, 'dist/packages/seamline');
const template = join(repoRoot, 'tools/demo/workspace');
const bold = (s) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
let step = 0;
const heading = (text) => console.log(`\n${bold(`${++step}. ${text}`)}`);

if (!existsSync(join(dist, 'executors.json'))) {
  console.error(`demo: ${dist} is missing; run \`npm run demo\` (it builds the plugin first)`);
  process.exit(1);
}

const dir = await mkdtemp(join(tmpdir(), 'seamline-demo-'));
const ws = join(dir, 'workspace');
const repos = join(dir, 'repos');

// --- component repositories: real git, file:// URLs --------------------------
async function commit(name, message, files) {
  const work = join(repos, 'work', name);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(work, path)), { recursive: true });
    await writeFile(join(work, path), text);
  }
  await git(work, ['add', '-A']);
  await git(work, ['commit', '-qm', message]);
  return (await git(work, ['rev-parse', 'HEAD'])).stdout;
}
async function createRepo(name) {
  const work = join(repos, 'work', name);
  await mkdir(work, { recursive: true });
  await git(work, ['init', '-q', '-b', 'main']);
  const sha = await commit(name, `${name}: first version`, { 'package.json': JSON.stringify({ name: `@acme/${name}`, version: '1.0.0' }, null, 2) });
  await git(repos, ['init', '-q', '--bare', `${name}.git`]);
  await git(work, ['push', '-q', join(repos, `${name}.git`), 'main']);
  return sha;
}

// --- the integration workspace, with the built plugin linked in --------------
async function createWorkspace() {
  await cp(template, ws, { recursive: true });
  for (const name of ['auth', 'users', 'billing']) {
    const file = join(ws, 'components', name, 'component.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('__REPOS__', repos));
  }
  await linkNodeModules(ws, repoRoot);
}

async function nx(args, { mayFail = false } = {}) {
  console.log(`$ nx ${args.join(' ')}`);
  const result = await runNx(ws, args);
  // Keep what the executor said; drop Nx's own run summary.
  const noise = /^\s*>\s+nx run|NX\s+(Successfully|Running|Ran target)|Run duration:|Cache:|Critical path:|Recoverable time:|Failed tasks:|^\s*- integration:|Hint: run the command|JSON output created|graph\.json$/;
  const out = result.all.split('\n').filter((l) => l.trim() && !noise.test(l));
  if (out.length) console.log(out.map((l) => `    ${l}`).join('\n'));
  if (result.exitCode !== 0 && mayFail) console.log(`    (exit ${result.exitCode}, as expected)`);
  if (result.exitCode !== 0 && !mayFail) {
    console.error(`demo: nx ${args.join(' ')} failed (exit ${result.exitCode})`);
    process.exit(1);
  }
  return result;
}

heading('Three component repositories (real git, file:// URLs)');
await mkdir(repos, { recursive: true });
const mains = {};
for (const name of ['auth', 'users', 'billing']) {
  mains[name] = await createRepo(name);
  console.log(`    ${name.padEnd(8)} main = ${mains[name]}`);
}
await createWorkspace();
console.log(`    integration workspace: ${ws}`);
const mainList = () => Object.entries(mains).map(([n, s]) => `${n}@${s}`).join(',');

heading('Components and seams are Nx projects; the graph shows how they couple');
await nx(['show', 'projects']);
await nx(['graph', '--file=.seamline/graph.json']);
const { graph } = JSON.parse(await readFile(join(ws, '.seamline/graph.json'), 'utf8'));
for (const edge of Object.values(graph.dependencies).flat()) console.log(`    ${edge.source} -> ${edge.target}`);

heading('A full manifest: every component at its latest main');
await nx(['run', 'integration:manifest', '--kind=full', `--main=${mainList()}`, '--out=.seamline/runs/full-1/manifest.yaml']);
console.log(await readFile(join(ws, '.seamline/runs/full-1/manifest.yaml'), 'utf8'));

heading('Materialize the tuple: each pin fetched by SHA into a pin cache, checked out once');
await nx(['run', 'integration:materialize', '--manifest=.seamline/runs/full-1/manifest.yaml']);
await nx(['run', 'integration:materialize', '--manifest=.seamline/runs/full-1/manifest.yaml']);

heading('The full suite passed: record the tuple as known good (append-only, hash-chained)');
await nx(['run', 'integration:record-known-good', '--manifest=.seamline/runs/full-1/manifest.yaml', '--verdict=pass', '--duration=742']);

heading('A PR in users: its head SHA with the last known good of everything else');
const work = join(repos, 'work', 'users');
await git(work, ['checkout', '-qb', 'rename-token']);
const prSha = await commit('users', 'users: read the renamed token field', { 'src/token.js': 'module.exports = (t) => t.accessToken;\n' });
await git(work, ['push', '-q', join(repos, 'users.git'), 'rename-token']);
await nx(['run', 'integration:manifest', '--kind=pr', '--component=users', `--sha=${prSha}`, '--pr=17', '--out=.seamline/runs/pr-17/manifest.yaml']);
console.log(await readFile(join(ws, '.seamline/runs/pr-17/manifest.yaml'), 'utf8'));

heading('Release gate: the PR head is not releasable until a full run passes with it');
await nx(['run', 'integration:known-good', `--can-release=users@${prSha}`], { mayFail: true });

heading('The PR merges; the next full run passes and is recorded');
await git(work, ['checkout', '-q', 'main']);
await git(work, ['merge', '-q', '--ff-only', 'rename-token']);
await git(work, ['push', '-q', join(repos, 'users.git'), 'main']);
mains.users = prSha;
await nx(['run', 'integration:manifest', '--kind=full', `--main=${mainList()}`, '--out=.seamline/runs/full-2/manifest.yaml']);
await nx(['run', 'integration:record-known-good', '--manifest=.seamline/runs/full-2/manifest.yaml', '--verdict=pass', '--duration=731']);
await nx(['run', 'integration:known-good', `--can-release=users@${prSha}`]);
await nx(['run', 'integration:known-good', '--diff=latest~1..latest']);

heading('The store: verify the chain, latest, and a shields.io badge');
await nx(['run', 'integration:known-good', '--verify']);
await nx(['run', 'integration:known-good', '--latest']);
await nx(['run', 'integration:known-good', '--badge=.seamline/badge.json']);
console.log(`    ${await readFile(join(ws, '.seamline/badge.json'), 'utf8').then((t) => t.replace(/\s+/g, ' '))}`);

heading('Somebody edits history by hand: verify names the line');
const store = join(ws, 'integration/known-good.jsonl');
const original = await readFile(store, 'utf8');
await writeFile(store, original.replace('"duration_s":742', '"duration_s":7'));
await nx(['run', 'integration:known-good', '--verify'], { mayFail: true });
await writeFile(store, original);

console.log(`\n${bold('Done.')} The demo workspace stays at ${dir}; explore it with, for example:`);
console.log(`    cd ${ws}`);
console.log('    node node_modules/nx/dist/bin/nx.js show project users');
console.log('    node node_modules/nx/dist/bin/nx.js run integration:known-good --latest');
console.log(`Remove it with rm -rf ${dir} when finished.`);
