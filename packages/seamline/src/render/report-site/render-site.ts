import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { HistoryRow, ReportView, RunView, SeamView } from '../../core/report-site/view-model';
import { durationChartSvg } from './chart-svg';
import { DRAWN_SEAMS_MAX, graphSvg } from './graph-svg';
import { anchor, h, short } from './html';
import { CSS, HEAD_SCRIPT, SCRIPT } from './page-assets';

/**
 * Only the page's own script may run (its hash), and nothing may be fetched: a value that
 * slipped past escaping could neither run an inline handler nor reach the network.
 */
const scriptHash = (script: string) => `'sha256-${createHash('sha256').update(script).digest('base64')}'`;
const SCRIPT_HASHES = `${scriptHash(HEAD_SCRIPT)} ${scriptHash(SCRIPT)}`;

/** Items per page of the long lists (the page shows them all without script). */
// runs: the CSS of page-assets hides from the 21st item until the pager has run; keep the two together.
export const PAGE_SIZE = { history: 50, historyPage: 500, runs: 20 };

/** "3h ago" between two RFC 3339 times, as of the report's generation. */
export function ago(then: string, now: string): string {
  const s = Math.max(0, Math.round((Date.parse(now) - Date.parse(then)) / 1000));
  if (Number.isNaN(s)) return '';
  if (s < 90) return `${s}s ago`;
  if (s < 90 * 60) return `${Math.round(s / 60)}m ago`;
  if (s < 36 * 3600) return `${Math.round(s / 3600)}h ago`;
  return `${Math.round(s / 86400)}d ago`;
}

const sha = (value: string | undefined) => (value ? `<code class="sha" title="${h(value)}">${h(short(value))}</code>` : '<span class="mute">—</span>');
const tupleText = (tuple: Record<string, string>) =>
  Object.keys(tuple)
    .sort()
    .map((c) => `${h(c)}@${sha(tuple[c])}`)
    .join(' ');

function latestSection(view: ReportView): string {
  const latest = view.latest;
  if (!latest) return `<p>The store <code>${h(view.storePath)}</code> has no known-good record yet.</p>`;
  const r = latest.record;
  const rows = latest.pins
    .map(
      (p) =>
        `<tr><td>${h(p.component)}</td><td><code class="sha">${h(p.sha)}</code></td><td>${p.commit ? h(p.commit.subject) : '<span class="mute">not in the pin cache</span>'}</td>` +
        `<td>${p.commit ? h(p.commit.date) : ''}</td><td>${p.recordsAgo === 0 ? 'moved in this record' : `${p.recordsAgo} record${p.recordsAgo === 1 ? '' : 's'} ago`}${p.sinceFirst ? ' (since the first record)' : ''}</td></tr>`,
    )
    .join('');
  return (
    `<p>Record #${latest.number} of <code>${h(view.storePath)}</code>, suite <b>${h(r.suite)}</b>, recorded ${h(r.timestamp)} (${h(ago(r.timestamp, view.generated))}), ${h(r.duration_s)}s` +
    `${r.manual ? `, <b>manual</b>: ${h(r.manual)}` : ''}${r.run ? `, run ${/^https?:\/\//.test(r.run) ? `<a href="${h(r.run)}">${h(r.run)}</a>` : h(r.run)}` : ''}.</p>` +
    `<p>Manifest hash <code>${h(r.manifest_sha256)}</code><br>Store head <code>${h(view.head ?? '')}</code></p>` +
    `<table id="latest-tuple"><thead><tr><th>component</th><th>SHA</th><th>subject</th><th>date</th><th>last moved</th></tr></thead><tbody>${rows}</tbody></table>`
  );
}

function historyRow(row: HistoryRow, components: string[]): string {
  const r = row.record;
  // Plain short SHAs: 10,000 records of 20 components are 200,000 cells, so each is kept small.
  const cells = components
    .map((c) => (row.changed[c] ? `<td class="changed">${h(short(r.tuple[c] ?? ''))}</td>` : `<td>${h(short(r.tuple[c] ?? ''))}</td>`))
    .join('');
  return `<tr id="record-${row.number}"><td>${row.number}</td><td>${h(r.timestamp)}</td><td>${h(r.suite)}${r.manual ? ' (manual)' : ''}</td><td>${h(r.duration_s)}</td>${cells}</tr>`;
}

function historyTable(rows: readonly HistoryRow[], components: string[]): string {
  const head = components.map((c) => `<th>${h(c)}</th>`).join('');
  return (
    `<table class="history-matrix"><thead><tr><th>#</th><th>recorded</th><th>suite</th><th>duration (s)</th>${head}</tr></thead>` +
    `<tbody>${rows.map((row) => historyRow(row, components)).join('')}</tbody></table>`
  );
}

/** The history pages (newest first), `history/<n>.html`: static HTML, each linked to its neighbours. */
export const historyPageFile = (n: number) => `history/${n}.html`;
const historyPageCount = (view: ReportView) => Math.ceil(view.history.length / PAGE_SIZE.historyPage);

function historyLinks(view: ReportView, prefix: string, current?: number): string {
  const pages = historyPageCount(view);
  const link = (n: number) => {
    const first = view.history[(n - 1) * PAGE_SIZE.historyPage].number;
    const last = view.history[Math.min(n * PAGE_SIZE.historyPage, view.history.length) - 1].number;
    return n === current ? `<b>${first}–${last}</b>` : `<a href="${prefix}${historyPageFile(n)}">${first}–${last}</a>`;
  };
  return `<p class="pages">Every record, ${PAGE_SIZE.historyPage} a page: ${Array.from({ length: pages }, (_, i) => link(i + 1)).join(' ')}</p>`;
}

function historySection(view: ReportView): string {
  if (!view.history.length) return '<p>No known-good record yet.</p>';
  const shown = view.history.slice(0, PAGE_SIZE.history);
  return (
    durationChartSvg(view.history) +
    `<p class="mute">The ${shown.length} newest of ${view.history.length} records; a highlighted SHA moved in that record.</p>` +
    historyTable(shown, view.components).replace('<table class="history-matrix">', '<table class="history-matrix" id="history-matrix">') +
    (view.history.length > shown.length ? historyLinks(view, '') : '')
  );
}

function page(title: string, nav: string, body: string, script = ''): string {
  return (
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">' +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src ${SCRIPT_HASHES}">` +
    `<title>${h(title)}</title><style>${CSS}</style>${script ? `<script>${HEAD_SCRIPT}</script>` : ''}</head><body>` +
    `<header><h1>${h(title)}</h1><nav class="sections">${nav}</nav></header><main>${body}</main>${script ? `<script>${script}</script>` : ''}</body></html>\n`
  );
}

function runArticle(run: RunView): string {
  const parts: string[] = [];
  parts.push(
    `<h3>${run.probe ? '<span class="mute">probe</span> ' : ''}<a href="#${anchor('run', run.id)}">${h(run.id)}</a> <span class="${run.verdict}">${run.verdict === 'bisect' ? 'bisect verdict' : h(run.verdict)}</span></h3>`,
    `<p>${h(run.kind)}${run.subset ? `, subset ${h(run.subset)}` : ''}${run.started ? `, ${h(run.started)}` : ''}: ${h(run.reason)}</p>`,
  );
  if (Object.keys(run.tuple).length) parts.push(`<p>tuple: ${tupleText(run.tuple)}</p>`);
  for (const f of run.failed)
    parts.push(`<p class="fail">failed seam <a href="#${anchor('seam', f.seam)}">${h(f.seam)}</a></p>${f.log ? `<pre>${h(f.log)}</pre>` : ''}`);
  if (run.flaky.length)
    parts.push(`<p class="flaky">flaky (passed after failing): ${run.flaky.map((s) => `<a href="#${anchor('seam', s)}">${h(s)}</a>`).join(', ')}</p>`);
  if (run.prepareFailure) {
    const p = run.prepareFailure;
    parts.push(`<p class="fail">prepare failed: ${h(p.component)}@${sha(p.sha)}: ${h(p.message)}</p>${p.excerpt ? `<pre>${h(p.excerpt)}</pre>` : ''}`);
  }
  if (run.bisectedIn.length) parts.push(`<p>bisected in ${run.bisectedIn.map((id) => `<a href="#${anchor('run', id)}">${h(id)}</a>`).join(', ')}</p>`);
  if (run.bisect) {
    const b = run.bisect;
    parts.push(`<p class="bisect">${h(b.line)}</p>`);
    if (b.culprit)
      parts.push(
        `<p>culprit commit: <code class="sha">${h(b.culprit.sha)}</code> “${h(b.culprit.subject)}” by ${h(b.culprit.author)}, ${h(b.culprit.date)}</p>`,
      );
    parts.push(
      `<table><thead><tr><th>probe</th><th>why</th><th>tuple</th><th>result</th><th>answered</th><th>s</th></tr></thead><tbody>` +
        b.probes
          .map(
            (p) =>
              `<tr><td>${p.run_dir ? `<a href="#${anchor('run', basename(p.run_dir))}">${h(p.run)}</a>` : h(p.run)}</td><td>${h(p.why)}</td><td>${tupleText(p.tuple)}</td><td class="${p.result === 'fail' ? 'fail' : p.result === 'pass' ? 'pass' : 'mute'}">${h(p.result)}</td><td>${h(p.answered ?? '')}</td><td>${h(p.seconds)}</td></tr>`,
          )
          .join('') +
        '</tbody></table>',
    );
  }
  return `<article class="run" id="${anchor('run', run.id)}">${parts.join('')}</article>`;
}

function runsSection(view: ReportView): string {
  if (!view.runs.length) return '<p>No run directory was given (or none was found).</p>';
  return `<p class="mute">${view.runs.length} run(s), newest first.</p><div id="runs-list" data-pager="${PAGE_SIZE.runs}">${view.runs.map(runArticle).join('')}</div>`;
}

function seamRow(s: SeamView): string {
  const q = s.quarantine ? `${h(s.quarantine.reason)} (until ${h(s.quarantine.expires)}${s.quarantine.expired ? ', <b class="fail">expired</b>' : ''})` : '';
  return (
    `<tr id="${anchor('seam', s.name)}"><td>${h(s.name)}</td><td>${s.components.map(h).join(', ')}</td><td>${s.ring}</td><td>${s.subsets.map(h).join(', ')}</td><td>${h(s.catches)}</td>` +
    `<td class="pass">${s.pass}</td><td class="flaky">${s.flaky}</td><td class="fail">${s.fail}</td><td>${s.durationS}</td><td>${q}</td></tr>`
  );
}

function seamsSection(view: ReportView): string {
  if (!view.seams.length) return '<p>No seam declared.</p>';
  return (
    '<p class="mute">Counts and durations over the runs given, bisect probes left out (they rerun one failure on purpose).</p>' +
    '<table id="seams-table"><thead><tr><th>seam</th><th>components</th><th>ring</th><th>subsets</th><th>catches</th><th>pass</th><th>flaky</th><th>fail</th><th>duration (s)</th><th>quarantine</th></tr></thead>' +
    `<tbody>${view.seams.map(seamRow).join('')}</tbody></table>`
  );
}

function componentsSection(view: ReportView): string {
  const holds = view.holds.length
    ? '<h3 id="holds">Holds</h3><table><thead><tr><th>component</th><th>held at</th><th>reason</th><th>expires</th></tr></thead><tbody>' +
      view.holds
        .map(
          (x) =>
            `<tr><td>${h(x.component)}</td><td><code class="sha">${h(x.sha)}</code></td><td>${h(x.reason)}</td><td>${h(x.expires ?? '')}${x.expired ? ' <b class="fail">expired</b>' : ''}</td></tr>`,
        )
        .join('') +
      '</tbody></table>'
    : '';
  const caption =
    view.graph.seams.length > DRAWN_SEAMS_MAX
      ? `Arrows: dependsOn. ${view.graph.seams.length} seams are too many to draw one by one: each component says how many exercise it, and the <a href="#seams">Seams</a> table names them.`
      : 'Arrows: dependsOn; dashed: the components each seam exercises.';
  return `<p class="mute">${caption}</p>${graphSvg(view.graph)}${holds}`;
}

/** The whole site, file name -> content: index.html (self-contained: styles, script and SVG inline; no request at view time) and the history pages. */
export function renderReportSite(view: ReportView): Record<string, string> {
  const sections: [string, string, string][] = [
    ['latest', 'Latest known good', latestSection(view)],
    ['history', 'History', historySection(view)],
    ['runs', 'Runs', runsSection(view)],
    ['seams', 'Seams', seamsSection(view)],
    ['components', 'Components and coupling', componentsSection(view)],
  ];
  const nav = (prefix: string) => sections.map(([id, title]) => `<a href="${prefix}#${id}">${title}</a>`).join('');
  const files: Record<string, string> = {
    'index.html': page(
      'Seamline report',
      `${nav('')}<span class="mute">generated ${h(view.generated)}</span>`,
      sections.map(([id, title, body]) => `<section id="${id}"><h2>${title}</h2>${body}</section>`).join(''),
      SCRIPT,
    ),
  };
  const pages = historyPageCount(view);
  if (view.history.length > PAGE_SIZE.history) {
    for (let n = 1; n <= pages; n++) {
      const rows = view.history.slice((n - 1) * PAGE_SIZE.historyPage, n * PAGE_SIZE.historyPage);
      files[historyPageFile(n)] = page(
        `Known-good history ${rows[0].number}–${rows[rows.length - 1].number}`,
        `${nav('../index.html')}<span class="mute">generated ${h(view.generated)}</span>`,
        historyLinks(view, '../', n) + historyTable(rows, view.components) + historyLinks(view, '../', n),
      );
    }
  }
  return files;
}
