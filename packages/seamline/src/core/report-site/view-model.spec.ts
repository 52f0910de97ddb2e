import { A, record, reportInput, results, seam, U } from './__fixtures__/report-input';
import { buildReportView, recordsSinceChange } from './view-model';

describe('report view model', () => {
  it('says, for each component of the latest known good, how many records ago it last moved', () => {
    const view = buildReportView(reportInput());
    expect(view.latest?.number).toBe(3);
    expect(view.latest?.pins).toEqual([
      { component: 'auth', sha: A(2), commit: { subject: 'auth: add token', date: '2026-11-22T09:00:00Z' }, recordsAgo: 1, sinceFirst: false },
      { component: 'users', sha: U(1), commit: undefined, recordsAgo: 2, sinceFirst: true },
    ]);
    expect(recordsSinceChange([record(1, { auth: A(1) })], 'auth')).toEqual({ recordsAgo: 0, sinceFirst: true });
  });

  it('lists the history newest first and marks the SHAs each record moved', () => {
    const view = buildReportView(reportInput());
    expect(view.history.map((r) => r.number)).toEqual([3, 2, 1]);
    expect(view.history.map((r) => r.changed)).toEqual([
      { auth: false, users: false },
      { auth: true, users: false },
      { auth: true, users: true },
    ]);
  });

  it('orders runs newest first, names failed seams with their logs, flaky seams, and links a failed run to the bisect of its tuple', () => {
    const view = buildReportView(reportInput());
    expect(view.runs.map((r) => [r.id, r.verdict, r.probe])).toEqual([
      ['bisect-verdict-20261124T100500-22222222', 'bisect', false],
      ['bisect-20261124T100200-22222222', 'fail', true],
      ['full-20261124T100000-22222222', 'fail', false],
      ['full-20261123T100000-11111111', 'pass', false],
    ]);
    expect(view.runs[1]).toMatchObject({ kind: 'bisect probe of a full run', bisectedIn: [] });
    view.runs.splice(1, 1);
    expect(view.runs[1]).toMatchObject({
      failed: [{ seam: 'users-auth', log: 'Error: <b>no token</b>' }],
      bisectedIn: ['bisect-verdict-20261124T100500-22222222'],
    });
    expect(view.runs[2]).toMatchObject({ flaky: ['users-auth'], failed: [], bisectedIn: [] });
    expect(view.runs[0].bisect?.culprit?.subject).toBe('rename token');
  });

  it('counts pass, flaky and fail per seam across the runs (bisect probes left out), with duration and quarantine expiry', () => {
    const view = buildReportView(reportInput());
    expect(view.seams).toEqual([
      { name: 'auth-smoke', components: ['auth'], ring: 1, subsets: ['full'], catches: 'auth cannot start', pass: 2, flaky: 0, fail: 0, durationS: 4 },
      {
        name: 'users-auth',
        components: ['users', 'auth'],
        ring: 2,
        subsets: ['full'],
        catches: 'users reads a renamed field',
        pass: 0,
        flaky: 1,
        fail: 1,
        durationS: 5,
        quarantine: { reason: 'flaky fixture #12', expires: '2026-01-31', expired: true },
      },
    ]);
  });

  it('shows a combined run for its shards: the shards are neither listed nor counted again', () => {
    const input = reportInput();
    const tuple = input.records[2].tuple;
    const shard = (i: number, seams: ReturnType<typeof seam>[]) => ({
      id: `full-20261125T100000-33333333-${i}`,
      results: { ...results(`full-20261125T100000-33333333-${i}`, '2026-11-25T10:00:00Z', tuple, seams), shard: `${i}/2` },
      logs: {},
    });
    const shards = [shard(1, [seam('auth-smoke', 'pass')]), shard(2, [seam('users-auth', 'pass')])];
    const combined = {
      id: 'full-20261125T100500-33333333',
      results: {
        ...results('full-20261125T100500-33333333', '2026-11-25T10:00:00Z', tuple, [seam('auth-smoke', 'pass'), seam('users-auth', 'pass')]),
        shards: { count: 2, runs: shards.map((s) => s.id) },
      },
      logs: {},
    };
    const view = buildReportView({ ...input, runs: [...input.runs, ...shards, combined] });
    expect(view.runs.map((r) => r.id)).toContain(combined.id);
    expect(view.runs.map((r) => r.id)).not.toContain(shards[0].id);
    expect(view.seams.find((s) => s.name === 'auth-smoke')).toMatchObject({ pass: 3 });
    expect(view.seams.find((s) => s.name === 'users-auth')).toMatchObject({ pass: 1, flaky: 1, fail: 1 });
  });

  it('passes holds through, expired ones marked, and shows none when the workspace has none', () => {
    expect(buildReportView(reportInput()).holds).toEqual([]);
    const held = buildReportView({
      ...reportInput(),
      holds: [
        { component: 'auth', sha: A(2), reason: 'release freeze', expires: '2026-12-31' },
        { component: 'users', sha: U(1), reason: 'old', expires: '2026-11-01' },
      ],
    }).holds;
    expect(held.map((x) => [x.component, x.expired])).toEqual([
      ['auth', false],
      ['users', true],
    ]);
  });

  it('builds an empty view from an empty store and no runs', () => {
    const view = buildReportView({ ...reportInput(), records: [], runs: [], head: null });
    expect(view.latest).toBeUndefined();
    expect(view.history).toEqual([]);
    expect(view.seams.every((s) => s.pass + s.flaky + s.fail === 0)).toBe(true);
  });
});
