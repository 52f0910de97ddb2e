#!/usr/bin/env node
// bench/report: `nx run integration:report`'s work (buildReport of the built plugin) on a
// store of 10,000 known-good records and 500 run directories, against a baseline measured
// in the same run: reading and JSON-parsing the same inputs (every store line, every
// results.json and bisect.json, every failed seam's log), which any report must do. The
// ratio says what building the view and the HTML costs on top of the unavoidable reads.
//
// Then index.html in headless Chromium (Debian's /usr/bin/chromium, via playwright-core),
// from file:// with the network off: time to the load event and the time a click on
// "older" takes to show the next page of the runs, against the same page with its
// script removed (all 500 runs laid out, as without paging). The history matrix is
// paged statically (the newest 50 records on the page, every record on history/<n>.html).
//
// Needs a built plugin: npm run bench:report. BENCH_ROUNDS (default 5); BENCH_KEEP=1 keeps
// the temp workspace; SEAMLINE_CHROMIUM overrides the browser path (BENCH_BROWSER=0 skips it).
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mulberry32 } from '../lib/seeded-random.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dist = join(repoRoot, 'dist/packages/seamline/src');
if (!existsSync(dist)) throw new Error('no built plugin in dist/packages/seamline: run `npm run bench:report` (or `nx build seamline` first)');
const require = createRequire(import.meta.url);
const { buildReport } = require(join(dist, 'run/build-report.js'));
const { loadWorkspace } = require(join(dist, 'workspace/load-workspace.js'));
const { serializeRecord } = require(join(dist, 'core/known-good/record.js'));
const { sha256 } = require(join(dist, 'core/hash.js'));
const { verifyChain } = require(join(dist, 'core/known-good/chain.js'));

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new Error(`BENCH_ROUNDS must be a positive integer, got ${process.env.BENCH_ROUNDS}`);
const RECORDS = 10_000;
const RUNS = 500;
const COMPONENTS = 20;
const SEAMS = 60;
const CHROMIUM = process.env.SEAMLINE_CHROMIUM || '/usr/bin/chromium';

const rand = mulberry32(0x5e4a);
const int = (n) => Math.floor(rand() * n);
const hex = (n) => Array.from({ length: n }, () => '0123456789abcdef'[int(16)]).join('');
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const compact = (ts) => ts.replace(/[-:]/g, '').replace(/Z$/, '');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const components = Array.from({ length: COMPONENTS }, (_, i) => `comp-${String(i).padStart(2, '0')}`);
const seams = Array.from({ length: SEAMS }, (_, i) => `seam-${String(i).padStart(2, '0')}`);

async function write(root, path, text) {
  await mkdir(dirname(join(root, path)), { recursive: true });
  await writeFile(join(root, path), text);
}

async function makeWorkspace() {
  const root = await mkdtemp(join(tmpdir(), 'seamline-bench-report-'));
  await write(
    root,
    'integration/seamline.yaml',
    `subsets:\n  full: { seams: all, budget: 1h }\nquarantine:\n  - { seam: seam-03, reason: "flaky fixture", expires: 2027-01-31 }\n`,
  );
  for (const [i, c] of components.entries())
    await write(root, `components/${c}/component.yaml`, `repo: file:///nonexistent/${c}.git\n${i ? `dependsOn: [${components[int(i)]}]\n` : ''}`);
  for (const s of seams) await write(root, `seams/${s}/seam.yaml`, `components: [${components[int(COMPONENTS)]}]\ncatches: a break between components\n`);

  // The store: 10,000 chained records, each moving 1-3 components.
  let tuple = Object.fromEntries(components.map((c) => [c, hex(40)]));
  let prev = null;
  const lines = [];
  const t0 = Date.parse('2025-01-01T00:00:00Z');
  for (let i = 0; i < RECORDS; i++) {
    tuple = { ...tuple };
    for (let k = 1 + int(3); k > 0; k--) tuple[components[int(COMPONENTS)]] = hex(40);
    const line = serializeRecord({
      timestamp: iso(t0 + i * 600_000),
      tuple,
      manifest_sha256: hex(64),
      suite: 'full',
      duration_s: 500 + int(400),
      prev,
      run: null,
    });
    lines.push(line);
    prev = sha256(line);
  }
  await write(root, 'integration/known-good.jsonl', `${lines.join('\n')}\n`);

  // 500 runs: a fifth fail with one or two seams (each with a 300-line log), a tenth have a flaky seam, one in twenty is a bisect verdict.
  const r0 = Date.parse('2026-10-01T00:00:00Z');
  for (let i = 0; i < RUNS; i++) {
    const started = iso(r0 + i * 3_600_000);
    if (i % 20 === 19) {
      const bad = { ...tuple, [components[0]]: hex(40) };
      const probes = Array.from({ length: 8 }, (_, n) => ({
        run: n + 1,
        why: 'probe',
        tuple: bad,
        result: n % 2 ? 'pass' : 'fail',
        answered: 'ran',
        seconds: 3,
        run_dir: `.seamline/runs/x${n}`,
        reason: 'r',
      }));
      const verdict = { kind: 'culprit', component: components[0], sha: bad[components[0]], index: 3, of: 9, runs: 8 };
      await write(
        root,
        `.seamline/runs/bisect-verdict-${compact(started)}-${hex(8)}/bisect.json`,
        JSON.stringify({
          kind: 'full',
          seams: [seams[1]],
          good: tuple,
          bad,
          probes,
          verdict,
          line: `culprit: ${components[0]}`,
          culprit: { sha: verdict.sha, subject: 'a change', author: 'A', date: started },
        }),
      );
      continue;
    }
    const id = `full-${compact(started)}-${hex(8)}`;
    const failing = i % 5 === 0 ? [seams[int(SEAMS)], ...(i % 10 === 0 ? [seams[int(SEAMS)]] : [])] : [];
    const flaky = i % 10 === 3 ? seams[int(SEAMS)] : undefined;
    const results = seams.map((s) => ({
      seam: s,
      verdict: failing.includes(s) ? 'fail' : s === flaky ? 'flaky' : 'pass',
      quarantined: false,
      duration_s: 1 + int(30),
      attempts: 1,
      cached: false,
      log: `.seamline/runs/${id}/logs/${s}.log`,
    }));
    await write(
      root,
      `.seamline/runs/${id}/results.json`,
      JSON.stringify(
        {
          run_id: id,
          kind: 'full',
          manifest_sha256: hex(64),
          subset: 'full',
          tuple,
          verdict: failing.length ? 'fail' : 'pass',
          reason: failing.length ? `failed seam: ${failing.join(', ')}` : 'passed',
          seams: results,
          not_selected: 0,
          budget_s: 3600,
          seams_duration_s: 500,
          started,
          finished: started,
        },
        null,
        2,
      ),
    );
    for (const s of failing)
      await write(root, `.seamline/runs/${id}/logs/${s}.log`, Array.from({ length: 300 }, (_, n) => `line ${n}: at something <${hex(6)}> happened`).join('\n'));
  }
  return root;
}

/** The baseline: read and parse every input the report reads, nothing else. */
async function readAndParse(root) {
  const text = await readFile(join(root, 'integration/known-good.jsonl'), 'utf8');
  let n = 0;
  for (const line of text.split('\n')) if (line) n += JSON.parse(line).duration_s > 0 ? 1 : 0;
  const runsDir = join(root, '.seamline/runs');
  for (const id of await readdir(runsDir)) {
    const files = await readdir(join(runsDir, id));
    for (const f of files.filter((x) => x.endsWith('.json'))) {
      const data = JSON.parse(await readFile(join(runsDir, id, f), 'utf8'));
      for (const s of data.seams ?? []) if (s.verdict === 'fail') await readFile(join(runsDir, id, 'logs', `${s.seam}.log`), 'utf8');
    }
  }
  return n;
}

async function timed(fn) {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

async function browserFigures(file) {
  if (process.env.BENCH_BROWSER === '0' || !existsSync(CHROMIUM)) return undefined;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--proxy-server=http://127.0.0.1:9'] });
  const html = await readFile(file, 'utf8');
  const plainFile = file.replace(/index\.html$/, 'no-script.html');
  await writeFile(plainFile, html.replace(/<script>[\s\S]*?<\/script>/g, ''));
  const load = async (path) => {
    const context = await browser.newContext({ offline: true });
    const page = await context.newPage();
    const t = await timed(() => page.goto(pathToFileURL(path).href, { waitUntil: 'load' }));
    return { t, page, context };
  };
  const paged = [];
  const plain = [];
  const flips = [];
  for (let r = 0; r < ROUNDS; r++) {
    const a = await load(file);
    paged.push(a.t);
    // One page of the history: the click, the rows swapped, and the next frame painted.
    flips.push(
      await a.page.evaluate(
        () =>
          new Promise((done) => {
            // eslint-disable-next-line no-undef -- runs in the page
            const button = [...document.querySelectorAll('#runs .pager button')].find((b) => b.textContent === 'older');
            const t = performance.now();
            button.click();
            // eslint-disable-next-line no-undef -- runs in the page
            requestAnimationFrame(() => setTimeout(() => done(performance.now() - t), 0));
          }),
      ),
    );
    const visible = await a.page.locator('#runs article.run:visible').count();
    if (visible !== 20) throw new Error(`a page of runs shows ${visible} runs, expected 20`);
    await a.context.close();
    const b = await load(plainFile);
    plain.push(b.t);
    await b.context.close();
  }
  await browser.close();
  return { paged: median(paged), plain: median(plain), flip: median(flips) };
}

const root = await makeWorkspace();
try {
  const model = await loadWorkspace(root);
  const out = join(root, 'dist/seamline-report');
  const base = [];
  const chain = [];
  const report = [];
  let outcome;
  await readAndParse(root); // warm the page cache for both
  for (let r = 0; r < ROUNDS; r++) {
    base.push(await timed(() => readAndParse(root)));
    // What every command that reads the store does first (known-good --verify too): parse, schema-check and hash-chain every line.
    chain.push(await timed(async () => verifyChain(await readFile(join(root, 'integration/known-good.jsonl'), 'utf8'))));
    report.push(await timed(async () => (outcome = await buildReport({ root, model, out }))));
  }
  if (outcome.records !== RECORDS || outcome.runs !== RUNS) throw new Error(`report read ${outcome.records} records and ${outcome.runs} runs`);
  const site = join(out, 'index.html');
  const html = await readFile(site, 'utf8');
  for (const needle of ['id="latest-tuple"', `<tr id="record-${RECORDS}"`, 'id="seam-seam-03"'])
    if (!html.includes(needle)) throw new Error(`the site lacks ${needle}`);
  const b = median(base);
  const s = median(report);
  console.log(
    `inputs: ${RECORDS} known-good records, ${RUNS} run directories (${COMPONENTS} components, ${SEAMS} seams); load average ${loadavg()[0].toFixed(1)}`,
  );
  const c = median(chain);
  console.log(
    `median of ${ROUNDS} rounds (ms): read+JSON.parse the inputs ${b.toFixed(0)}, verify the store's chain ${c.toFixed(0)}, buildReport ${s.toFixed(0)}`,
  );
  console.log(`buildReport vs read+parse: ${(s / b).toFixed(2)}x the time; vs read+parse+verify the chain: ${(s / (b + c)).toFixed(2)}x`);
  console.log(
    `site: ${outcome.files} files, ${(outcome.bytes / 1024 / 1024).toFixed(1)} MiB (index.html ${(Buffer.byteLength(html) / 1024 / 1024).toFixed(1)} MiB)`,
  );
  const page = await browserFigures(site);
  if (page) {
    console.log(
      `Chromium, file://, median of ${ROUNDS} (ms): load ${page.paged.toFixed(0)} with paging, ${page.plain.toFixed(0)} without script (all 500 runs laid out)`,
    );
    console.log(`load with paging vs without script: ${(page.paged / page.plain).toFixed(2)}x the time; next page of the runs: ${page.flip.toFixed(0)} ms`);
  } else console.log('Chromium: skipped (BENCH_BROWSER=0 or no browser)');
} finally {
  if (process.env.BENCH_KEEP === '1') console.log(`kept ${root}`);
  else await rm(root, { recursive: true, force: true });
}
