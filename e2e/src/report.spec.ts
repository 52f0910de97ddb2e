import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { gitIn } from '../../packages/seamline/src/__fixtures__/git-repos';
import { DRAWN_SEAMS_MAX } from '../../packages/seamline/src/render/report-site/graph-svg';
import { createE2eWorkspace, type E2eWorkspace } from './e2e-workspace';
import { createHistoryRepos, type HistoryRepos, historyWorkspaceFiles } from './fixtures/history-repos';

/**
 * The report site of a workspace after the demo's story, opened in a real headless
 * Chromium from file:// with the network off: a full that records, a second that
 * records (one component's head has an HTML commit subject), a failing full whose
 * seam broke and whose automatic bisect names the culprit, and a seam that is flaky
 * in every run. The checks are what a person sees on the page.
 */
const CHROMIUM = process.env.SEAMLINE_CHROMIUM || '/usr/bin/chromium';
const SHOTS = resolve(__dirname, '../test-output/report');
const XSS = '<img src=x onerror=alert(1)>';

// Fails the first attempt of each pair (a counter outside the seam's folder, so Nx's inputs do not change): flaky in every run.
const FLAKY_CHECK = `const fs = require('fs');
const path = require('path');
const file = path.resolve(__dirname, '../../.seamline/flaky-count');
const n = (fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8')) : 0) + 1;
fs.writeFileSync(file, String(n));
if (n % 2 === 1) { console.error('flaky: connection reset (attempt ' + n + ')'); process.exit(1); }
console.log('billing answered');
`;

describe('report site in a browser', () => {
  let ws: E2eWorkspace;
  let repos: HistoryRepos;
  let browser: Browser;
  let xssSha = '';
  let beforeBreaking = '';
  let failedRun = '';
  const runIdOf = (output: string) => /artifacts in \.seamline\/runs\/([\w-]+)/.exec(output)?.[1] ?? '';

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install Chromium (apt-get install -y chromium) or set SEAMLINE_CHROMIUM`);
    [ws, repos] = await Promise.all([createE2eWorkspace(), createHistoryRepos()]);
    xssSha = await repos.billing.commit({ 'CHANGELOG.md': 'billing: html subject\n' }, XSS);
    beforeBreaking = await gitIn(repos.schema.dir, ['rev-parse', `${repos.breaking}^`]);
    const files = historyWorkspaceFiles(repos, { bisect: 'auto' });
    files['integration/seamline.yaml'] = files['integration/seamline.yaml'].replace(
      '[users-schema, billing-smoke]',
      '[users-schema, billing-smoke, billing-flaky]',
    );
    await ws.write({
      ...files,
      'seams/billing-flaky/seam.yaml': 'components: [billing]\ncatches: billing drops connections under load\ncommand: [node, check.js]\nretries: 1\n',
      'seams/billing-flaky/check.js': FLAKY_CHECK,
      'nx.json': JSON.stringify({ plugins: ['@seamline/nx'] }),
    });
    const first = await ws.nx([
      'run',
      'integration:full',
      `--main=schema@${repos.schema.shas[0]}`,
      `--main=users@${repos.users.shas[0]}`,
      `--main=billing@${repos.billing.shas[0]}`,
    ]);
    expect(first.all).toContain('Recorded known good');
    const second = await ws.nx(['run', 'integration:full', `--main=schema@${beforeBreaking}`]);
    expect(second.all).toContain('Recorded known good');
    const failing = await ws.nx(['run', 'integration:full']);
    expect(failing.all).toContain('full failed: failed seam: users-schema');
    expect(failing.all).toContain(`bisect: culprit: schema ${repos.breaking}`);
    failedRun = runIdOf(failing.all);
    const report = await ws.nx(['run', 'integration:report']);
    expect(report.exitCode).toBe(0);
    expect(report.all).toMatch(/Wrote dist\/seamline-report\/index\.html: 2 known-good record\(s\), \d+ run\(s\)/);

    const { chromium } = await import('playwright-core');
    // A proxy on a closed port as well as offline mode and request routing: nothing can leave the machine.
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--proxy-server=http://127.0.0.1:9', '--proxy-bypass-list=<-loopback>'] });
    await mkdir(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await ws?.remove();
    await repos?.remove();
  });

  /** The page from file://, offline; what it asked the network for, printed to the console as errors, and any dialog. */
  async function open(hash = ''): Promise<{ page: Page; requests: string[]; errors: string[]; dialogs: string[] }> {
    const context = await browser.newContext({ offline: true, viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    await context.route('**/*', (route) => {
      requests.push(route.request().url());
      return route.request().url().startsWith('file:') ? route.continue() : route.abort();
    });
    const page = await context.newPage();
    const errors: string[] = [];
    const dialogs: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(pathToFileURL(join(ws.root, 'dist/seamline-report/index.html')).href + hash, { waitUntil: 'load' });
    return { page, requests, errors, dialogs };
  }

  it('shows the latest known good, a failed run naming its seam, the bisect culprit and a flaky seam, with no console error and no request', async () => {
    const { page, requests, errors, dialogs } = await open();
    const latest = page.locator('#latest-tuple');
    for (const [component, sha] of [
      ['schema', beforeBreaking],
      ['users', repos.users.shas[repos.users.shas.length - 1]],
      ['billing', xssSha],
    ])
      await expectVisible(latest.locator('tr', { hasText: component }).getByText(sha, { exact: true }));
    // schema and users moved in the last record; billing too.
    expect(await latest.locator('tr', { hasText: 'schema' }).innerText()).toContain('moved in this record');

    const failed = page.locator(`#run-${failedRun}`);
    await expectVisible(failed.getByText('failed seam users-schema'));
    await expectVisible(failed.locator('pre', { hasText: 'schema has no token field' }));
    await expectVisible(page.locator('article.run').getByText(`culprit: schema ${repos.breaking} "rename token to accessToken"`));

    const flakyRow = page.locator('#seam-billing-flaky');
    await expectVisible(flakyRow);
    expect(await flakyRow.locator('td.flaky').innerText()).toBe('3');
    expect(await page.locator('#seam-users-schema td.fail').innerText()).toMatch(/^[1-9]\d*$/);
    await expectVisible(page.locator('svg.graph').getByText('billing-flaky'));

    for (const id of ['latest', 'history', 'runs', 'seams', 'components']) await page.locator(`#${id}`).screenshot({ path: join(SHOTS, `${id}.png`) });
    await page.screenshot({ path: join(SHOTS, 'page.png'), fullPage: true });

    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
  });

  it('shows a commit subject holding HTML as text and runs nothing from it', async () => {
    const { page, errors, dialogs } = await open();
    await expectVisible(page.locator('#latest-tuple').getByText(XSS, { exact: true }));
    // No element was made from it, so there is nothing whose onerror could fire.
    expect(await page.locator('img').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('opens the run an address names (#run-<id>) on its page of the list', async () => {
    const { page } = await open(`#run-${failedRun}`);
    await expectVisible(page.locator(`#run-${failedRun}`));
    await page.locator(`#run-${failedRun}`).screenshot({ path: join(SHOTS, 'failed-run.png') });
  });

  // Last: it adds seams to the workspace. dagre took 5 s to lay out 1,000 seam boxes.
  it('draws the components alone, each counting its seams, once the suite has more seams than the graph draws', async () => {
    const extra: Record<string, string> = {};
    for (let i = 0; i < DRAWN_SEAMS_MAX; i++) {
      extra[`seams/bulk-${String(i).padStart(3, '0')}/seam.yaml`] =
        `components: [${i % 2 ? 'users' : 'billing'}, schema]\ncatches: bulk contract ${i}\ncommand: [node, -e, '0']\n`;
    }
    await ws.write(extra);
    const report = await ws.nx(['run', 'integration:report']);
    expect(report.exitCode).toBe(0);
    const { page, errors } = await open('#components');
    const section = page.locator('#components');
    await expectVisible(section.getByText(/seams are too many to draw one by one/));
    await expectVisible(section.locator('svg.graph').getByText(/^users \(\d+ seams\)$/));
    await expectVisible(section.locator('svg.graph').getByText(/^schema \(\d+ seams\)$/));
    expect(await section.locator('svg.graph .node.seam').count()).toBe(0);
    expect(await page.locator('#seams-table tbody tr').count()).toBeGreaterThan(DRAWN_SEAMS_MAX);
    await section.screenshot({ path: join(SHOTS, 'components-many-seams.png') });
    expect(errors).toEqual([]);
  });
});

async function expectVisible(locator: ReturnType<Page['locator']>): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout: 10_000 });
}
