import type { TargetConfiguration } from '@nx/devkit';
import { encodeSeamCommand, SEAM_BIN, SEAM_COMMAND_VAR } from '../core/run/seam-command';
import { SEAMLINE_DIR } from '../workspace/layout';

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
    'pr-fast': target('pr-fast', 'Test a component PR head (--component --sha) with the last known good of everything else.'),
    changeset: target('changeset', 'Test PRs in several components as one unit (--name=<label> on GitHub, or --prs=component#n,...).'),
    full: target('full', 'Run the full suite on the latest mains; a pass is recorded as known good.'),
    combine: target('combine', 'Combine the shards of a planned run (--runs=<dirs>) into one run and one verdict.'),
    bisect: target('bisect', 'Find the component and commit that broke a failing run (--bad=<run id>) since the last known good.'),
    reproduce: target('reproduce', 'Run a manifest (--manifest) or known-good record (--record) again: same pins, same subset.'),
    catalog: target('catalog', 'Write INTEGRATION-TESTS.md: every seam and the failure it catches (--check in CI).'),
    report: target('report', 'Write the static report site (dist/seamline-report/index.html): known good, history, runs, seams, coupling.'),
    'lint-subsets': target('lint-subsets', 'Check that subsets name existing seams, seams live where allowed, and quarantines and holds are current.'),
    hold: target('hold', 'Hold a component at one commit in full runs (--component --sha --reason --expires), or --release it.'),
    gc: target('gc', 'Remove the least recently used prepared checkouts beyond --max-size or cache.max_size; never one a running process uses.'),
  };
}

export function componentTargets(component: string): Record<string, TargetConfiguration> {
  return {
    materialize: target('materialize', `Check out ${component} at its last known-good SHA (or --sha) under ${SEAMLINE_DIR}/checkouts.`, { component }),
    verify: target('verify', `Run ${component}'s own prepare and test commands in its checkout (component local verification).`, { component }),
  };
}

/**
 * A seam with a `command`: cached by Nx, keyed on its own files and on the
 * run hash (manifest hash + how pins are prepared and rendered), so running an
 * identical tuple again is a cache hit. An `nx:run-commands` target, which Nx runs
 * without forking an executor process per task, running the constant command
 * `seamline-seam` (the plugin's bin): the seam's own arguments travel as JSON in
 * an environment variable, never through a shell, and the options hold no machine
 * paths, so the cache key is the same on every machine.
 */
export function seamTarget(seamRoot: string, command: string[], catches: string): TargetConfiguration {
  return {
    executor: 'nx:run-commands',
    options: { command: SEAM_BIN, cwd: seamRoot, env: { [SEAM_COMMAND_VAR]: encodeSeamCommand(command) }, forwardAllArgs: false },
    metadata: {
      description: `Seam test (catches: ${catches}): \`${command.join(' ')}\` in ${seamRoot}. Run it through integration:pr-fast, full or reproduce.`,
      technologies: ['seamline'],
    },
    cache: true,
    inputs: ['{projectRoot}/**/*', { env: 'SEAMLINE_RUN_HASH' }],
    outputs: [],
  };
}
