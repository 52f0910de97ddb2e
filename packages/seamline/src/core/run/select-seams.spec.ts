import { parseComponentConfig, parseIntegrationConfig, parseSeamConfig } from '../config/parse-config';
import type { WorkspaceModel } from '../config/workspace-model';
import { activeQuarantine, couplingFromModel, parseShard, selectSeams } from './select-seams';

const model = (): WorkspaceModel => ({
  integration: parseIntegrationConfig(
    `subsets:
  pr_fast: { seams: [users-schema, billing-schema, users-smoke, canary], budget: 5m }
  full: { seams: all, budget: 1h }
quarantine:
  - { seam: users-smoke, reason: flaky, expires: 2026-12-01 }
`,
    'i',
  ),
  components: {
    schema: parseComponentConfig('repo: https://x/schema.git\n', 'c'),
    users: parseComponentConfig('repo: https://x/users.git\ndependsOn: [schema]\n', 'c'),
    billing: parseComponentConfig('repo: https://x/billing.git\ndependsOn: [schema]\n', 'c'),
  },
  seams: {
    'users-schema': parseSeamConfig('components: [users, schema]\ncatches: x\n', 's'),
    'billing-schema': parseSeamConfig('components: [billing, schema]\ncatches: x\n', 's'),
    'users-smoke': parseSeamConfig('components: [users]\ncatches: x\n', 's'),
    canary: parseSeamConfig('components: [billing]\ncatches: x\nalways: true\n', 's'),
    'full-only': parseSeamConfig('components: [users]\ncatches: x\n', 's'),
  },
});

describe('selectSeams', () => {
  it('a provider change reaches the seams of its consumers', () => {
    const m = model();
    expect(selectSeams(m, 'pr_fast', couplingFromModel(m), ['schema'])).toEqual({
      selected: ['billing-schema', 'canary', 'users-schema', 'users-smoke'],
      notSelected: 0,
    });
  });

  it('a leaf change runs only what it reaches, plus the always seams', () => {
    const m = model();
    expect(selectSeams(m, 'pr_fast', couplingFromModel(m), ['users'])).toEqual({ selected: ['canary', 'users-schema', 'users-smoke'], notSelected: 1 });
  });

  it('edges from the project graph (package.json of checkouts) widen what a change reaches', () => {
    const m = model();
    m.seams.canary.always = false;
    expect(selectSeams(m, 'pr_fast', couplingFromModel(m), ['users']).selected).toEqual(['users-schema', 'users-smoke']);
    expect(selectSeams(m, 'pr_fast', couplingFromModel(m, [['billing', 'users']]), ['users']).selected).toEqual([
      'billing-schema',
      'canary',
      'users-schema',
      'users-smoke',
    ]);
  });

  it('a full run takes the whole subset', () => {
    const m = model();
    expect(selectSeams(m, 'full', couplingFromModel(m), undefined).selected).toEqual(['billing-schema', 'canary', 'full-only', 'users-schema', 'users-smoke']);
  });

  it('shards partition the selected seams: none lost, none twice', () => {
    const m = model();
    for (let count = 1; count <= 7; count++) {
      const shards = Array.from({ length: count }, (_, i) => selectSeams(m, 'full', couplingFromModel(m), undefined, { index: i + 1, count }).selected);
      const all = shards.flat();
      expect(all.sort()).toEqual(['billing-schema', 'canary', 'full-only', 'users-schema', 'users-smoke']);
      expect(new Set(all).size).toBe(all.length);
    }
  });

  it('parses shards and refuses bad ones', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(() => parseShard('5/4')).toThrow('--shard: expected i/n with 1 <= i <= n (e.g. 2/4), got "5/4"');
    expect(() => parseShard('0/1')).toThrow('--shard');
  });

  it('quarantine is in force until its expiry date', () => {
    expect([...activeQuarantine(model(), '2026-11-30').keys()]).toEqual(['users-smoke']);
    expect([...activeQuarantine(model(), '2026-12-01').keys()]).toEqual(['users-smoke']);
    expect([...activeQuarantine(model(), '2026-12-02').keys()]).toEqual([]);
  });
});
