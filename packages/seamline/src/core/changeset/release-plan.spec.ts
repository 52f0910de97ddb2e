import { describePlanSteps, planMarkdown, releasePlan, type PlannedPull } from './release-plan';

const sha = (c: string) => c.repeat(40);
const pull = (component: string, pr: number, dependsOn: string[], extra: Partial<PlannedPull> = {}): PlannedPull => ({
  component,
  pr,
  sha: sha(String(pr % 10)),
  dependsOn,
  ...extra,
});

describe('releasePlan', () => {
  it('none when no PR of the changeset depends on another (dependencies outside the changeset do not count)', () => {
    expect(releasePlan([pull('users', 1, ['auth']), pull('billing', 2, [])])).toBeUndefined();
  });

  it('providers first, whatever order the PRs came in; each consumer depends on its provider npm version at the tested SHA', () => {
    const plan = releasePlan([
      pull('billing', 3, ['users']),
      pull('users', 2, ['schema', 'auth'], { npm: '@acme/users', version: '2.0.0' }),
      pull('schema', 1, [], { npm: '@acme/schema', version: '1.4.0' }),
      pull('docs', 4, []),
    ])!;
    expect(plan.steps.map((s) => s.component)).toEqual(['docs', 'schema', 'users', 'billing']);
    expect(plan.cycle).toEqual([]);
    expect(plan.steps[2].dependsOn).toEqual([{ provider: 'schema', sha: sha('1'), npm: { name: '@acme/schema', version: '1.4.0' } }]);
    expect(describePlanSteps(plan)).toEqual([
      `1. docs#4 (444444444444): merge and release`,
      `2. schema#1 (111111111111): merge and release`,
      `3. users#2 (222222222222): once schema is released, depend on @acme/schema@1.4.0; then merge and release`,
      `4. billing#3 (333333333333): once users is released, depend on @acme/users@2.0.0; then merge and release`,
    ]);
    expect(planMarkdown(plan)).toContain('3. **users** #2 (`222222222222`): once schema is released, depend on `@acme/schema@1.4.0`; then merge and release.');
  });

  it('a provider that is no npm package, or whose package.json has no version, is named by its tested SHA', () => {
    const plan = releasePlan([pull('users', 2, ['schema', 'proto']), pull('schema', 1, [], { npm: '@acme/schema' }), pull('proto', 5, [])])!;
    expect(describePlanSteps(plan)[2]).toBe(
      '3. users#2 (222222222222): once proto and schema are released, depend on proto as released from 555555555555, @acme/schema as released from 111111111111 (its package.json there has no version); then merge and release',
    );
  });

  it('a dependsOn cycle cannot be ordered: its PRs come last and land together', () => {
    const plan = releasePlan([pull('a', 1, ['b']), pull('b', 2, ['a']), pull('c', 3, []), pull('d', 4, ['c'])])!;
    expect(plan.steps.map((s) => s.component)).toEqual(['c', 'd', 'a', 'b']);
    expect(plan.cycle).toEqual(['a', 'b']);
    expect(describePlanSteps(plan)[2]).toContain('(in a dependsOn cycle with b: land together)');
    expect(planMarkdown(plan)).toContain('a, b depend on one another in a cycle: no order works; merge and release them together.');
  });
});
