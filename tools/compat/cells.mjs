// The matrix: Nx {lowest, latest 22.x, latest 23.x, latest 24.x} x Node {22, 24, 26} x package
// manager {npm, pnpm, yarn (node-modules), yarn-pnp, yarn-classic (1.x), bun}. A cell is named
// `<nx>/<node>/<pm>`, e.g. `lowest/22/npm` or `24/26/pnpm`.

export const NX = ['lowest', '22', '23', '24'];
// The supported Node lines: 22 and 24 (Maintenance LTS), 26 (Active LTS since 2026-10-28).
export const NODE = ['22', '24', '26'];
/** The newest Node line, which test:e2e:latest and the top of the CI cross-section run. */
export const NEWEST_NODE = NODE.at(-1);
export const PM = ['npm', 'pnpm', 'yarn', 'yarn-pnp', 'yarn-classic', 'bun'];

/** The lowest Nx release @seamline/nx declares (peerDependencies.nx >=22.0.1). */
export const LOWEST_NX = '22.0.1';

/**
 * Workspaces people already have (tools/compat/workspaces.mjs): a cell `<nx>/<node>/<shape>`
 * makes one instead of a fresh `<pm> init` workspace. Not part of `all`; `workspaces` picks
 * each on the latest Nx and Node.
 */
export const SHAPES = ['create-nx', 'pnpm-workspace', 'yarn-workspace'];
export const WORKSPACE_CELLS = SHAPES.map((shape) => `24/${NEWEST_NODE}/${shape}`);

/** What CI runs on every push (`npm test`): the two ends of the range. */
export const CI_CELLS = ['lowest/22/npm', `24/${NEWEST_NODE}/pnpm`];

export function allCells({ shapes = false } = {}) {
  const pms = shapes ? [...PM, ...SHAPES] : PM;
  return NX.flatMap((nx) => NODE.flatMap((node) => pms.map((pm) => ({ id: `${nx}/${node}/${pm}`, nx, node, pm }))));
}

/**
 * Cells picked by a comma-separated list of patterns, each `<nx>/<node>/<pm>` with
 * `*` for any part (`24/*\/pnpm`, `*\/22/*`), `ci` for the CI cross-section, `all` for every
 * package-manager cell, or `workspaces` for the existing-workspace shapes (a `*` pm matches
 * those only when named), so `all,workspaces` is the whole matrix.
 * Throws one line naming what matched nothing.
 */
export function selectCells(spec) {
  if (!spec) return allCells();
  const cells = allCells({ shapes: true });
  const patterns = spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .flatMap((p) => (p === 'ci' ? CI_CELLS : p === 'workspaces' ? WORKSPACE_CELLS : p === 'all' ? ['*/*/*'] : [p]));
  const picked = new Set();
  for (const pattern of patterns) {
    const parts = pattern.split('/');
    if (parts.length !== 3)
      throw new Error(
        `--cells: "${pattern}" is not <nx>/<node>/<pm>, ci, all or workspaces (nx: ${NX.join('|')}; node: ${NODE.join('|')}; pm: ${[...PM, ...SHAPES].join('|')}; * for any)`,
      );
    const hits = cells.filter((c) => [c.nx, c.node, c.pm].every((v, i) => parts[i] === '*' || parts[i] === v) && (parts[2] !== '*' || !SHAPES.includes(c.pm)));
    if (!hits.length)
      throw new Error(`--cells: "${pattern}" matches no cell (nx: ${NX.join('|')}; node: ${NODE.join('|')}; pm: ${[...PM, ...SHAPES].join('|')})`);
    hits.forEach((c) => picked.add(c.id));
  }
  return cells.filter((c) => picked.has(c.id));
}
