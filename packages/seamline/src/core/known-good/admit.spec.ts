import { parseComponentConfig, parseIntegrationConfig, parseSeamConfig } from '../config/parse-config';
import type { WorkspaceModel } from '../config/workspace-model';
import { buildFullManifest } from '../manifest/build-manifest';
import { manifestHash } from '../manifest/manifest';
import type { RunResults, SeamResult } from '../run/results';
import { checkShardSet, combineResults } from '../run/shard-set';
import { admitRun, type RunEvidence } from './admit';

const model: WorkspaceModel = {
  integration: parseIntegrationConfig('subsets:\n  full: { seams: all, budget: 1h }\n', 'i'),
  components: { auth: parseComponentConfig('repo: https://x/auth.git\n', 'c') },
  seams: { a: parseSeamConfig('components: [auth]\ncatches: x\n', 's'), b: parseSeamConfig('components: [auth]\ncatches: x\n', 's') },
};
const manifest = buildFullManifest({ components: model.components, mains: { auth: 'a'.repeat(40) }, subset: 'full', timestamp: '2026-11-21T12:00:00Z' });
const hash = manifestHash(manifest);
const pass = (seam: string): SeamResult => ({ seam, verdict: 'pass', quarantined: false, duration_s: 1, attempts: 1, cached: false, log: '' });
const shard = (index: string, seam: string): RunResults => ({
  run_id: `full-${index[0]}`,
  kind: 'full',
  manifest_sha256: hash,
  subset: 'full',
  tuple: { auth: 'a'.repeat(40) },
  verdict: 'pass',
  reason: '1 seam passed',
  seams: [pass(seam)],
  not_selected: 1,
  shard: index,
  budget_s: 3600,
  seams_duration_s: 1,
  started: '2026-11-21T12:00:00Z',
  finished: '2026-11-21T12:01:40Z',
});
const evidence = (results: unknown): RunEvidence => ({ manifest, manifestFile: 'run/manifest.yaml', results, resultsFile: 'run/results.json' });
const combined = () =>
  combineResults(
    checkShardSet([shard('1/2', 'a'), shard('2/2', 'b')].map((results) => ({ file: results.run_id, results, manifestSha256: hash }))).shards,
    'full-combined',
  );

describe('admitRun and combined shards', () => {
  it('admits a run combined from every shard of the plan, as one whole run', () => {
    expect(admitRun(model, evidence(combined()))).toEqual({ tuple: { auth: 'a'.repeat(40) }, manifestSha256: hash, suite: 'full', durationS: 100 });
  });

  it('still refuses a single shard', () => {
    expect(() => admitRun(model, evidence(shard('1/2', 'a')))).toThrow('run/results.json: shard 1/2 of a run;');
  });

  it('refuses a combined run that does not name each of its shards once', () => {
    const bad = { ...combined(), shards: { count: 2, runs: ['full-1', 'full-1'] } };
    expect(() => admitRun(model, evidence(bad))).toThrow(
      'run/results.json: shards: expected {count, runs} naming every shard of the combined run once; combine the shards again with nx run integration:combine; nothing was written',
    );
  });
});
