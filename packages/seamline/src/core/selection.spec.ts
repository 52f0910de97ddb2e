import { componentsReached, type CouplingGraph, seamsReached } from './selection';

describe('seamsReached', () => {
  // auth <- users <- billing, ledger alone
  const graph: CouplingGraph = {
    dependsOn: { auth: [], users: ['auth'], billing: ['users'], ledger: [] },
    seams: { 'users-auth': ['users', 'auth'], 'billing-users': ['billing', 'users'], 'ledger-smoke': ['ledger'] },
  };

  it('a provider change reaches the seams of every transitive consumer', () => {
    expect(seamsReached(['auth'], graph)).toEqual(['billing-users', 'users-auth']);
    expect([...componentsReached(['auth'], graph.dependsOn)].sort()).toEqual(['auth', 'billing', 'users']);
  });

  it('a leaf change reaches only the seams touching it', () => {
    expect(seamsReached(['billing'], graph)).toEqual(['billing-users']);
    expect(seamsReached(['ledger'], graph)).toEqual(['ledger-smoke']);
    expect(seamsReached([], graph)).toEqual([]);
  });

  it('terminates on dependency cycles', () => {
    const cyclic: CouplingGraph = { dependsOn: { a: ['b'], b: ['a'], c: [] }, seams: { s: ['a'], t: ['c'] } };
    expect(seamsReached(['b'], cyclic)).toEqual(['s']);
  });
});

/** Hundreds of random DAGs, checked against a transitive closure computed another way. */
describe('seamsReached on generated graphs', () => {
  function mulberry32(seed: number) {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  it('never misses a seam touching a moved component or any of its dependents, and selects nothing else', () => {
    let discriminating = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const random = mulberry32(seed);
      const n = 1 + Math.floor(random() * 30);
      const names = Array.from({ length: n }, (_, i) => `c${i}`);
      const density = random() * 0.3;
      // Edges only from higher to lower index: a DAG. i depends on j.
      const depends: boolean[][] = names.map((_, i) => names.map((__, j) => j < i && random() < density));
      const dependsOn = Object.fromEntries(names.map((name, i) => [name, names.filter((_, j) => depends[i][j])]));
      const seams = Object.fromEntries(
        Array.from({ length: Math.floor(random() * 20) }, (_, s) => [`s${s}`, names.filter(() => random() < 0.15).concat(names[Math.floor(random() * n)])]),
      );
      const moved = names.filter(() => random() < 0.2);

      // Reference: Floyd–Warshall closure, reach[i][j] = i depends on j through any path.
      const reach = depends.map((row) => [...row]);
      for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (reach[i][k] && reach[k][j]) reach[i][j] = true;
      const affected = new Set(names.filter((name, i) => moved.includes(name) || moved.some((m) => reach[i][names.indexOf(m)])));
      const expected = Object.keys(seams)
        .filter((s) => seams[s].some((c) => affected.has(c)))
        .sort();

      if (expected.length > 0 && expected.length < Object.keys(seams).length) discriminating++;
      const actual = seamsReached(moved, { dependsOn, seams });
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        throw new Error(`seed ${seed}: expected ${expected.join(',')}, got ${actual.join(',')}`);
      }
    }
    // The generator produces graphs where selection matters: some seams in, some out.
    expect(discriminating).toBeGreaterThan(100);
  });
});
