// The matrix: Nx {lowest, latest 23.x, latest 24.x} x Node {22, 24} x package
// manager {npm, pnpm, yarn (node-modules), yarn-pnp}. A cell is named
// `<nx>/<node>/<pm>`, e.g. `lowest/22/npm` or `24/24/pnpm`.

export const NX = ['lowest', '23', '24'];
export const NODE = ['22', '24'];
export const PM = ['npm', 'pnpm', 'yarn', 'yarn-pnp'];

/** The lowest Nx release @seamline/nx declares (peerDependencies.nx >=23.0.0). */
export const LOWEST_NX = '23.0.0';

/** What CI runs on every push (`npm test`): the two ends of the range. */
export const CI_CELLS = ['lowest/22/npm', '24/24/pnpm'];

export function allCells() {
  return NX.flatMap((nx) => NODE.flatMap((node) => PM.map((pm) => ({ id: `${nx}/${node}/${pm}`, nx, node, pm }))));
}

/**
 * Cells picked by a comma-separated list of patterns, each `<nx>/<node>/<pm>` with
 * `*` for any part (`24/*\/pnpm`, `*\/22/*`), or `ci` for the CI cross-section.
 * Throws one line naming what matched nothing.
 */
export function selectCells(spec) {
  const cells = allCells();
  if (!spec || spec === 'all') return cells;
  const patterns = spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .flatMap((p) => (p === 'ci' ? CI_CELLS : [p]));
  const picked = new Set();
  for (const pattern of patterns) {
    const parts = pattern.split('/');
    if (parts.length !== 3)
      throw new Error(`--cells: "${pattern}" is not <nx>/<node>/<pm> (nx: ${NX.join('|')}; node: ${NODE.join('|')}; pm: ${PM.join('|')}; * for any)`);
    const hits = cells.filter((c) => [c.nx, c.node, c.pm].every((v, i) => parts[i] === '*' || parts[i] === v));
    if (!hits.length) throw new Error(`--cells: "${pattern}" matches no cell (nx: ${NX.join('|')}; node: ${NODE.join('|')}; pm: ${PM.join('|')})`);
    hits.forEach((c) => picked.add(c.id));
  }
  return cells.filter((c) => picked.has(c.id));
}
