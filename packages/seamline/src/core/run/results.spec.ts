import { junitXml } from './junit';
import { decideVerdict, failedOutsideTheTuple, type RunResults, type SeamResult } from './results';
import { runId } from './run-id';
import { LIST_EVERY_SEAM_UP_TO, MAX_ROWS, summaryMarkdown } from './summary';

const seam = (name: string, verdict: SeamResult['verdict'], extra: Partial<SeamResult> = {}): SeamResult => ({
  seam: name,
  verdict,
  quarantined: false,
  duration_s: 2,
  attempts: 1,
  cached: false,
  log: `.seamline/runs/r/logs/${name}.log`,
  ...extra,
});

describe('decideVerdict', () => {
  it('fails naming the failed seams; quarantined failures and flaky passes do not fail', () => {
    expect(decideVerdict({ seams: [seam('a', 'pass'), seam('b', 'fail'), seam('c', 'fail')], budgetS: 60, seamsDurationS: 5 })).toEqual({
      verdict: 'fail',
      reason: 'failed seams: b, c',
    });
    expect(decideVerdict({ seams: [seam('a', 'flaky'), seam('b', 'fail', { quarantined: true })], budgetS: 60, seamsDurationS: 5 })).toEqual({
      verdict: 'pass',
      reason: '2 seams passed',
    });
  });

  it('names the first 20 failed seams and counts the rest, so the reason stays one line', () => {
    const failed = Array.from({ length: 25 }, (_, i) => seam(`f${i}`, 'fail'));
    const { reason } = decideVerdict({ seams: failed, budgetS: 60, seamsDurationS: 5 });
    expect(reason).toBe(
      `failed seams: ${failed
        .slice(0, 20)
        .map((s) => s.seam)
        .join(', ')} and 5 more`,
    );
  });

  it('over budget is a failure that gives the durations', () => {
    expect(decideVerdict({ seams: [seam('a', 'pass')], budgetS: 60, seamsDurationS: 75.25 })).toEqual({
      verdict: 'fail',
      reason: 'over budget: seams took 75.3s, the subset allows 60s',
    });
  });

  it('a prepare failure names the component and SHA, not a seam', () => {
    expect(
      decideVerdict({ seams: [], budgetS: 60, seamsDurationS: 0, prepareFailure: { component: 'schema', sha: 'a'.repeat(40), log: 'l', message: 'm' } }),
    ).toEqual({ verdict: 'fail', reason: `component schema at ${'a'.repeat(40)} failed to prepare` });
  });

  it('a prepare the registry or the network failed twice blames nobody and says to run again', () => {
    const prepareFailure = { component: 'api', sha: 'c'.repeat(40), log: 'l', message: 'm', registry: 'npm error code ECONNRESET' };
    expect(decideVerdict({ seams: [], budgetS: 60, seamsDurationS: 0, prepareFailure })).toEqual({
      verdict: 'fail',
      reason: `the registry or the network failed twice to prepare component api at ${'c'.repeat(12)} (npm error code ECONNRESET): nothing was tested; run again later`,
    });
    expect(failedOutsideTheTuple({ prepare_failure: prepareFailure })).toBe(true);
    expect(failedOutsideTheTuple({ prepare_failure: { ...prepareFailure, registry: undefined } })).toBe(false);
    expect(failedOutsideTheTuple({ no_space: 'seam users-schema' })).toBe(true);
    expect(failedOutsideTheTuple({})).toBe(false);
  });

  it('a pin the network kept from git blames nobody: its line, then that nothing was tested', () => {
    const unreachable =
      'api: cannot reach https://git.example.com/api.git after 3 attempts (Could not resolve host: git.example.com); check the network or "repo" in components/api/component.yaml';
    expect(decideVerdict({ seams: [], budgetS: 60, seamsDurationS: 0, unreachable, error: unreachable })).toEqual({
      verdict: 'fail',
      reason: `${unreachable}; nothing was tested and no commit is to blame: run again later`,
    });
    expect(failedOutsideTheTuple({ unreachable })).toBe(true);
    // Any other git failure (a wrong URL, denied access) stays the run's plain error.
    expect(decideVerdict({ seams: [], budgetS: 60, seamsDurationS: 0, error: 'api: access denied' })).toEqual({
      verdict: 'fail',
      reason: 'api: access denied',
    });
  });

  it('a run a signal stopped blames nobody, whatever its seams and prepares did before', () => {
    const killed = [{ seam: 'slow', verdict: 'fail' as const, quarantined: false, duration_s: 5, attempts: 1, cached: false, log: 'logs/slow.log' }];
    const reason = 'interrupted by SIGINT before it finished: nothing was tested to the end and nothing is to blame; run it again';
    expect(decideVerdict({ seams: killed, budgetS: 60, seamsDurationS: 5, interrupted: 'SIGINT', error: 'prepare killed' })).toEqual({
      verdict: 'fail',
      reason,
    });
    expect(failedOutsideTheTuple({ interrupted: 'SIGTERM' })).toBe(true);
  });

  it('says so when the change reaches no seam', () => {
    expect(decideVerdict({ seams: [], budgetS: 60, seamsDurationS: 0 })).toEqual({
      verdict: 'pass',
      reason: 'no seam of the subset is reached by this change',
    });
  });
});

describe('artifacts', () => {
  const results: RunResults = {
    run_id: runId('pr', '2026-11-21T12:14:03Z', 'abcdef0123456789'),
    kind: 'pr',
    manifest_sha256: 'abcdef0123456789'.padEnd(64, '0'),
    subset: 'pr_fast',
    tuple: { users: 'b'.repeat(40), schema: 'a'.repeat(40) },
    verdict: 'fail',
    reason: 'failed seam: users-schema',
    seams: [
      seam('users-schema', 'fail', { attempts: 2 }),
      seam('billing-schema', 'flaky', { attempts: 2 }),
      seam('smoke', 'fail', { quarantined: true }),
      seam('ok', 'pass', { cached: true }),
    ],
    not_selected: 3,
    budget_s: 600,
    seams_duration_s: 8,
    started: '2026-11-21T12:14:03Z',
    finished: '2026-11-21T12:14:20Z',
  };

  it('names runs by kind, time and manifest hash', () => {
    expect(results.run_id).toBe('pr-20261121T121403-abcdef01');
  });

  it('junit.xml has a failure per failed seam and skips quarantined failures', () => {
    const xml = junitXml(results);
    expect(xml).toContain('<testsuites name="seamline pr-20261121T121403-abcdef01" tests="4" failures="1" errors="0">');
    expect(xml).toContain('<failure message="seam users-schema failed after 2 attempt(s); log: .seamline/runs/r/logs/users-schema.log"/>');
    expect(xml).toContain('<skipped message="quarantined seam failed; see .seamline/runs/r/logs/smoke.log"/>');
    expect(xml).toContain('<system-out>flaky: passed on attempt 2</system-out>');
    expect(xml).toContain('<testcase classname="seamline.pr_fast" name="ok" time="2"></testcase>');
  });

  it('summary.md gives the verdict, the tuple with what is under test, every seam and how to reproduce', () => {
    const md = summaryMarkdown(results, ['schema'], '.seamline/runs/pr-20261121T121403-abcdef01/manifest.yaml');
    expect(md).toContain('## Seamline pr: failed');
    expect(md).toContain(`| schema | \`${'a'.repeat(12)}\` | under test |`);
    expect(md).toContain('| users-schema | ❌ fail | 2s | 2 | `.seamline/runs/r/logs/users-schema.log` |');
    expect(md).toContain('| smoke | ❌ fail (quarantined) |');
    expect(md).toContain('| ok | ✅ pass (cached) |');
    expect(md).toContain('4 seam(s) ran in 8s of a 600s budget; 3 seam(s) of the subset not selected.');
    expect(md).toContain('nx run integration:reproduce --manifest=.seamline/runs/pr-20261121T121403-abcdef01/manifest.yaml');
  });

  it('summary.md of a large run has a row only for the seams that did not simply pass, and counts the rest', () => {
    const many = [
      ...Array.from({ length: LIST_EVERY_SEAM_UP_TO }, (_, i) => seam(`pass-${i}`, 'pass', { cached: i % 2 === 0 })),
      seam('broken', 'fail'),
      seam('shaky', 'flaky', { attempts: 2 }),
      seam('muted', 'fail', { quarantined: true }),
    ];
    const md = summaryMarkdown({ ...results, seams: many }, ['schema'], 'm.yaml');
    expect(md.match(/^\| [\w-]+ \| (✅|❌|⚠️)/gmu)).toHaveLength(3);
    expect(md).toContain('| broken | ❌ fail | 2s | 1 |');
    expect(md).toContain('| shaky | ⚠️ flaky | 2s | 2 |');
    expect(md).toContain('| muted | ❌ fail (quarantined) |');
    expect(md).not.toContain('pass-0');
    expect(md).toContain(
      `The other ${LIST_EVERY_SEAM_UP_TO} seam(s) passed (${LIST_EVERY_SEAM_UP_TO / 2} from the Nx cache): each is in results.json and junit.xml.`,
    );
    expect(md).toContain(`${LIST_EVERY_SEAM_UP_TO + 3} seam(s) ran in 8s`);

    const allPass = summaryMarkdown(
      { ...results, seams: many.slice(0, LIST_EVERY_SEAM_UP_TO + 1).map((s) => ({ ...s, verdict: 'pass' as const })) },
      [],
      'm.yaml',
    );
    expect(allPass).not.toContain('| seam | verdict |');
    expect(allPass).toContain(`${LIST_EVERY_SEAM_UP_TO + 1} seam(s) passed`);
    // Up to the limit every seam keeps its row.
    const few = summaryMarkdown({ ...results, seams: many.slice(0, LIST_EVERY_SEAM_UP_TO) }, [], 'm.yaml');
    expect(few).toContain('| pass-49 | ✅ pass |');
  });

  it('summary.md has at most MAX_ROWS seam rows, however many seams failed', () => {
    const failing = Array.from({ length: MAX_ROWS + 7 }, (_, i) => seam(`broken-${i}`, 'fail'));
    const md = summaryMarkdown({ ...results, seams: failing }, [], 'm.yaml');
    expect(md.match(/^\| broken-\d+ \| ❌ fail/gmu)).toHaveLength(MAX_ROWS);
    expect(md).toContain('7 more seam(s) did not simply pass: see results.json and junit.xml.');
    expect(Buffer.byteLength(md)).toBeLessThan(1024 * 1024);
  });

  it('summary.md states a prepare failure once, with its cause and log', () => {
    const sha = 'b'.repeat(40);
    const failed: RunResults = {
      ...results,
      verdict: 'fail',
      reason: `component schema at ${sha} failed to prepare`,
      seams: [],
      prepare_failure: { component: 'schema', sha, log: '.seamline/runs/r/logs/prepare-schema.log', message: '`npm run build` exited with 2' },
    };
    const md = summaryMarkdown(failed, ['schema'], 'm.yaml');
    expect(md.match(/failed to prepare/g)).toHaveLength(1);
    expect(md).toContain(
      `**Component schema at ${sha} failed to prepare**: \`npm run build\` exited with 2 (log: \`.seamline/runs/r/logs/prepare-schema.log\`).`,
    );
  });

  it('summary.md says a prepare the registry failed twice blames no commit', () => {
    const sha = 'b'.repeat(40);
    const message = '`npm ci` exited with 1 twice, the registry or the network failing it (npm error code ECONNRESET)';
    const failed: RunResults = {
      ...results,
      verdict: 'fail',
      reason: 'the registry or the network failed twice …',
      seams: [],
      prepare_failure: { component: 'schema', sha, log: 'logs/prepare-schema.log', message, registry: 'npm error code ECONNRESET' },
    };
    const md = summaryMarkdown(failed, ['schema'], 'm.yaml');
    expect(md).toContain(
      `**The registry or the network failed twice to prepare component schema at ${sha}**: ${message} (log: \`logs/prepare-schema.log\`). Nothing was tested and no commit is to blame: run again later.`,
    );
    expect(md).not.toContain('failed to prepare**');
  });
});
