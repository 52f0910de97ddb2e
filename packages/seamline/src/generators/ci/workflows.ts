import { join } from 'node:path';
import { generateFiles, type Tree } from '@nx/devkit';
import { stringify } from 'yaml';
import type { PackageManagerChoice } from '../../core/ci/ci-toolchain';
import { NX_REMOTE_CACHE_SERVER, NX_REMOTE_CACHE_TOKEN } from '../../core/nx-remote-cache';
import { SEAMLINE_DIR } from '../../workspace/layout';
import { ACTIONS, type PinnedAction, uses } from './actions';

/**
 * The GitHub Actions workflows of `nx g @seamline/nx:ci`: one EJS template per
 * workflow under files/github/ (written to .github/). Rules every template keeps:
 * - no `${{ }}` expression inside a `run:` script (script injection): values
 *   reach scripts through `env:` and are quoted there as "$VAR";
 * - every `uses:` is pinned to a full commit SHA, its tag in a comment;
 * - the token that can write in the component repositories is only in the
 *   environment of the step that needs it.
 * GitHub's `${{ }}` is plain text to EJS, whose tags are `<% %>`.
 */
export interface CiOptions {
  /** owner/name of the integration repository (the component workflow dispatches to it). */
  integrationRepo: string;
  /** The integration repository's branch the known-good store is pushed to. */
  branch: string;
  /** cron of the scheduled full run (UTC). */
  schedule: string;
  /** actions/setup-node `node-version`. */
  nodeVersion: string;
  /** How the workspace installs and runs nx. */
  packageManager: PackageManagerChoice;
  /** The known-good store, relative to the workspace root. */
  store: string;
  /** Shards of pr-fast, changeset and full: 1 writes one job each; more writes plan, shard matrix and combine jobs. */
  shards: number;
  /** Build the report site after every full run and deploy it to GitHub Pages. */
  pages: boolean;
  /** Give the steps that run seams Nx's self-hosted remote cache (server from a variable, token from a secret). */
  remoteCache: boolean;
}

export const PR_FAST_WORKFLOW = '.github/workflows/seamline-pr-fast.yml';
export const CHANGESET_WORKFLOW = '.github/workflows/seamline-changeset.yml';
export const FULL_WORKFLOW = '.github/workflows/seamline-full.yml';
export const COMPONENT_WORKFLOW = '.github/seamline/component-workflow.yml';
/** Reusable (`workflow_call`): a component's release asks it whether its SHA is known good. */
export const RELEASE_GATE_WORKFLOW = '.github/workflows/seamline-release-gate.yml';
export const PUSH_SCRIPT = 'tools/seamline/push-known-good.sh';
/** Where the full workflow builds the report site (--pages): the report executor's default. */
export const REPORT_DIR = 'dist/seamline-report';

/** Every workflow the templates write, in the order the generator reports them. */
export const WORKFLOWS = [PR_FAST_WORKFLOW, CHANGESET_WORKFLOW, FULL_WORKFLOW, COMPONENT_WORKFLOW, RELEASE_GATE_WORKFLOW];

/** Where a component repository keeps its copy of COMPONENT_WORKFLOW. */
export const COMPONENT_WORKFLOW_COPY = '.github/workflows/seamline.yml';

/** Secrets the workflows read. */
export const INTEGRATION_SECRET = 'SEAMLINE_TOKEN';
export const DISPATCH_SECRET = 'SEAMLINE_DISPATCH_TOKEN';
/** --remoteCache: the repository variable with the cache server's URL, and the two tokens. */
export const CACHE_SERVER_VARIABLE = NX_REMOTE_CACHE_SERVER;
export const CACHE_WRITE_SECRET = 'SEAMLINE_CACHE_TOKEN';
export const CACHE_READ_SECRET = 'SEAMLINE_CACHE_READ_TOKEN';

/** Write every workflow from its template (files/github/<path>.template becomes .github/<path>). */
export function writeWorkflows(tree: Tree, options: CiOptions): void {
  const pinned = (a: PinnedAction) => `${uses(a)} # ${a.tag}`;
  const actions = {
    checkout: pinned(ACTIONS.checkout),
    setupNode: pinned(ACTIONS.setupNode),
    uploadArtifact: pinned(ACTIONS.uploadArtifact),
    downloadArtifact: pinned(ACTIONS.downloadArtifact),
    configurePages: pinned(ACTIONS.configurePages),
    uploadPagesArtifact: pinned(ACTIONS.uploadPagesArtifact),
    deployPages: pinned(ACTIONS.deployPages),
  };
  const toolchain = toolchainSteps(options, actions);
  const setup = (ref?: string, history = false) => setupSteps(actions, toolchain, ref, history);
  generateFiles(tree, join(__dirname, 'files', 'github'), '.github', {
    ...options,
    actions,
    setup,
    toolchain,
    remoteCache: (access: 'read' | 'write') => remoteCacheEnv(options, access),
    yaml: yamlScalar,
    runsDir: `${SEAMLINE_DIR}/runs`,
    releaseGateWorkflow: RELEASE_GATE_WORKFLOW,
    ghHost: GH_HOST_LINES,
    reportDir: REPORT_DIR,
  });
}

/**
 * The server `gh` speaks to: gh goes to github.com unless GH_HOST names another, and takes the token for any
 * other host from GH_ENTERPRISE_TOKEN. So on a GitHub Enterprise Server the component workflow's dispatches
 * reach that server (GITHUB_SERVER_URL, which the runner sets), not github.com. Lines of a `run:` script.
 */
const GH_HOST_LINES = [
  'export GH_HOST="${GITHUB_SERVER_URL:-https://github.com}"; GH_HOST="${GH_HOST#*://}"',
  '          export GH_ENTERPRISE_TOKEN="$GH_TOKEN"',
].join('\n');

/**
 * The first steps of every job of a sharded workflow (each job is a fresh machine):
 * check out without credentials, then the toolchain. The unsharded templates spell
 * their checkout out (each needs its own ref, token or depth). `history`: the whole
 * history, which `known-good --verify` reads to check every commit of the store.
 */
function setupSteps(actions: { checkout: string }, toolchain: string, ref: string | undefined, history: boolean): string {
  return [
    '      - name: Check out the integration workspace',
    `        uses: ${actions.checkout}`,
    '        with:',
    ...(ref ? [`          ref: ${yamlScalar(ref)}`] : []),
    ...(history ? ['          fetch-depth: 0'] : []),
    '          persist-credentials: false',
    toolchain,
  ].join('\n');
}

/**
 * The package manager, Node.js and the install, in every job. corepack goes before
 * setup-node, whose cache input asks the package manager where its store is (corepack
 * runs the version of the packageManager field, or its own default without one); bun
 * comes from the npm registry after it, as setup-node's cache does not know bun.
 */
function toolchainSteps(options: CiOptions, actions: { setupNode: string }): string {
  const pm = options.packageManager;
  return [
    ...(pm.setup ? [`      - name: Enable corepack (${pm.name})`, `        run: ${pm.setup}`] : []),
    '      - name: Set up Node.js',
    `        uses: ${actions.setupNode}`,
    '        with:',
    `          node-version: ${yamlScalar(options.nodeVersion)}`,
    // setup-node (v6) caches npm by itself when package.json names npm (packageManager, devEngines), asking
    // `npm config get cache`, which npm refuses beside devEngines it is not in: no cache means none at all.
    ...(pm.cache ? [`          cache: ${pm.cache}`] : ['          package-manager-cache: false']),
    ...(pm.setupAfterNode
      ? [
          `      - name: Set up ${pm.name}`,
          '        env:',
          ...Object.entries(pm.setupAfterNode.env).map(([key, value]) => `          ${key}: ${yamlScalar(value)}`),
          `        run: ${pm.setupAfterNode.run}`,
        ]
      : []),
    '      - name: Install',
    `        run: ${pm.install}`,
  ].join('\n');
}

/**
 * The `env:` entries of a step that runs seams, with --remoteCache: Nx's self-hosted remote
 * cache (Nx 20.8 and later) reads its server and token from these variables. Runs that test a
 * pull request's code get the read-only token (a PR must not be able to write results that
 * other runs replay); the full run, on the merged mains, the one that writes. Nothing without
 * the option, so the workflows stay as they were.
 */
function remoteCacheEnv(options: CiOptions, access: 'read' | 'write'): string {
  if (!options.remoteCache) return '';
  const secret = access === 'write' ? CACHE_WRITE_SECRET : CACHE_READ_SECRET;
  return [
    `          ${CACHE_SERVER_VARIABLE}: \${{ vars.${CACHE_SERVER_VARIABLE} }}`,
    `          ${NX_REMOTE_CACHE_TOKEN}: \${{ secrets.${secret} }}`,
    '',
  ].join('\n');
}

/** A value as YAML writes it on its own: quoted only when it would read as something else ("20", "true"). */
function yamlScalar(value: string): string {
  return stringify(value, { lineWidth: 0 }).trimEnd();
}
