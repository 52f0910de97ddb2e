import type { RunResults } from '../run/results';
import { pendingStatus, STATUS_DESCRIPTION_MAX, verdictStatus } from './commit-status';
import { summaryMarkdown } from '../run/summary';
import { failureIssueBody, failureIssueTitle, failureMarker, failureRepeatComment, ISSUE_SEAMS_MAX, ISSUE_TITLE_MAX } from './failure-issue';

const sha = (c: string) => c.repeat(40);
const results = (over: Partial<RunResults> = {}): RunResults => ({
  run_id: 'full-20261121T120000Z-abcdef123456',
  kind: 'full',
  manifest_sha256: 'f'.repeat(64),
  subset: 'full',
  tuple: { users: sha('a'), schema: sha('b'), billing: sha('c') },
  verdict: 'fail',
  reason: 'failed seam: users-schema',
  seams: [
    { seam: 'users-schema', verdict: 'fail', quarantined: false, duration_s: 1, attempts: 1, cached: false, log: 'l' },
    { seam: 'old-broken', verdict: 'fail', quarantined: true, duration_s: 1, attempts: 1, cached: false, log: 'l' },
    { seam: 'billing-schema', verdict: 'pass', quarantined: false, duration_s: 1, attempts: 1, cached: false, log: 'l' },
  ],
  not_selected: 0,
  budget_s: 600,
  seams_duration_s: 3,
  started: '2026-11-21T12:00:00Z',
  finished: '2026-11-21T12:00:03Z',
  ...over,
});

describe('commit statuses', () => {
  it('maps the verdict and keeps the one-line reason within GitHub’s 140 characters', () => {
    expect(verdictStatus(results(), 'https://ci/run/1')).toEqual({
      state: 'failure',
      description: 'failed seam: users-schema',
      target_url: 'https://ci/run/1',
    });
    expect(verdictStatus(results({ verdict: 'pass', reason: '3 seams passed' }))).toEqual({ state: 'success', description: '3 seams passed' });
    const long = verdictStatus(results({ reason: `failed seams: ${Array.from({ length: 40 }, (_, i) => `seam-${i}`).join(', ')}` }));
    expect(long.description.length).toBe(STATUS_DESCRIPTION_MAX);
    expect(long.description.endsWith('…')).toBe(true);
    expect(pendingStatus('users#12 with the last known good').state).toBe('pending');
  });

  it('a run the disk could not hold is an error, not a failure of the PR', () => {
    const reason = 'seam users-schema failed for want of disk space: its log says "no space left on device" (logs/users-schema.log)';
    const status = verdictStatus(results({ reason, no_space: 'seam users-schema' }));
    expect(status.state).toBe('error');
    expect(status.description.startsWith('seam users-schema failed for want of disk space')).toBe(true);
  });

  it("a run whose prepare the registry failed twice is an error; any other prepare failure is the PR's", () => {
    const failure = { component: 'api', sha: 'c'.repeat(40), log: 'l', message: 'm' };
    expect(verdictStatus(results({ prepare_failure: { ...failure, registry: 'npm error code E503' } })).state).toBe('error');
    expect(verdictStatus(results({ prepare_failure: failure })).state).toBe('failure');
  });

  it('a run the network kept from a pin is an error, and its description names the component', () => {
    const line = 'api: cannot reach https://git.example.com/api.git after 3 attempts (Connection refused)';
    const status = verdictStatus(results({ reason: `${line}; nothing was tested and no commit is to blame: run again later`, unreachable: line }));
    expect(status.state).toBe('error');
    expect(status.description.startsWith('api: cannot reach https://git.example.com/api.git')).toBe(true);
  });
});

describe('the known-good head, shown as everywhere (16 hex)', () => {
  const head = '0123456789abcdef'.repeat(4);
  it('ends the commit status description, never cut off by a long reason', () => {
    expect(verdictStatus(results({ verdict: 'pass', reason: '3 seams passed', known_good_head: head })).description).toBe(
      '3 seams passed · known good 0123456789abcdef',
    );
    const long = verdictStatus(results({ reason: 'x'.repeat(300), known_good_head: head })).description;
    expect(long).toHaveLength(STATUS_DESCRIPTION_MAX);
    expect(long.endsWith('… · known good 0123456789abcdef')).toBe(true);
  });
  it('is named in the failure issue and the summary', () => {
    expect(failureIssueBody({ results: results({ known_good_head: head }), manifestFile: 'm.yaml' })).toContain('Known-good store head: `0123456789abcdef`');
    expect(summaryMarkdown(results({ known_good_head: head }), [], 'm.yaml')).toContain(', known-good head `0123456789abcdef`.');
    expect(summaryMarkdown(results({ known_good_head: null }), [], 'm.yaml')).toContain(', known-good store empty.');
  });
});

describe('failure issue', () => {
  it('names the failed seams (not quarantined ones), the tuple against the last known good, bisect, and the marker', () => {
    const body = failureIssueBody({
      results: results(),
      manifestFile: '.seamline/runs/full-20261121T120000Z-abcdef123456/manifest.yaml',
      knownGood: { users: sha('a'), schema: sha('d'), billing: sha('c') },
      bisect: 'culprit: schema bbbb',
      runUrl: 'https://ci/run/9',
    });
    expect(body.startsWith(failureMarker('f'.repeat(64)))).toBe(true);
    expect(body).toContain(`| schema | \`${sha('b')}\` | \`${sha('d').slice(0, 12)}\` (moved) |`);
    expect(body).toContain(`| users | \`${sha('a')}\` | same |`);
    expect(body).toContain('- `users-schema`');
    expect(body).not.toContain('old-broken');
    expect(body).toContain('### Bisect\n\nculprit: schema bbbb');
    expect(body).toContain('nx run integration:reproduce --manifest=.seamline/runs/full-20261121T120000Z-abcdef123456/manifest.yaml');
    expect(failureIssueTitle(results())).toBe('Seamline full failed: users-schema (manifest ffffffffffff)');
    expect(failureRepeatComment({ results: results(), manifestFile: 'm.yaml', runUrl: 'https://ci/run/10' })).toContain(
      'Failed again with the same tuple: failed seam: users-schema. Run: https://ci/run/10',
    );
  });

  it('keeps the title within the 256 characters GitHub takes and the seam list of the body bounded, however many seams failed', () => {
    const many = (n: number, name = (i: number) => `seam-${i}`) =>
      results({ seams: Array.from({ length: n }, (_, i) => ({ ...results().seams[0], seam: name(i), verdict: 'fail' as const, quarantined: false })) });
    expect(failureIssueTitle(many(7))).toBe('Seamline full failed: seam-0, seam-1, seam-2, seam-3, seam-4 and 2 more (manifest ffffffffffff)');
    const long = failureIssueTitle(many(3, (i) => `${'very-long-seam-name-'.repeat(6)}${i}`));
    expect(long).toHaveLength(ISSUE_TITLE_MAX);
    expect(long).toMatch(/… \(manifest ffffffffffff\)$/);
    const body = failureIssueBody({ results: many(ISSUE_SEAMS_MAX + 3), manifestFile: 'm.yaml' });
    expect(body.match(/^- `seam-\d+`$/gm)).toHaveLength(ISSUE_SEAMS_MAX);
    expect(body).toContain("3 more failed seam(s): see the run's results.json.");
    expect(body.length).toBeLessThan(65_536);
  });

  it('says where the tuple came from: the latest mains, some pinned by --main, or all given', () => {
    const first = (pinned?: string[]) => failureIssueBody({ results: results(), manifestFile: 'm.yaml', pinned }).split('\n')[1];
    expect(first()).toBe('The full suite `full` failed on the latest mains: failed seam: users-schema.');
    expect(first(['users', 'billing'])).toBe(
      'The full suite `full` failed on the latest mains, with billing, users pinned by --main: failed seam: users-schema.',
    );
    expect(first(['users', 'schema', 'billing'])).toBe('The full suite `full` failed on the tuple given with --main: failed seam: users-schema.');
  });

  it('says the issue closes itself only in the issue, not in the local failure report', () => {
    const report = { results: results(), manifestFile: 'm.yaml' };
    expect(failureIssueBody(report)).toMatch(/This issue closes itself when a later `full` passes\.$/);
    expect(failureIssueBody(report, { issue: false })).not.toContain('closes itself');
    expect(failureIssueBody(report, { issue: false })).toMatch(/```$/);
  });

  it('without a bisect, gives the command that finds the culprit from the known good, and bisect: auto', () => {
    const knownGood = { users: sha('a'), schema: sha('d'), billing: sha('c') };
    const manifestFile = '.seamline/runs/full-20261121T120000Z-abcdef123456/manifest.yaml';
    const body = failureIssueBody({ results: results(), manifestFile, knownGood });
    expect(body).toContain(`### Find the culprit\n\n\`\`\`sh\nnx run integration:bisect --bad=${manifestFile}\n\`\`\``);
    expect(body).toContain('`bisect: auto` in `integration/seamline.yaml` makes every failing `full` bisect itself.');
    // Not when bisect ran, with no known good to start from, when no seam failed, or for one shard.
    expect(failureIssueBody({ results: results(), manifestFile, knownGood, bisect: 'culprit: schema bbbb' })).not.toContain('Find the culprit');
    expect(failureIssueBody({ results: results(), manifestFile })).not.toContain('Find the culprit');
    const prepareFailed = results({ reason: 'component users at aaaa failed to prepare', seams: [] });
    expect(failureIssueBody({ results: prepareFailed, manifestFile, knownGood })).not.toContain('Find the culprit');
    expect(failureIssueBody({ results: results({ shard: '1/2' }), manifestFile, knownGood })).not.toContain('Find the culprit');
  });

  it('says "(none)" when there is no known good yet', () => {
    expect(failureIssueBody({ results: results(), manifestFile: 'm.yaml' })).toContain(`| billing | \`${sha('c')}\` | (none) |`);
  });
});

describe('holds in reports', () => {
  const hold = { component: 'schema', sha: sha('b'), reason: 'culprit schema 1234 breaks users-schema | see #4', expires: '2026-12-13' };

  it('summary.md marks the held component with its reason and expiry', () => {
    const md = summaryMarkdown(results({ verdict: 'pass', reason: '2 seams passed' }), [], 'm.yaml', [hold]);
    expect(md).toContain(`| schema | \`${sha('b').slice(0, 12)}\` | held until 2026-12-13: culprit schema 1234 breaks users-schema \\| see #4 |`);
    expect(md).toContain('Held (`hold:` in integration/seamline.yaml): schema ran at the held SHA instead of the latest main.');
    expect(summaryMarkdown(results(), [], 'm.yaml')).not.toContain('held');
  });

  it('the failure issue gives the hold entry and the command that writes it, when bisect named a culprit', () => {
    const body = failureIssueBody({ results: results(), manifestFile: 'm.yaml', bisect: 'culprit: schema 1234', hold });
    expect(body).toContain('### Hold the culprit');
    expect(body).toContain(
      `hold:\n  - component: schema\n    sha: ${sha('b')}\n    reason: "culprit schema 1234 breaks users-schema | see #4"\n    expires: 2026-12-13\n`,
    );
    expect(body).toContain(
      `nx run integration:hold --component=schema --sha=${sha('b')} --reason='culprit schema 1234 breaks users-schema | see #4' --expires=2026-12-13`,
    );
    expect(failureIssueBody({ results: results(), manifestFile: 'm.yaml', bisect: 'interaction: a + b' })).not.toContain('integration:hold');
    expect(failureRepeatComment({ results: results(), manifestFile: 'm.yaml', bisect: 'culprit: schema 1234', hold })).toContain(
      `Hold the culprit: \`nx run integration:hold --component=schema --sha=${sha('b')} --reason=`,
    );
  });
});
