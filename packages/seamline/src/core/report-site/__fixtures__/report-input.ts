/** A small report input: two components, two seams, three records, a flaky pass, a failed run and its bisect verdict. */
import { parseIntegrationConfig, parseSeamConfig } from '../../config/parse-config';
import { checkWorkspaceModel, type WorkspaceModel } from '../../config/workspace-model';
import type { KnownGoodRecord } from '../../known-good/record';
import type { RunResults, SeamResult } from '../../run/results';
import type { ReportInput, RunInput } from '../report-input';

export const A = (n: number) => String(n).padStart(40, 'a');
export const U = (n: number) => String(n).padStart(40, 'b');

export function reportModel(): WorkspaceModel {
  return checkWorkspaceModel({
    integration: parseIntegrationConfig(
      'subsets:\n  full: { seams: all, budget: 1h }\nquarantine:\n  - { seam: users-auth, reason: "flaky fixture #12", expires: 2026-01-31 }\n',
      'integration/seamline.yaml',
    ),
    components: {
      auth: { repo: 'x', branch: 'main', dependsOn: [], provides: {}, prepare: [] },
      users: { repo: 'y', branch: 'main', dependsOn: ['auth'], provides: {}, prepare: [] },
    },
    seams: {
      'users-auth': parseSeamConfig('components: [users, auth]\nring: 2\ncatches: users reads a renamed field\nretries: 1\n', 'seams/users-auth/seam.yaml'),
      'auth-smoke': parseSeamConfig('components: [auth]\ncatches: auth cannot start\n', 'seams/auth-smoke/seam.yaml'),
    },
  });
}

export const record = (i: number, tuple: Record<string, string>): KnownGoodRecord => ({
  timestamp: `2026-11-2${i}T10:00:00Z`,
  tuple,
  manifest_sha256: String(i).repeat(64).slice(0, 64),
  suite: 'full',
  duration_s: 100 + i,
  prev: null,
  run: null,
});

export const seam = (name: string, verdict: SeamResult['verdict'], duration_s = 2): SeamResult => ({
  seam: name,
  verdict,
  quarantined: false,
  duration_s,
  attempts: verdict === 'flaky' ? 2 : 1,
  cached: false,
  log: `logs/${name}.log`,
});

export const results = (id: string, started: string, tuple: Record<string, string>, seams: SeamResult[]): RunResults => {
  const failed = seams.filter((s) => s.verdict === 'fail').map((s) => s.seam);
  return {
    run_id: id,
    kind: 'full',
    manifest_sha256: 'f'.repeat(64),
    subset: 'full',
    tuple,
    verdict: failed.length ? 'fail' : 'pass',
    reason: failed.length ? `failed seam: ${failed.join(', ')}` : `${seams.length} seams passed`,
    seams,
    not_selected: 0,
    budget_s: 3600,
    seams_duration_s: 4,
    started,
    finished: started,
  };
};

export function reportInput(): ReportInput {
  const records = [record(1, { auth: A(1), users: U(1) }), record(2, { auth: A(2), users: U(1) }), record(3, { auth: A(2), users: U(1) })];
  const bad = { auth: A(3), users: U(1) };
  const runs: RunInput[] = [
    {
      id: 'full-20261123T100000-11111111',
      results: results('full-20261123T100000-11111111', '2026-11-23T10:00:00Z', records[2].tuple, [seam('users-auth', 'flaky'), seam('auth-smoke', 'pass')]),
      logs: {},
    },
    {
      id: 'full-20261124T100000-22222222',
      results: results('full-20261124T100000-22222222', '2026-11-24T10:00:00Z', bad, [seam('users-auth', 'fail', 3), seam('auth-smoke', 'pass')]),
      logs: { 'users-auth': 'Error: <b>no token</b>' },
    },
    {
      id: 'bisect-20261124T100200-22222222',
      results: results('bisect-20261124T100200-22222222', '2026-11-24T10:02:00Z', bad, [seam('users-auth', 'fail', 3)]),
      logs: { 'users-auth': 'Error: no token' },
    },
    {
      id: 'bisect-verdict-20261124T100500-22222222',
      bisect: {
        kind: 'full',
        seams: ['users-auth'],
        good: records[2].tuple,
        bad,
        probes: [
          {
            run: 1,
            why: 'bad tuple again: does the failure reproduce?',
            tuple: bad,
            result: 'fail',
            answered: 'ran',
            seconds: 1,
            run_dir: '.seamline/runs/bisect-20261124T100200-22222222',
          },
        ],
        verdict: { kind: 'culprit', component: 'auth', sha: A(3), index: 1, of: 1, runs: 1 },
        culprit: { sha: A(3), subject: 'rename token', author: 'Test', date: '2026-11-24T09:00:00Z' },
        line: `culprit: auth ${A(3)} "rename token" by Test (commit 1 of 1), found in 1 run`,
      },
      logs: {},
    },
  ];
  return {
    model: reportModel(),
    records,
    head: 'e'.repeat(64),
    storePath: 'integration/known-good.jsonl',
    runs,
    commits: { auth: { [A(2)]: { subject: 'auth: add token', date: '2026-11-22T09:00:00Z' } } },
    edges: [['users', 'auth']],
    now: '2026-11-25T10:00:00Z',
  };
}
