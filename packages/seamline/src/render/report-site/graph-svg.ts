import { Graph, layout } from '@dagrejs/dagre';
import type { ReportView } from '../../core/report-site/view-model';
import { anchor, h } from './html';

const CHAR_W = 7.2;
const NODE_H = 30;

/**
 * Up to this many seams the graph draws each one. dagre's layout grows faster than the
 * nodes (1.1 s for 400 seams, 5.4 s for 1,000 here), and a thousand boxes are not read;
 * above it, each component box counts its seams and the Seams table names them.
 */
export const DRAWN_SEAMS_MAX = 100;

/**
 * The component graph with its seams as an SVG, laid out by dagre when the site
 * is built (the page needs no script to show it): components are boxes,
 * seams are rounded boxes linked to the components they exercise,
 * `dependsOn` edges are arrows between components.
 */
export function graphSvg(graph: ReportView['graph']): string {
  if (!graph.components.length) return '<p>No component declared.</p>';
  const g = new Graph({ multigraph: false });
  g.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 60, marginx: 10, marginy: 10 });
  g.setDefaultEdgeLabel(() => ({}));
  const width = (label: string) => Math.max(60, label.length * CHAR_W + 24);
  const drawSeams = graph.seams.length <= DRAWN_SEAMS_MAX;
  const seamCount = new Map<string, number>();
  for (const s of graph.seams) for (const c of new Set(s.components)) seamCount.set(c, (seamCount.get(c) ?? 0) + 1);
  const label = (c: string) => (drawSeams ? c : `${c} (${seamCount.get(c) ?? 0} seams)`);
  for (const c of graph.components) g.setNode(`c:${c}`, { label: label(c), width: width(label(c)), height: NODE_H });
  if (drawSeams) for (const s of graph.seams) g.setNode(`s:${s.name}`, { label: s.name, width: width(s.name), height: NODE_H });
  const edges: { v: string; w: string; kind: 'depends' | 'seam' }[] = [];
  for (const [from, to] of graph.edges) {
    if (!graph.components.includes(from) || !graph.components.includes(to)) continue;
    edges.push({ v: `c:${from}`, w: `c:${to}`, kind: 'depends' });
  }
  if (drawSeams)
    for (const s of graph.seams) for (const c of s.components) if (graph.components.includes(c)) edges.push({ v: `s:${s.name}`, w: `c:${c}`, kind: 'seam' });
  for (const e of edges) g.setEdge(e.v, e.w);
  layout(g);

  const { width: w = 0, height: ht = 0 } = g.graph();
  const parts: string[] = [];
  for (const e of edges) {
    const points: { x: number; y: number }[] = g.edge(e.v, e.w)?.points ?? [];
    const d = points.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
    parts.push(`<path class="edge ${e.kind}" d="${d}"${e.kind === 'depends' ? ' marker-end="url(#arrow)"' : ''}/>`);
  }
  for (const id of g.nodes()) {
    const n = g.node(id);
    const name = id.slice(2);
    const seam = id.startsWith('s:');
    const box = `<rect x="${(n.x - n.width / 2).toFixed(1)}" y="${(n.y - n.height / 2).toFixed(1)}" width="${n.width.toFixed(1)}" height="${n.height}" rx="${seam ? 14 : 3}"/><text x="${n.x.toFixed(1)}" y="${(n.y + 4).toFixed(1)}">${h(seam ? name : label(name))}</text>`;
    parts.push(seam ? `<a href="#${anchor('seam', name)}" class="node seam">${box}</a>` : `<g class="node component">${box}</g>`);
  }
  return (
    `<svg class="graph" role="img" aria-label="components and seams" viewBox="0 0 ${Math.ceil(w)} ${Math.ceil(ht)}" width="${Math.ceil(w)}" height="${Math.ceil(ht)}" xmlns="http://www.w3.org/2000/svg">` +
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0L10,5L0,10z"/></marker></defs>' +
    parts.join('') +
    '</svg>'
  );
}
