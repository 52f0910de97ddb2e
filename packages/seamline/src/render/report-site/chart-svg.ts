import type { HistoryRow } from '../../core/report-site/view-model';
import { h } from './html';

const W = 900;
const H = 220;
const PAD = { left: 56, right: 12, top: 12, bottom: 28 };

/**
 * Every known-good record on a time axis: one dot per record at its duration,
 * coloured by suite. Plain SVG computed from the records (no script needed); at
 * most one dot per pixel column and suite is drawn, so 10,000 records stay light.
 */
export function durationChartSvg(rows: readonly HistoryRow[]): string {
  if (!rows.length) return '<p>No known-good record yet.</p>';
  const times = rows.map((r) => Date.parse(r.record.timestamp));
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const dMax = Math.max(1, ...rows.map((r) => r.record.duration_s));
  const x = (t: number) => PAD.left + (t1 === t0 ? (W - PAD.left - PAD.right) / 2 : ((t - t0) / (t1 - t0)) * (W - PAD.left - PAD.right));
  const y = (d: number) => PAD.top + (1 - d / dMax) * (H - PAD.top - PAD.bottom);
  const suites = [...new Set(rows.map((r) => r.record.suite))].sort();
  const seen = new Set<string>();
  const dots: string[] = [];
  rows.forEach((r, i) => {
    const cx = Math.round(x(times[i]));
    const cy = Math.round(y(r.record.duration_s));
    const key = `${r.record.suite}:${cx}:${cy}`;
    if (seen.has(key)) return;
    seen.add(key);
    dots.push(
      `<circle class="suite-${suites.indexOf(r.record.suite) % 6}" cx="${cx}" cy="${cy}" r="3"><title>#${r.number} ${h(r.record.suite)} ${h(r.record.timestamp)}: ${h(r.record.duration_s)}s</title></circle>`,
    );
  });
  const day = (t: number) => new Date(t).toISOString().slice(0, 16).replace('T', ' ');
  const legend = suites.map((s, i) => `<tspan class="suite-${i % 6}">● ${h(s)}</tspan>`).join(' ');
  return (
    `<svg class="chart" role="img" aria-label="duration of each known-good record over time" viewBox="0 0 ${W} ${H}" xmlns="http://www.w3.org/2000/svg">` +
    `<line class="axis" x1="${PAD.left}" y1="${H - PAD.bottom}" x2="${W - PAD.right}" y2="${H - PAD.bottom}"/>` +
    `<line class="axis" x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${H - PAD.bottom}"/>` +
    `<text x="${PAD.left - 6}" y="${PAD.top + 8}" text-anchor="end">${Math.round(dMax)}s</text>` +
    `<text x="${PAD.left - 6}" y="${H - PAD.bottom}" text-anchor="end">0s</text>` +
    `<text x="${PAD.left}" y="${H - 8}">${h(day(t0))} UTC</text>` +
    `<text x="${W - PAD.right}" y="${H - 8}" text-anchor="end">${h(day(t1))} UTC</text>` +
    `<text x="${W / 2}" y="${H - 8}" text-anchor="middle">${legend}</text>` +
    dots.join('') +
    '</svg>'
  );
}
