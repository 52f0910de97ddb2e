#!/usr/bin/env node
// bench/bisect: suite runs ("probes") a bisect needs to name the commit that
// broke the full suite, on simulated histories (no git, no suite: a tuple fails
// iff the culprit component is at or past the culprit commit).
//   planner: planBisect (re-run bad, halve components, binary search commits)
//   linear:  the obvious scan: from good, advance components one by one (sorted),
//            commit by commit, until the first failure
// Counts, not times: a probe is a full suite run, so probes are the cost.
// Needs a built plugin: nx build seamline && node bench/bisect/run.mjs
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../lib/seeded-random.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { planBisect } = createRequire(import.meta.url)(join(repoRoot, 'dist/packages/seamline/src/core/bisect/plan-bisect.js'));

const KS = [2, 4, 8, 16];
const CS = [16, 64, 256, 512];
const RANDOM_CASES = Number(process.env.BENCH_RANDOM ?? 8);

const sha = (component, position) => createHash('sha256').update(`${component}:${position}`).digest('hex').slice(0, 40);
const names = (k) => Array.from({ length: k }, (_, i) => `c${String(i).padStart(2, '0')}`);

/** Whole numbers below n, the same cases every run. */
function prng(seed) {
  const next = mulberry32(seed);
  return (n) => Math.floor(next() * n);
}

function history(k, c) {
  const good = {};
  const bad = {};
  const commits = {};
  const position = new Map();
  for (const name of names(k)) {
    good[name] = sha(name, 0);
    position.set(good[name], 0);
    commits[name] = Array.from({ length: c }, (_, i) => sha(name, i + 1));
    commits[name].forEach((s, i) => position.set(s, i + 1));
    bad[name] = commits[name][c - 1];
  }
  return { input: { good, bad, commits }, position };
}

function planner(h, fails) {
  const plan = planBisect(h.input);
  let probes = 0;
  let next = plan.next();
  while (!next.done) {
    probes += 1;
    next = plan.next(fails(next.value.tuple) ? 'fail' : 'pass');
  }
  return { probes, verdict: next.value };
}

function linear(h, fails) {
  const tuple = { ...h.input.good };
  let probes = 0;
  for (const name of Object.keys(h.input.commits).sort()) {
    for (const s of h.input.commits[name]) {
      tuple[name] = s;
      probes += 1;
      if (fails(tuple)) return { probes, verdict: { component: name, sha: s } };
    }
  }
  throw new Error('linear scan found no failure');
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (x) => (Number.isInteger(x) ? String(x) : x.toFixed(1));

const rand = prng(2026);
const rows = [];
const allRatios = [];
for (const k of KS) {
  for (const c of CS) {
    const comps = names(k);
    // Culprit component first / middle / last / random, commit first / middle / last / random, plus random pairs.
    const cases = [];
    for (const component of [comps[0], comps[k >> 1], comps[k - 1], comps[rand(k)]]) {
      for (const index of [1, Math.ceil(c / 2), c, 1 + rand(c)]) cases.push([component, index]);
    }
    for (let i = 0; i < RANDOM_CASES; i++) cases.push([comps[rand(k)], 1 + rand(c)]);

    const h = history(k, c);
    const p = [];
    const l = [];
    const ratios = [];
    for (const [component, index] of cases) {
      const fails = (t) => h.position.get(t[component]) >= index;
      const a = planner(h, fails);
      const b = linear(h, fails);
      if (a.verdict.kind !== 'culprit' || a.verdict.component !== component || a.verdict.sha !== h.input.commits[component][index - 1]) {
        throw new Error(`planner named ${JSON.stringify(a.verdict)} for ${component}@${index}`);
      }
      if (b.verdict.component !== component || b.verdict.sha !== h.input.commits[component][index - 1]) throw new Error('linear scan is wrong');
      p.push(a.probes);
      l.push(b.probes);
      ratios.push(b.probes / a.probes);
    }
    allRatios.push(...ratios);
    const bound = Math.ceil(Math.log2(k)) + Math.ceil(Math.log2(c)) + 2;
    rows.push([k, c, cases.length, bound, fmt(median(p)), Math.max(...p), fmt(median(l)), Math.max(...l), fmt(median(ratios)), fmt(Math.min(...ratios))]);
  }
}

const header = [
  'K',
  'C',
  'cases',
  'bound',
  'planner median',
  'planner worst',
  'linear median',
  'linear worst',
  'linear/planner median',
  'linear/planner lowest',
];
console.log(`| ${header.join(' | ')} |`);
console.log(`|${header.map(() => '---').join('|')}|`);
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
console.log();
console.log(
  `all ${allRatios.length} cases: linear/planner median ${fmt(median(allRatios))}, lowest ${allRatios.length ? Math.min(...allRatios).toFixed(2) : '-'}, highest ${fmt(Math.max(...allRatios))}`,
);
console.log(
  'planner worst never exceeded the bound:',
  rows.every((r) => r[5] <= r[3]),
);
