import { createHash } from 'node:crypto';
import { A, record, reportInput, U } from '../../core/report-site/__fixtures__/report-input';
import { buildReportView } from '../../core/report-site/view-model';
import { DRAWN_SEAMS_MAX } from './graph-svg';
import { PAGE_SIZE, renderReportSite } from './render-site';
import { HEAD_SCRIPT, SCRIPT } from './page-assets';

const XSS = '<img src=x onerror=alert(1)>';

describe('report site', () => {
  it('escapes every value from commits, logs, seams and records: HTML in them shows as text', () => {
    const input = reportInput();
    input.commits.auth[Object.values(input.records[2].tuple)[0]].subject = XSS;
    input.runs[1].logs['users-auth'] = `line 1\n${XSS}\n</pre><script>alert(2)</script>`;
    input.runs[3].bisect!.culprit!.subject = XSS;
    const html = renderReportSite(buildReportView(input))['index.html'];
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;/pre&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
    // The one script is the page's own, and the policy allows only it: no inline handler runs, nothing is fetched.
    expect(html.match(/<script>/g)).toHaveLength(2);
    const hash = (script: string) => createHash('sha256').update(script).digest('base64');
    expect(html).toContain(`default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${hash(HEAD_SCRIPT)}' 'sha256-${hash(SCRIPT)}'`);
    expect(html).toContain(`<script>${HEAD_SCRIPT}</script></head>`);
  });

  it('makes runs and seams linkable, the tables readable without script, and draws the graph and the chart', () => {
    const html = renderReportSite(buildReportView(reportInput()))['index.html'];
    expect(html).toContain('id="run-full-20261124T100000-22222222"');
    expect(html).toContain('id="seam-users-auth"');
    expect(html).toContain('href="#run-bisect-verdict-20261124T100500-22222222"');
    // A probe of the verdict links to its run.
    expect(html).toContain('<a href="#run-bisect-20261124T100200-22222222">1</a>');
    expect(html).not.toMatch(/<(link|img|iframe)\b|src="http|href="http/);
    // Every record row is in the HTML (paging hides rows only when the script runs).
    expect(html.match(/<tr id="record-\d+"/g)).toHaveLength(3);
    expect(html).toContain('class="changed"');
    expect(html).toMatch(/<svg class="graph"[^>]*>.*<text[^>]*>users-auth<\/text>/s);
    expect(html.match(/<circle class="suite-0"/g)).toHaveLength(3);
    expect(html).toContain('2 records ago (since the first record)');
  });

  it('keeps the page light for a long store: the newest records on the page, every record on static history pages linked both ways', () => {
    const input = reportInput();
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    input.records = Array.from({ length: 1201 }, (_, i) => ({
      ...record(1, { auth: A(i % 7), users: U(1) }),
      timestamp: new Date(t0 + i * 60_000).toISOString().replace('.000Z', 'Z'),
    }));
    const files = renderReportSite(buildReportView(input));
    expect(Object.keys(files)).toEqual(['index.html', 'history/1.html', 'history/2.html', 'history/3.html']);
    expect(files['index.html'].match(/<tr id="record-\d+"/g)).toHaveLength(PAGE_SIZE.history);
    expect(files['index.html']).toContain('<tr id="record-1201">');
    expect(files['index.html']).toContain('<a href="history/3.html">201–1</a>');
    expect(files['history/1.html'].match(/<tr id="record-\d+"/g)).toHaveLength(PAGE_SIZE.historyPage);
    expect(files['history/3.html']).toContain('<tr id="record-1">');
    expect(files['history/2.html']).toContain('<a href="../history/1.html">1201–702</a>');
    expect(files['history/2.html']).toContain('<a href="../index.html#runs">Runs</a>');
    // The pages have no script of their own and the same policy.
    expect(files['history/2.html']).not.toContain('<script>');
    expect(files['history/2.html']).toContain("default-src 'none'");
  });

  it('says why the graph draws no seam when there are too many, and points to the Seams table', () => {
    const view = buildReportView(reportInput());
    const few = renderReportSite(view)['index.html'];
    expect(few).toContain('dashed: the components each seam exercises');
    view.graph.seams = Array.from({ length: DRAWN_SEAMS_MAX + 1 }, (_, i) => ({ name: `seam-${i}`, components: ['auth'] }));
    const many = renderReportSite(view)['index.html'];
    expect(many).toContain(`${DRAWN_SEAMS_MAX + 1} seams are too many to draw one by one`);
    expect(many).toContain('<a href="#seams">Seams</a> table names them');
    expect(many).not.toContain('class="node seam"');
  });

  it('shows a Holds section only when the workspace has holds', () => {
    expect(renderReportSite(buildReportView(reportInput()))['index.html']).not.toContain('id="holds"');
    const held = renderReportSite(
      buildReportView({ ...reportInput(), holds: [{ component: 'auth', sha: 'a'.repeat(40), reason: 'freeze <now>', expires: '2027-01-01' }] }),
    )['index.html'];
    expect(held).toContain('id="holds"');
    expect(held).toContain('freeze &lt;now&gt;');
  });
});
