import { shortSha } from '../tuple';
import { compareText } from '../compare-text';

/** One PR of a changeset that passed, and what its component provides. */
export interface PlannedPull {
  component: string;
  pr: number;
  sha: string;
  /** Declared `dependsOn` of the component. */
  dependsOn: readonly string[];
  /** `provides.npm` of the component, if it is an npm package. */
  npm?: string;
  /** `version` of the component's package.json at the tested SHA, when there is one. */
  version?: string;
}

/** What a consumer must depend on once a provider of the same changeset is released. */
export interface ProviderPin {
  provider: string;
  /** The npm package and the version the provider's package.json has at the tested SHA; absent for a non-npm provider. */
  npm?: { name: string; version: string | undefined };
  /** The provider's tested SHA: what the consumer was verified with. */
  sha: string;
}

export interface PlanStep {
  component: string;
  pr: number;
  sha: string;
  /** Providers of this changeset this component depends on (empty for a provider that depends on none of them). */
  dependsOn: ProviderPin[];
}

/** The order in which to merge and release the PRs of a changeset that passed together. */
export interface ReleasePlan {
  steps: PlanStep[];
  /** Components whose PRs depend on one another in a cycle: no order works; merge and release them together. */
  cycle: string[];
}

/**
 * The merge and release plan of a changeset that passed: providers first, ordered by the
 * declared `dependsOn` between the changeset's own components (ties by name). undefined when
 * no PR of the changeset depends on another: they can land in any order.
 */
export function releasePlan(pulls: readonly PlannedPull[]): ReleasePlan | undefined {
  const byName = new Map(pulls.map((p) => [p.component, p]));
  const inside = (p: PlannedPull) => p.dependsOn.filter((d) => d !== p.component && byName.has(d));
  if (!pulls.some((p) => inside(p).length)) return undefined;
  const done = new Set<string>();
  const order: PlannedPull[] = [];
  for (;;) {
    const ready = pulls.filter((p) => !done.has(p.component) && inside(p).every((d) => done.has(d))).sort((a, b) => compareText(a.component, b.component));
    if (!ready.length) break;
    for (const p of ready) done.add(p.component);
    order.push(...ready);
  }
  const cycle = pulls
    .filter((p) => !done.has(p.component))
    .map((p) => p.component)
    .sort();
  const steps = [...order, ...cycle.map((c) => byName.get(c)!)].map((p) => ({
    component: p.component,
    pr: p.pr,
    sha: p.sha,
    dependsOn: inside(p)
      .sort()
      .map((name) => providerPin(byName.get(name)!)),
  }));
  return { steps, cycle };
}

function providerPin(provider: PlannedPull): ProviderPin {
  return { provider: provider.component, sha: provider.sha, ...(provider.npm ? { npm: { name: provider.npm, version: provider.version } } : {}) };
}

type Quote = (text: string) => string;
const code: Quote = (t) => `\`${t}\``;
const plain: Quote = (t) => t;

/** What a consumer must depend on: `@acme/schema@1.4.0`, or the provider as released from its tested SHA. */
function pinText(pin: ProviderPin, q: Quote): string {
  if (pin.npm?.version) return q(`${pin.npm.name}@${pin.npm.version}`);
  if (pin.npm) return `${q(pin.npm.name)} as released from ${q(shortSha(pin.sha))} (its package.json there has no version)`;
  return `${pin.provider} as released from ${q(shortSha(pin.sha))}`;
}

function stepText(step: PlanStep, q: Quote): string {
  if (!step.dependsOn.length) return 'merge and release';
  const providers = step.dependsOn.map((d) => d.provider);
  return `once ${providers.join(' and ')} ${providers.length > 1 ? 'are' : 'is'} released, depend on ${step.dependsOn.map((d) => pinText(d, q)).join(', ')}; then merge and release`;
}

/** One line per step, for the terminal: `1. users#12 (abc…): once schema released, depend on @acme/schema@1.4.0; then merge and release`. */
export function describePlanSteps(plan: ReleasePlan): string[] {
  return plan.steps.map((step, i) => {
    const cycle = plan.cycle.includes(step.component)
      ? ` (in a dependsOn cycle with ${plan.cycle.filter((c) => c !== step.component).join(', ')}: land together)`
      : '';
    return `${i + 1}. ${step.component}#${step.pr} (${shortSha(step.sha)}): ${stepText(step, plain)}${cycle}`;
  });
}

/** The `### Merge and release plan` section of the changeset's summary.md. */
export function planMarkdown(plan: ReleasePlan): string {
  const lines = [
    '### Merge and release plan',
    '',
    'These PRs passed together and depend on one another: merge and release them in this order, providers first (from `dependsOn`).',
    'A consumer was tested with its providers at their tested SHAs; once a provider is released, make the consumer depend on that release before merging it.',
    '',
    ...plan.steps.map((step, i) => `${i + 1}. **${step.component}** #${step.pr} (\`${shortSha(step.sha)}\`): ${stepText(step, code)}.`),
  ];
  if (plan.cycle.length) {
    lines.push('', `${plan.cycle.join(', ')} depend on one another in a cycle: no order works; merge and release them together.`);
  }
  return lines.join('\n');
}
