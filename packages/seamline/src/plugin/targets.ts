import type { TargetConfiguration } from '@nx/devkit';

/** The targets Seamline infers; each says what it does in `nx show project`. */
const target = (executor: string, description: string, options: Record<string, unknown> = {}): TargetConfiguration => ({
  executor: `@seamline/nx:${executor}`,
  options,
  metadata: { description, technologies: ['seamline'] },
});

export function integrationTargets(): Record<string, TargetConfiguration> {
  return {
    manifest: target('manifest', 'Write a pr, changeset or full manifest: the tuple to test and the subset to run.'),
    materialize: target('materialize', 'Fetch and check out every pin of a manifest (default: the last known good tuple).'),
    'record-known-good': target('record-known-good', 'Append a passing run of a manifest to the known-good store.'),
    'known-good': target('known-good', 'Query the known-good store: latest, verify, can-release, diff, badge, prune.'),
  };
}

export function componentTargets(component: string): Record<string, TargetConfiguration> {
  return {
    materialize: target('materialize', `Check out ${component} at its last known-good SHA (or --sha) under .seamline/checkouts.`, { component }),
    verify: target('verify', `Run ${component}'s own prepare and test commands in its checkout (component local verification).`, { component }),
  };
}
