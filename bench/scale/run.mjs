#!/usr/bin/env node
// bench/scale: how Seamline's costs grow with what it holds. Each part times one
// operation at several sizes in this process, in the same minute, and reports the ratio
// of each size's median to the smallest's and a fitted growth exponent k (least squares
// of log(time) on log(size): time ~ size^k; k = 0 flat, k = 1 linear).
//
//   store:       known-good stores of 1,000 / 10,000 / 100,000 records (8 components
//                each, valid chains built with the store's own serializer and hash):
//                append (the store's own append, lock and fsync included), with the
//                notes a workspace keeps under .seamline/ and without (a fresh clone);
//                --verify, --latest (with the note an earlier read left, and without),
//                --can-release, prune (the known-good executor's actions, outside git so
//                history is not read)
//   selection:   1,000 / 10,000 seams over 200 components: loadWorkspace (reading and
//                parsing every seam.yaml), then selectSeams for a pr of one component,
//                buildPrManifest, manifestHash and serializeManifest
//   bookkeeping: one attempt's results for 1,000 / 10,000 seams (the seam-count sizes): each
//                seam's state and log (recordAttempt), then its results, junit.xml and
//                summary.md, as a run writes them after Nx hands back the task results
//   materialize: warm materializePins of 8 / 32 / 128 pins (real git: one local repo,
//                one component per commit, materialized cold once, untimed); batches
//                of 50 calls, per call and per pin
//
// Needs a built plugin: npm run bench:scale. BENCH_ROUNDS (default 5), BENCH_PARTS
// (default store,selection,bookkeeping,materialize), BENCH_STORE_SIZES (default 1000,10000,100000),
// BENCH_SEAM_COUNTS (default 1000,10000), BENCH_PIN_COUNTS (default 8,32,128).
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dist = join(repoRoot, 'dist/packages/seamline/src');
const require = createRequire(import.meta.url);
const load = (path) => require(join(dist, path));
const { KnownGoodStore } = load('store/known-good-store.js');
const { serializeRecord } = load('core/known-good/record.js');
const { sha256 } = load('core/hash.js');
const actions = load('workspace/known-good-actions.js');
const { loadWorkspace } = load('workspace/load-workspace.js');
const { selectSeams, couplingFromModel } = load('core/run/select-seams.js');
const { buildPrManifest } = load('core/manifest/build-manifest.js');
const { manifestHash } = load('core/manifest/manifest.js');
const { serializeManifest } = load('core/manifest/manifest-yaml.js');
const { materializePins } = load('git/materialize.js');
const { recordAttempt, seamResults } = load('run/seam-attempts.js');
const { decideVerdict } = load('core/run/results.js');
const { summaryMarkdown } = load('core/run/summary.js');
const { junitXml } = load('core/run/junit.js');

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PARTS = (process.env.BENCH_PARTS ?? 'store,selection,bookkeeping,materialize').split(',');
const sizes = (name, fallback) => (process.env[name] ?? fallback).split(',').map(Number);
const STORE_SIZES = sizes('BENCH_STORE_SIZES', '1000,10000,100000');
const SEAM_COUNTS = sizes('BENCH_SEAM_COUNTS', '1000,10000');
const PIN_COUNTS = sizes('BENCH_PIN_COUNTS', '8,32,128');
const CALLS = 50; // warm materializations per timed batch
const APPENDS = 10; // of each kind, per round and size; the median append is reported

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const time = async (fn) => {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
};
/** Least-squares slope of log(ms) on log(size). */
const growth = (sizes, ms) => {
  const x = sizes.map(Math.log);
  const y = ms.map((v) => Math.log(Math.max(v, 1e-3)));
  const mx = x.reduce((a, b) => a + b) / x.length;
  const my = y.reduce((a, b) => a + b) / y.length;
  return x.reduce((a, xi, i) => a + (xi - mx) * (y[i] - my), 0) / x.reduce((a, xi) => a + (xi - mx) ** 2, 0);
};
const fmt = (ms) => (ms < 1 ? ms.toFixed(3) : ms < 10 ? ms.toFixed(2) : ms.toFixed(0));
function report(title, unit, sizes, table) {
  console.log(`\n${title} (median of ${ROUNDS} rounds, ms; ratio to ${sizes[0]} ${unit}; growth k in time ~ ${unit}^k):`);
  for (const [name, series] of Object.entries(table)) {
    // Round 0 warms up (the JIT, the page cache) and is not counted.
    const ms = sizes.map((n) => median(series[n].slice(1)));
    const cells = sizes.map((n, i) => `${n}: ${fmt(ms[i])}${i ? ` (${(ms[i] / ms[0]).toFixed(2)}x)` : ''}`);
    console.log(`  ${name.padEnd(22)} ${cells.join(', ')}; k = ${growth(sizes, ms).toFixed(2)}`);
  }
}

const sha = (text) => sha256(text).slice(0, 40);
const components = Array.from({ length: 8 }, (_, c) => `comp-${c}`);

/** `n` chained records, as appends would have written them. */
function storeText(n) {
  const lines = [];
  let prev = null;
  for (let i = 0; i < n; i++) {
    const tuple = Object.fromEntries(components.map((c) => [c, sha(`${i}/${c}`)]));
    const line = serializeRecord({
      timestamp: '2026-11-21T12:00:00Z',
      tuple,
      manifest_sha256: sha256(`manifest ${i}`),
      suite: i % 4 ? 'full' : 'pr_fast',
      duration_s: 700,
      prev,
      run: `https://ci.example/acme/integration/actions/runs/${i}`,
    });
    lines.push(line);
    prev = sha256(line);
  }
  return `${lines.join('\n')}\n`;
}

const tmp = await mkdtemp(join(tmpdir(), 'seamline-bench-scale-'));
// Checkouts live outside the workspace (the user's cache folder by default): here, in the bench's own folder.
process.env.SEAMLINE_CHECKOUTS_DIR = join(tmp, 'checkouts-outside');
try {
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  if (PARTS.includes('store')) await storeBench();
  if (PARTS.includes('selection')) await selectionBench();
  if (PARTS.includes('bookkeeping')) await bookkeepingBench();
  if (PARTS.includes('materialize')) await materializeBench();
  console.log(
    `\nload average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
} finally {
  await rm(tmp, { recursive: true, force: true });
}

async function storeBench() {
  const sources = {};
  for (const n of STORE_SIZES) {
    sources[n] = join(tmp, `store-${n}.jsonl`);
    await writeFile(sources[n], storeText(n));
  }
  const ops = ['append', 'append, no line note', '--verify', '--latest', '--latest, no verified note', '--can-release', 'prune (keep half)'];
  const t = Object.fromEntries(ops.map((op) => [op, Object.fromEntries(STORE_SIZES.map((n) => [n, []]))]));
  const model = { components: Object.fromEntries(components.map((c) => [c, {}])) };
  for (let round = 0; round <= ROUNDS; round++) {
    for (const n of STORE_SIZES) {
      const path = join(tmp, `round-${n}`, 'known-good.jsonl');
      await mkdir(dirname(path), { recursive: true });
      await copyFile(sources[n], path);
      // As openStore makes it: notes under .seamline/ (the line count of the last append,
      // what the last read verified); as on a fresh clone: none.
      const notes = {
        lineCount: join(dirname(path), '.seamline', 'known-good-lines.json'),
        verified: join(dirname(path), '.seamline', 'known-good-verified.json'),
      };
      const store = new KnownGoodStore(path, 'known-good.jsonl', {}, notes);
      const bare = new KnownGoodStore(path, 'known-good.jsonl');
      // An earlier run read the store (untimed); the appends below come after it.
      if (!(await store.verifyEnd()).ok) throw new Error('store does not verify');
      const ctx = { root: tmp, model, store, suite: 'full' };
      const appends = { append: [], 'append, no line note': [] };
      for (let i = 0; i < 2 * APPENDS; i++) {
        const kind = i % 2 ? 'append, no line note' : 'append';
        const { ms, value } = await time(() =>
          (i % 2 ? bare : store).append({
            timestamp: '2026-11-22T00:00:00Z',
            tuple: Object.fromEntries(components.map((c) => [c, sha(`new ${round}/${i}/${c}`)])),
            manifest_sha256: sha256(`new ${round}/${i}`),
            suite: 'full',
            duration_s: 1,
            run: null,
          }),
        );
        if (value.line !== n + i + 1) throw new Error(`append ${i} to ${n} records: line ${value.line}`);
        appends[kind].push(ms);
      }
      for (const kind of Object.keys(appends)) t[kind][n].push(median(appends[kind]));
      const verify = await time(() => actions.verifyStore(ctx, undefined));
      if (!verify.value.lines[0].includes(`${n + 2 * APPENDS} record(s), chain intact`)) throw new Error(verify.value.lines[0]);
      t['--verify'][n].push(verify.ms);
      const latest = await time(() => actions.showLatest(ctx));
      if (!latest.value.json.manifest_sha256) throw new Error('no latest');
      t['--latest'][n].push(latest.ms);
      const fresh = await time(() => actions.showLatest({ ...ctx, store: bare }));
      if (fresh.value.json.manifest_sha256 !== latest.value.json.manifest_sha256) throw new Error('latest differs without the note');
      t['--latest, no verified note'][n].push(fresh.ms);
      // A SHA of the oldest full record: the whole store is searched either way.
      const release = await time(() => actions.canReleasePin(ctx, `comp-3@${sha('1/comp-3')}`));
      if (!release.value.canRelease) throw new Error(release.value.message);
      t['--can-release'][n].push(release.ms);
      const prune = await time(() => store.prune(Math.floor(n / 2), '2026-12-01T00:00:00Z'));
      if (prune.value !== n + 2 * APPENDS - Math.floor(n / 2)) throw new Error(`prune removed ${prune.value}`);
      t['prune (keep half)'][n].push(prune.ms);
      await rm(dirname(path), { recursive: true, force: true });
    }
  }
  report('known-good store', 'records', STORE_SIZES, t);
}

async function selectionBench() {
  const COMPONENTS = 200;
  const names = Array.from({ length: COMPONENTS }, (_, i) => `comp-${String(i).padStart(3, '0')}`);
  const t = { loadWorkspace: {}, 'select + build manifest': {} };
  for (const seams of SEAM_COUNTS) {
    const root = join(tmp, `ws-${seams}`);
    const files = {
      'integration/seamline.yaml': 'store: integration/known-good.jsonl\nsubsets:\n  full:\n    seams: all\n    budget: 1h\nrenderers: [env]\n',
    };
    names.forEach((name, i) => {
      const deps = i ? [names[(i * 7) % i], names[(i * 13) % i]].filter((d, j, a) => a.indexOf(d) === j) : [];
      files[`components/${name}/component.yaml`] =
        `repo: file:///nonexistent/${name}.git\nbranch: main\n${deps.length ? `dependsOn: [${deps.join(', ')}]\n` : ''}`;
    });
    for (let s = 0; s < seams; s++) {
      const touched = [names[s % COMPONENTS], names[(s * 31 + 7) % COMPONENTS]].filter((c, j, a) => a.indexOf(c) === j);
      files[`seams/seam-${String(s).padStart(5, '0')}/seam.yaml`] =
        `components: [${touched.join(', ')}]\nring: ${1 + (s % 3)}\ncatches: ${touched[0]} breaks ${touched.at(-1)} (${s})\ncommand: [node, test.js]\n`;
    }
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(root, path)), { recursive: true });
      await writeFile(join(root, path), text);
    }
    t.loadWorkspace[seams] = [];
    t['select + build manifest'][seams] = [];
    const knownGood = Object.fromEntries(names.map((n) => [n, sha(`kg ${n}`)]));
    // The pr's component: one some seam touches, also at the small sizes of a smoke run.
    const moved = names[150 % seams];
    for (let round = 0; round <= ROUNDS; round++) {
      const loaded = await time(() => loadWorkspace(root));
      t.loadWorkspace[seams].push(loaded.ms);
      const model = loaded.value;
      const built = await time(() => {
        const { selected } = selectSeams(model, 'full', couplingFromModel(model), [moved]);
        const manifest = buildPrManifest(
          {
            components: model.components,
            knownGood,
            subset: 'full',
            timestamp: '2026-11-22T00:00:00Z',
          },
          { component: moved, sha: sha('under test') },
        );
        return { selected, hash: manifestHash(manifest), yaml: serializeManifest(manifest) };
      });
      if (!built.value.selected.length || !built.value.yaml.includes(moved)) throw new Error('nothing selected');
      t['select + build manifest'][seams].push(built.ms);
    }
  }
  report('seam selection and manifest', 'seams', SEAM_COUNTS, t);
}

async function bookkeepingBench() {
  const t = { 'seam logs and states': {}, 'results, junit, summary': {} };
  for (const seams of SEAM_COUNTS) {
    const names = Array.from({ length: seams }, (_, i) => `seam-${String(i).padStart(5, '0')}`);
    // What Nx hands back for one attempt: every 50th seam failed, the rest passed, a few lines of output each.
    const records = new Map(
      names.map((project, i) => [
        project,
        {
          project,
          target: 'test',
          status: i % 50 ? 'success' : 'failure',
          code: i % 50 ? 0 : 1,
          startTime: 0,
          endTime: 900,
          terminalOutput: `> node test.js\n${project}: ok\n`,
        },
      ]),
    );
    t['seam logs and states'][seams] = [];
    t['results, junit, summary'][seams] = [];
    for (let round = 0; round <= ROUNDS; round++) {
      const runDir = join(tmp, `run-${seams}-${round}`);
      await mkdir(join(runDir, 'logs'), { recursive: true });
      const attempts = new Map();
      const logged = await time(() => recordAttempt({ runDir, attempt: 1, pending: names, records, attempts, retries: () => 0 }));
      if (logged.value.length || attempts.size !== seams)
        throw new Error(`attempt of ${seams} seams: ${attempts.size} states, ${logged.value.length} to retry`);
      t['seam logs and states'][seams].push(logged.ms);
      const files = await time(() => {
        const results = seamResults(names, attempts, new Set(), (seam) => `logs/${seam}.log`);
        const { verdict, reason } = decideVerdict({ seams: results, budgetS: 3600, seamsDurationS: 900 });
        const run = { run_id: 'bench', kind: 'full', manifest_sha256: sha256('bench'), subset: 'full', tuple: {}, verdict, reason, seams: results };
        Object.assign(run, { not_selected: 0, budget_s: 3600, seams_duration_s: 900, started: '2026-11-30T00:00:00Z', finished: '2026-11-30T01:00:00Z' });
        return { json: JSON.stringify(run, null, 2), junit: junitXml(run), summary: summaryMarkdown(run, components, 'manifest.yaml'), verdict };
      });
      if (files.value.verdict !== 'fail' || !files.value.junit.includes(names.at(-1))) throw new Error('results of the bookkeeping run');
      t['results, junit, summary'][seams].push(files.ms);
      await rm(runDir, { recursive: true, force: true });
    }
  }
  report("a run's bookkeeping of one attempt", 'seams', SEAM_COUNTS, t);
}

async function materializeBench() {
  const max = Math.max(...PIN_COUNTS);
  const remote = join(tmp, 'remote.git');
  await execa('git', ['init', '-q', '-b', 'main', remote]);
  await execa('git', ['config', 'uploadpack.allowAnySHA1InWant', 'true'], { cwd: remote });
  const chunks = [];
  for (let c = 0; c < max; c++) {
    const content = `version ${c}\n`;
    const message = `commit ${c}`;
    chunks.push(
      `commit refs/heads/main\ncommitter Bench <bench@example.com> ${1700000000 + c} +0000\ndata ${message.length}\n${message}\n`,
      `M 100644 inline src/index.js\ndata ${content.length}\n${content}\n`,
    );
  }
  await execa('git', ['fast-import', '--quiet'], { cwd: remote, input: chunks.join('') });
  const shas = (await execa('git', ['rev-list', '--reverse', 'main'], { cwd: remote })).stdout.split('\n');
  const t = { 'warm, whole call': {}, 'warm, per pin (µs)': {} };
  for (const count of PIN_COUNTS) {
    const ws = join(tmp, `pins-${count}`);
    const pins = shas.slice(0, count).map((s, i) => ({ component: `c${String(i).padStart(3, '0')}`, url: `file://${remote}`, sha: s }));
    await materializePins(ws, pins); // cold, untimed
    t['warm, whole call'][count] = [];
    t['warm, per pin (µs)'][count] = [];
    for (let round = 0; round <= ROUNDS; round++) {
      // Microseconds per pin: time a batch of calls, so the timer and one GC pause do not decide.
      const { ms: batch, value } = await time(async () => {
        let last;
        for (let i = 0; i < CALLS; i++) last = await materializePins(ws, pins);
        return last;
      });
      const ms = batch / CALLS;
      if (value.length !== count || value.some((p) => p.status !== 'cached')) throw new Error(`not every one of ${count} pins was already materialized`);
      t['warm, whole call'][count].push(ms);
      t['warm, per pin (µs)'][count].push((ms / count) * 1000);
    }
  }
  report('warm materialization', 'pins', PIN_COUNTS, t);
}
