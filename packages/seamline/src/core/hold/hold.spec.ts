import type { BisectVerdict } from '../bisect/verdict';
import type { Hold } from '../config/integration-config';
import { parseIntegrationConfig } from '../config/parse-config';
import { buildFullManifest, buildPrManifest, probeManifest } from '../manifest/build-manifest';
import { manifestHash, manifestTuple } from '../manifest/manifest';
import { parseManifest, serializeManifest } from '../manifest/manifest-yaml';
import { applyHolds, holdInForce } from './hold-in-force';
import { holdFromOptions } from './hold-input';
import { addDays, holdAdvice, holdCommand, suggestedHold } from './suggest-hold';

const sha = (c: string) => c.repeat(40);
const hold = (over: Partial<Hold> = {}): Hold => ({
  component: 'schema',
  sha: sha('a'),
  reason: 'culprit schema bbb breaks users-schema',
  expires: '2026-12-13',
  ...over,
});
const components = {
  billing: { repo: 'https://example.com/billing.git' },
  schema: { repo: 'https://example.com/schema.git' },
  users: { repo: 'https://example.com/users.git' },
};
const mains = { billing: sha('1'), schema: sha('2'), users: sha('3') };

describe('a hold in force', () => {
  it('is in force through its expires day and not after', () => {
    expect(holdInForce(hold(), '2026-12-12')).toBe(true);
    expect(holdInForce(hold(), '2026-12-13')).toBe(true);
    expect(holdInForce(hold(), '2026-12-14')).toBe(false);
  });

  it('pins the held component at its SHA and every other at its main; an expired hold and one overridden by --main do not apply', () => {
    const expired = hold({ component: 'users', sha: sha('e'), expires: '2026-11-01' });
    expect(applyHolds({ mains, given: {}, holds: [hold(), expired], today: '2026-11-29' })).toEqual({
      tuple: { billing: sha('1'), schema: sha('a'), users: sha('3') },
      held: [hold()],
      expired: [expired],
      overridden: [],
    });
    const pinned = applyHolds({ mains, given: { schema: sha('f') }, holds: [hold()], today: '2026-11-29' });
    expect(pinned.tuple.schema).toBe(sha('f'));
    expect(pinned.overridden).toEqual([hold()]);
    expect(pinned.held).toEqual([]);
  });
});

describe('a full manifest with holds', () => {
  const build = (holds: Hold[]) => {
    const pins = applyHolds({ mains, given: {}, holds, today: '2026-11-29' });
    return buildFullManifest({ components, mains: pins.tuple, holds: pins.held, subset: 'full', timestamp: '2026-11-29T12:00:00Z' });
  };

  it('pins the held component `from: hold`, lists the hold, and reads back the same', () => {
    const manifest = build([hold()]);
    expect(manifest.others.map((p) => [p.name, p.sha, p.from])).toEqual([
      ['billing', sha('1'), 'main'],
      ['schema', sha('a'), 'hold'],
      ['users', sha('3'), 'main'],
    ]);
    expect(manifest.holds).toEqual([hold()]);
    const text = serializeManifest(manifest);
    expect(text).toContain(`holds:\n  - { component: schema, sha: ${sha('a')}, reason: culprit schema bbb breaks users-schema, expires: 2026-12-13 }\n`);
    expect(parseManifest(text, 'm.yaml')).toEqual(manifest);
  });

  it('has no holds field without a hold in force, and the hash is of the tuple only', () => {
    const plain = build([hold({ expires: '2026-11-28' })]);
    expect('holds' in plain).toBe(false);
    expect(serializeManifest(plain)).not.toContain('hold');
    const held = build([hold()]);
    expect(manifestHash(held)).toBe(manifestHash({ ...plain, others: plain.others.map((p) => (p.name === 'schema' ? { ...p, sha: sha('a') } : p)) }));
  });

  it('refuses a manifest whose held pin and hold disagree', () => {
    const text = serializeManifest(build([hold()])).replace(/sha: a{40}, reason/, `sha: ${sha('c')}, reason`);
    expect(() => parseManifest(text, 'm.yaml')).toThrow(
      `m.yaml: field "others[1].from": "hold", but "holds" has no entry for schema at ${sha('a')}; regenerate the manifest`,
    );
  });

  it('a bisect probe that moves the held component no longer calls it held', () => {
    const manifest = build([hold()]);
    const probe = probeManifest(manifest, { ...manifestTuple(manifest), schema: sha('9') }, '2026-11-29T12:00:01Z');
    expect(probe.kind === 'full' && probe.holds).toBeFalsy();
    expect(probe.others.find((p) => p.name === 'schema')).toMatchObject({ sha: sha('9'), from: 'main' });
    expect(() => parseManifest(serializeManifest(probe), 'p.yaml')).not.toThrow();
  });

  it('pr-fast of the held component tests the PR head: a PR manifest takes no hold', () => {
    const pr = buildPrManifest(
      { components, knownGood: { billing: sha('1'), schema: sha('a'), users: sha('3') }, subset: 'pr_fast', timestamp: '2026-11-29T12:00:00Z' },
      { component: 'schema', sha: sha('d'), pr: 9 },
    );
    expect(pr.component_under_test.sha).toBe(sha('d'));
    expect(pr.others.map((p) => p.from)).toEqual(['known-good', 'known-good']);
    const text = serializeManifest(pr).replace('from: known-good', 'from: hold');
    expect(() => parseManifest(text, 'pr.yaml')).toThrow(
      'pr.yaml: field "others[0].from": "hold" in a pr manifest; only a full run applies holds, expected "known-good" or "main"',
    );
  });
});

describe('the suggested hold', () => {
  const commits = { schema: [sha('4'), sha('5'), sha('6')] };
  const culprit = (index: number): BisectVerdict => ({ kind: 'culprit', component: 'schema', sha: commits.schema[index - 1], index, of: 3, runs: 5 });

  it('holds the culprit component at the commit before the culprit, for 14 days, naming the culprit and the seams', () => {
    expect(
      suggestedHold({
        kind: 'full',
        verdict: culprit(2),
        commits,
        good: { schema: sha('0') },
        subject: 'rename token',
        seams: ['users-schema'],
        today: '2026-11-29',
      }),
    ).toEqual({
      component: 'schema',
      sha: sha('4'),
      reason: `culprit schema ${sha('5')} "rename token" breaks users-schema`,
      expires: '2026-12-13',
    });
  });

  it('holds at the known-good SHA when the culprit is the first commit after it; nothing for a verdict without one commit', () => {
    expect(suggestedHold({ kind: 'full', verdict: culprit(1), commits, good: { schema: sha('0') }, seams: ['s'], today: '2026-11-29' })?.sha).toBe(sha('0'));
    const interaction: BisectVerdict = { kind: 'interaction', components: ['schema', 'users'], runs: 4 };
    expect(suggestedHold({ kind: 'full', verdict: interaction, commits, good: {}, seams: ['s'], today: '2026-11-29' })).toBeUndefined();
  });

  it('suggests no hold after bisecting a pr or changeset run: a hold pins full runs, and the culprit is an unmerged PR commit', () => {
    for (const kind of ['pr', 'changeset'] as const)
      expect(suggestedHold({ kind, verdict: culprit(2), commits, good: { schema: sha('0') }, seams: ['s'], today: '2026-11-29' })).toBeUndefined();
  });

  it('gives the command with shell-safe values, and the YAML entry that reads back as that hold', () => {
    const h = hold({ reason: `culprit schema ${sha('5')} "rename token" breaks users-schema; don't update` });
    expect(holdCommand(h)).toBe(
      `nx run integration:hold --component=schema --sha=${sha('a')} --reason='culprit schema ${sha('5')} "rename token" breaks users-schema; don'\\''t update' --expires=2026-12-13`,
    );
    const advice = holdAdvice(h).join('\n');
    const yaml = /```yaml\n([\s\S]*?)```/.exec(advice)![1];
    const config = parseIntegrationConfig(`subsets: { full: { seams: all, budget: 1h } }\n${yaml}`, 'seamline.yaml');
    expect(config.hold).toEqual([h]);
    expect(advice).toContain(holdCommand(h));
    expect(addDays('2026-12-25', 14)).toBe('2027-01-08');
  });
});

describe('the hold executor inputs', () => {
  const declared = ['billing', 'schema', 'users'];
  const today = '2026-11-29';
  const ok = { component: 'schema', sha: sha('A'), reason: 'culprit', expires: '2026-12-01' };

  it('takes a declared component, a full SHA (lowercased), a reason and a future date (default 14 days)', () => {
    expect(holdFromOptions(ok, declared, today)).toEqual({ ...ok, sha: sha('a') });
    expect(holdFromOptions({ ...ok, expires: undefined }, declared, today).expires).toBe('2026-12-13');
  });

  it.each([
    [{ component: 'ledger' }, '--component: unknown component "ledger" (declared: billing, schema, users); hold a declared component'],
    [{ sha: 'abc123' }, '--sha: expected the full 40-character hex commit SHA to hold schema at, got "abc123"; use `git rev-parse <ref>` in its repository'],
    [{ reason: ' ' }, '--reason: expected why schema is held (the culprit commit, an issue link or a sentence)'],
    [{ expires: '2026-13-01' }, '--expires: expected a date as YYYY-MM-DD, got "2026-13-01"'],
    [{ expires: today }, '--expires: 2026-11-29 is not in the future (today is 2026-11-29); give a later date, e.g. 2026-12-13'],
  ])('refuses %j in one line', (bad, message) => {
    expect(() => holdFromOptions({ ...ok, ...bad }, declared, today)).toThrow(message);
  });
});
