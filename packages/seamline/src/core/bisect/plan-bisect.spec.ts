import { createHash } from 'node:crypto';
import { SeamlineError } from '../errors';
import type { Tuple } from '../tuple';
import { type BisectInput, type Probe, type ProbeResult, planBisect } from './plan-bisect';
import { runBisect } from './run-bisect';
import { type BisectVerdict, describeVerdict } from './verdict';

// Simulated histories: component c at position 0 is its good sha, positions 1..C its commits (C is bad).
const sha = (component: string, position: number) => createHash('sha256').update(`${component}:${position}`).digest('hex').slice(0, 40);
const names = (k: number) => Array.from({ length: k }, (_, i) => `c${String(i).padStart(2, '0')}`);

interface History {
  input: BisectInput;
  /** Position of a component's sha in its history (0 = good). */
  position: (tuple: Tuple, component: string) => number;
}

function history(counts: Record<string, number>, unmoved: string[] = []): History {
  const good: Record<string, string> = {};
  const bad: Record<string, string> = {};
  const commits: Record<string, string[]> = {};
  for (const [name, count] of Object.entries(counts)) {
    good[name] = sha(name, 0);
    commits[name] = Array.from({ length: count }, (_, i) => sha(name, i + 1));
    bad[name] = commits[name][count - 1];
  }
  for (const name of unmoved) good[name] = bad[name] = sha(name, 0);
  const position = (tuple: Tuple, component: string) => {
    const at = tuple[component];
    if (at === good[component]) return 0;
    const i = commits[component]?.indexOf(at) ?? -1;
    if (i < 0) throw new Error(`unknown sha ${at} for ${component}`);
    return i + 1;
  };
  return { input: { good, bad, commits }, position };
}

const uniform = (k: number, c: number) => history(Object.fromEntries(names(k).map((n) => [n, c])));

type Oracle = (tuple: Tuple) => ProbeResult;
/** Fails iff `component` is at or past commit `index` (1-based). */
const culpritOracle =
  (h: History, component: string, index: number): Oracle =>
  (t) =>
    h.position(t, component) >= index ? 'fail' : 'pass';

/** Drive the planner synchronously (the simulated suite is instant). */
function drive(input: BisectInput, oracle: Oracle): { verdict: BisectVerdict; probes: Probe[] } {
  const plan = planBisect(input);
  const probes: Probe[] = [];
  let next = plan.next();
  while (!next.done) {
    probes.push(next.value);
    if (probes.length > 10_000) throw new Error('planner does not stop');
    next = plan.next(oracle(next.value.tuple));
  }
  return { verdict: next.value, probes };
}

const bound = (k: number, c: number) => Math.ceil(Math.log2(k)) + Math.ceil(Math.log2(c)) + 2;
const keyOf = (t: Tuple) => JSON.stringify(Object.entries(t).sort());

/** Seeded PRNG (mulberry32): the same cases every run. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n) };
}

function expectCulprit(h: History, component: string, index: number, oracle: Oracle = culpritOracle(h, component, index)) {
  const { verdict, probes } = drive(h.input, oracle);
  const count = h.input.commits[component].length;
  expect(verdict).toEqual({ kind: 'culprit', component, sha: h.input.commits[component][index - 1], index, of: count, runs: probes.length });
  return { verdict, probes };
}

describe('planBisect: one culprit commit', () => {
  const ks = [1, 2, 3, 5, 8, 16];
  const cs = [1, 2, 3, 7, 64, 512];
  const rand = prng(42);
  const cases: [number, number, string, number][] = [];
  for (const k of ks) {
    for (const c of cs) {
      const comps = names(k);
      const which = [...new Set([comps[0], comps[k - 1], comps[rand.int(k)]])];
      const where = [...new Set([1, c, Math.ceil(c / 2), 1 + rand.int(c)])];
      for (const component of which) for (const index of where) cases.push([k, c, component, index]);
    }
  }

  it.each(cases)('K=%i C=%i: %s at commit %i is named within the bound', (k, c, component, index) => {
    const h = uniform(k, c);
    const { probes } = expectCulprit(h, component, index);
    expect(probes.length).toBeLessThanOrEqual(bound(k, c));
    // No tuple is run twice, and the first probe is the bad tuple (flaky check).
    expect(new Set(probes.map((p) => keyOf(p.tuple))).size).toBe(probes.length);
    expect(probes[0].tuple).toEqual(h.input.bad);
  });

  it('holds the bound on 300 random histories (uneven commit counts, unmoved components)', () => {
    const r = prng(7);
    for (let n = 0; n < 300; n++) {
      const k = 1 + r.int(16);
      const counts = Object.fromEntries(names(k).map((name) => [name, 1 + r.int(512)]));
      const h = history(counts, r.int(2) ? ['zz-static'] : []);
      const component = names(k)[r.int(k)];
      const index = 1 + r.int(counts[component]);
      const { probes } = expectCulprit(h, component, index);
      expect(probes.length).toBeLessThanOrEqual(bound(k, counts[component]));
    }
  });

  it('never moves components that did not move', () => {
    const h = history({ a: 10, b: 10 }, ['static']);
    const { probes } = expectCulprit(h, 'b', 4);
    for (const p of probes) expect(p.tuple.static).toBe(h.input.good.static);
  });

  it('is deterministic: the same input gives the same probe sequence', () => {
    const h = uniform(8, 64);
    const oracle = culpritOracle(h, 'c05', 17);
    expect(drive(h.input, oracle).probes).toEqual(drive(h.input, oracle).probes);
  });

  it('writes short why lines', () => {
    const h = history({ billing: 10, users: 10 });
    const { probes } = expectCulprit(h, 'users', 3);
    expect(probes.map((p) => p.why)).toEqual([
      'bad tuple again: does the failure reproduce?',
      'advance billing to bad',
      `users at 5/10 ${h.input.commits.users[4].slice(0, 12)}`,
      `users at 2/10 ${h.input.commits.users[1].slice(0, 12)}`,
      `users at 3/10 ${h.input.commits.users[2].slice(0, 12)}`,
    ]);
  });
});

describe('planBisect: flaky, environment, nothing to blame', () => {
  it('stops after one run when the bad tuple passes again (flaky)', () => {
    const { verdict, probes } = drive(uniform(8, 64).input, () => 'pass');
    expect(verdict).toEqual({ kind: 'flaky', runs: 1 });
    expect(probes).toHaveLength(1);
  });

  it.each([
    [1, 1],
    [1, 64],
    [8, 1],
    [16, 512],
  ])('blames the environment when everything fails (K=%i C=%i), within the bound', (k, c) => {
    const h = uniform(k, c);
    const { verdict, probes } = drive(h.input, () => 'fail');
    expect(verdict).toEqual({ kind: 'environment', runs: bound(k, c) });
    expect(probes[probes.length - 1].tuple).toEqual(h.input.good);
  });

  it('does not run the good tuple when something passed', () => {
    const h = uniform(4, 8);
    const { probes } = expectCulprit(h, 'c03', 1);
    expect(probes.some((p) => keyOf(p.tuple) === keyOf(h.input.good))).toBe(false);
  });

  it('runs the good tuple once when only the first commit of the first component is left', () => {
    const h = uniform(4, 8);
    const { probes } = expectCulprit(h, 'c00', 1);
    expect(probes[probes.length - 1].tuple).toEqual(h.input.good);
  });

  it('is inconclusive when the bad tuple cannot be prepared', () => {
    expect(drive(uniform(2, 4).input, () => 'skip').verdict).toEqual({ kind: 'inconclusive', reason: 'the bad tuple could not be prepared', runs: 1 });
  });

  it('is inconclusive when the good tuple cannot be prepared and everything else failed', () => {
    const h = uniform(1, 4);
    const { verdict } = drive(h.input, (t) => (keyOf(t) === keyOf(h.input.good) ? 'skip' : 'fail'));
    expect(verdict.kind).toBe('inconclusive');
  });

  it('marks the two checks of a result seen before (bad again, good still passing) fresh, and no other probe', () => {
    const h = uniform(1, 4);
    const { probes } = drive(h.input, () => 'fail');
    const fresh = probes.filter((p) => p.fresh);
    expect(fresh.map((p) => p.tuple)).toEqual([h.input.bad, h.input.good]);
    expect(fresh.map((p) => p.why)).toEqual(['bad tuple again: does the failure reproduce?', 'known good tuple: does it still pass?']);
    expect(probes.filter((p) => !p.fresh).every((p) => !('fresh' in p))).toBe(true);
  });

  it('a good tuple the user gave (--good) is not called the known good', () => {
    const h = uniform(1, 4);
    const { verdict, probes } = drive({ ...h.input, goodLabel: 'good' }, () => 'fail');
    expect(probes[probes.length - 1].why).toBe('good tuple: does it still pass?');
    expect(verdict).toEqual({ kind: 'environment', runs: bound(1, 4), good: 'good' });
    expect(describeVerdict(verdict)).toBe(`environment: the good tuple fails too; blaming nobody (${bound(1, 4)} runs)`);
    expect(JSON.stringify(probes) + describeVerdict(verdict)).not.toContain('known good');
  });

  it('with nothing moved: environment if it fails, flaky if it passes, one run each', () => {
    const h = history({}, ['a', 'b']);
    expect(drive(h.input, () => 'fail').verdict).toEqual({ kind: 'environment', runs: 1 });
    expect(drive(h.input, () => 'pass').verdict).toEqual({ kind: 'flaky', runs: 1 });
  });
});

describe('planBisect: interactions', () => {
  const pairs: [number, string, string][] = [
    [2, 'c00', 'c01'],
    [3, 'c00', 'c02'],
    [5, 'c01', 'c03'],
    [8, 'c00', 'c01'],
    [8, 'c02', 'c07'],
    [16, 'c00', 'c15'],
    [16, 'c09', 'c10'],
  ];
  it.each(pairs)('K=%i: %s + %s failing only together is an interaction of exactly those two', (k, a, b) => {
    const h = uniform(k, 16);
    // Each needs to be past some commit, and the failure needs both.
    const { verdict, probes } = drive(h.input, (t) => (h.position(t, a) >= 5 && h.position(t, b) >= 12 ? 'fail' : 'pass'));
    expect(verdict).toEqual({ kind: 'interaction', components: [a, b], runs: probes.length });
    expect(probes.length).toBeLessThanOrEqual(1 + Math.ceil(Math.log2(k)) + Math.ceil(Math.log2(17)) + k);
  });

  it('finds a three-way interaction', () => {
    const h = uniform(8, 4);
    const { verdict } = drive(h.input, (t) => (['c01', 'c04', 'c06'].every((c) => h.position(t, c) === 4) ? 'fail' : 'pass'));
    expect(verdict).toMatchObject({ kind: 'interaction', components: ['c01', 'c04', 'c06'] });
  });

  it('bisects one component after all when a combination shrinks to it (a result changed)', () => {
    const h = uniform(3, 1);
    let fluke = true;
    // c00 alone breaks it, but the first run of c00+c01 passed by chance.
    const { verdict } = drive(h.input, (t) => {
      if (fluke && h.position(t, 'c00') === 1 && h.position(t, 'c01') === 1 && h.position(t, 'c02') === 0) {
        fluke = false;
        return 'pass';
      }
      return h.position(t, 'c00') >= 1 ? 'fail' : 'pass';
    });
    expect(verdict).toMatchObject({ kind: 'culprit', component: 'c00', index: 1 });
  });
});

describe('planBisect: skipped tuples', () => {
  const skipping =
    (h: History, oracle: Oracle, skips: Record<string, number[]>): Oracle =>
    (t) =>
      Object.entries(skips).some(([c, positions]) => positions.includes(h.position(t, c))) ? 'skip' : oracle(t);

  it.each([
    ['the commit before the culprit', 40, [39]],
    ['the culprit itself', 40, [40]],
    ['the culprit and its neighbours', 40, [38, 39, 40, 41]],
    ['the first commit, which is the culprit', 1, [1]],
  ])('skipping %s gives a culprit-range holding the culprit', (_label, index, skipped) => {
    const h = uniform(4, 64);
    const { verdict, probes } = drive(h.input, skipping(h, culpritOracle(h, 'c02', index), { c02: skipped }));
    expect(verdict.kind).toBe('culprit-range');
    if (verdict.kind !== 'culprit-range') return;
    expect(verdict.component).toBe('c02');
    expect(verdict.candidates).toContain(h.input.commits.c02[index - 1]);
    expect(verdict.candidates.length).toBeGreaterThanOrEqual(2);
    expect(verdict.runs).toBe(probes.length);
    // Candidates are the untested commits plus the first failing one, oldest first.
    const positions = verdict.candidates.map((s) => h.input.commits.c02.indexOf(s) + 1);
    expect(positions).toEqual([...positions].sort((x, y) => x - y));
    expect(skipped).toEqual(expect.arrayContaining(positions.slice(0, -1)));
  });

  it('finds the exact culprit when the skipped commits are elsewhere', () => {
    const h = uniform(4, 64);
    const skips = { c02: [32, 33, 16, 48, 10, 19, 22, 30, 63], c01: [5] };
    expectCulprit(h, 'c02', 21, skipping(h, culpritOracle(h, 'c02', 21), skips));
  });

  it('finds the exact culprit across many random skip patterns away from it', () => {
    const r = prng(99);
    for (let n = 0; n < 100; n++) {
      const c = 2 + r.int(200);
      const h = uniform(5, c);
      const index = 1 + r.int(c);
      const skipped = Array.from({ length: r.int(c) }, () => 1 + r.int(c - 1)).filter((p) => p !== index && p !== index - 1);
      expectCulprit(h, 'c03', index, skipping(h, culpritOracle(h, 'c03', index), { c03: skipped }));
    }
  });

  it('tries the other half when a half cannot be prepared', () => {
    const h = uniform(4, 8);
    // c01 at bad cannot be built against c02 at good.
    const incompatible =
      (oracle: Oracle): Oracle =>
      (t) =>
        h.position(t, 'c01') > 0 && h.position(t, 'c02') === 0 ? 'skip' : oracle(t);
    expectCulprit(h, 'c03', 5, incompatible(culpritOracle(h, 'c03', 5))); // second half fails
    expectCulprit(h, 'c00', 5, incompatible(culpritOracle(h, 'c00', 5))); // second half passes
  });

  it('is inconclusive when neither half can be prepared', () => {
    const h = uniform(4, 8);
    const oracle: Oracle = (t) =>
      (h.position(t, 'c01') > 0 && h.position(t, 'c02') === 0) || (h.position(t, 'c03') > 0 && h.position(t, 'c00') === 0) ? 'skip' : 'fail';
    expect(drive(h.input, oracle).verdict).toMatchObject({ kind: 'inconclusive', runs: 3 });
  });

  it('is inconclusive when an inferred component has only untestable commits left', () => {
    const h = uniform(2, 4);
    // c01 is inferred from c00 passing, but none of its commits can be tested alone.
    const { verdict } = drive(h.input, (t) => (h.position(t, 'c00') === 0 && h.position(t, 'c01') > 0 ? 'skip' : h.position(t, 'c01') > 0 ? 'fail' : 'pass'));
    expect(verdict.kind).toBe('inconclusive');
  });
});

describe('planBisect: input', () => {
  const h = uniform(2, 3);
  it.each([
    [{ ...h.input, bad: { ...h.input.bad, extra: sha('extra', 1) } }, /"extra" is in the bad tuple but not in the good one/],
    [{ ...h.input, good: { ...h.input.good, gone: sha('gone', 0) } }, /"gone" is in the good tuple but not in the bad one/],
    [{ ...h.input, commits: { c00: h.input.commits.c00 } }, /no commits given for moved component "c01"/],
    [{ ...h.input, commits: { ...h.input.commits, c01: h.input.commits.c01.slice(0, 2) } }, /commits of "c01" must end at its bad sha/],
    [{ ...h.input, commits: { ...h.input.commits, c01: [h.input.good.c01, ...h.input.commits.c01] } }, /must not include its good sha/],
    [{ ...h.input, commits: { ...h.input.commits, c01: [h.input.bad.c01, h.input.bad.c01] } }, /the same sha twice/],
  ])('rejects inconsistent input before any probe (%#)', (input, message) => {
    expect(() => planBisect(input)).toThrow(SeamlineError);
    expect(() => planBisect(input)).toThrow(message);
  });

  it('rejects a probe result that is not pass, fail or skip', () => {
    const plan = planBisect(h.input);
    plan.next();
    expect(() => plan.next('maybe' as ProbeResult)).toThrow(/must be "pass", "fail" or "skip", got "maybe"/);
  });
});

describe('runBisect', () => {
  it('drives the plan with an async probe and reports every step', async () => {
    const h = uniform(5, 20);
    const oracle = culpritOracle(h, 'c04', 11);
    const seen: number[] = [];
    const run = await runBisect(
      h.input,
      async (p) => oracle(p.tuple),
      (_step, n) => seen.push(n),
    );
    expect(run.verdict).toMatchObject({ kind: 'culprit', component: 'c04', sha: h.input.commits.c04[10] });
    expect(run.probes.map((s) => s.probe)).toEqual(drive(h.input, oracle).probes);
    expect(run.probes.map((s) => s.result)).toEqual(run.probes.map((s) => oracle(s.probe.tuple)));
    expect(seen).toEqual(run.probes.map((_, i) => i + 1));
  });

  it('passes a failing probe through', async () => {
    await expect(runBisect(uniform(2, 2).input, async () => Promise.reject(new Error('runner died')))).rejects.toThrow('runner died');
  });
});

describe('describeVerdict', () => {
  const s = 'a'.repeat(40);
  const cases: [BisectVerdict, string][] = [
    [{ kind: 'culprit', component: 'users', sha: s, index: 3, of: 10, runs: 6 }, 'culprit: users aaaaaaaaaaaa (commit 3 of 10), found in 6 runs'],
    [
      { kind: 'culprit-range', component: 'users', candidates: [s, 'b'.repeat(40)], runs: 7 },
      'culprit in users: one of 2 commits (aaaaaaaaaaaa, bbbbbbbbbbbb); the others could not be tested (7 runs)',
    ],
    [{ kind: 'interaction', components: ['auth', 'users'], runs: 8 }, 'interaction: auth + users fail only together at bad; none fails alone (8 runs)'],
    [{ kind: 'flaky', runs: 1 }, 'flaky: the bad tuple passed when re-run; blaming nobody (1 run)'],
    [{ kind: 'environment', runs: 4 }, 'environment: the known good tuple fails too; blaming nobody (4 runs)'],
    [{ kind: 'inconclusive', reason: 'the bad tuple could not be prepared', runs: 1 }, 'inconclusive: the bad tuple could not be prepared (1 run)'],
  ];
  it.each(cases.map(([verdict, line]) => ({ kind: verdict.kind, verdict, line })))('$kind', ({ verdict, line }) => {
    expect(describeVerdict(verdict)).toBe(line);
    expect(describeVerdict(verdict)).not.toContain('\n');
  });
});
