import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Tree } from '@nx/devkit';
import { logger } from '../../terminal/logger';
import { parseIntegrationConfig } from '../../core/config/parse-config';
import { integrationConfigPath } from '../../core/config/workspace-model';
import { chooseNodeVersion, choosePackageManager, devEnginesNodeRange, nodeRuntimeMismatch } from '../../core/ci/ci-toolchain';
import { SeamlineError } from '../../core/errors';
import type { CiGeneratorSchema } from './schema';
import {
  type CiOptions,
  COMPONENT_WORKFLOW,
  COMPONENT_WORKFLOW_COPY,
  CACHE_READ_SECRET,
  CACHE_SERVER_VARIABLE,
  CACHE_WRITE_SECRET,
  DISPATCH_SECRET,
  INTEGRATION_SECRET,
  PUSH_SCRIPT,
  RELEASE_GATE_WORKFLOW,
  WORKFLOWS,
  writeWorkflows,
} from './workflows';
import { asTyped, type AsText, generatorCommandLine } from '../../cli/text-options';

export const PLACEHOLDER_REPO = 'OWNER/integration';
export const DEFAULT_STORE = 'integration/known-good.jsonl';

const REPO_PATTERN = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
/** A branch name git accepts, and nothing a shell or YAML could read as more. */
const BRANCH_PATTERN = /^(?![-/.])(?!.*(?:\.\.|\/\/|\/\.|\.lock$|[/.]$))[A-Za-z0-9._/-]+$/;
const CRON_FIELD = /^[A-Za-z0-9*/,-]+$/;
/** A relative path inside the workspace. */
const STORE_PATTERN = /^(?!\.\.?(?:\/|$))(?!.*\/\.\.?(?:\/|$))[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)*$/;

/**
 * `nx g @seamline/nx:ci`: GitHub Actions workflows for the integration repository
 * (pr-fast, changeset, full), the script the full run pushes the known-good store
 * with, and the workflow each component repository copies. Running it again with
 * the same options writes the same files.
 */
export async function ciGenerator(tree: Tree, schema: CiGeneratorSchema = {}): Promise<void> {
  const options = resolveOptions(tree, asTyped(schema, generatorCommandLine(), __dirname));
  logger.info(`Node.js ${options.nodeVersion}: ${options.nodeVersionWhy} (${options.nodeVersionSource})`);
  logger.info(
    `Package manager ${options.packageManager.name}: ${options.packageManager.source}; install: ${options.packageManager.install}; nx: ${options.packageManager.nx}`,
  );
  for (const warning of options.warnings) logger.warn(warning);
  if (options.shards > 1) logger.info(`Shards: ${options.shards} (pr-fast, changeset and full plan once, run ${options.shards} shard jobs and combine them)`);

  const paths = [...WORKFLOWS, PUSH_SCRIPT];
  const before = paths.map((path) => tree.read(path, 'utf-8'));
  writeWorkflows(tree, options);
  tree.write(PUSH_SCRIPT, pushScript(options.packageManager.nx), { mode: '755' }); // generateFiles cannot set a mode
  // Nx lists what it creates and updates once it has applied the tree (and, with --dry-run,
  // that it did not), but nothing for a file left as it was.
  paths.forEach((path, i) => {
    if (before[i] !== null && before[i] === tree.read(path, 'utf-8')) logger.info(`unchanged ${path}`);
  });

  logger.info(`Secrets to create:`);
  logger.info(
    `  ${INTEGRATION_SECRET} in ${options.integrationRepo}: a token that can read the pull requests of every component repository and write their commit statuses (pr-fast, changeset; full only fetches private components with it)`,
  );
  logger.info(
    `  ${DISPATCH_SECRET} in each component repository: a token that can create repository_dispatch events in ${options.integrationRepo} (fine-grained: Contents read and write on it only)`,
  );
  if (options.remoteCache) {
    logger.info(`  ${CACHE_WRITE_SECRET} in ${options.integrationRepo}: a token of your Nx remote cache that may read and write (full, on the merged mains)`);
    logger.info(
      `  ${CACHE_READ_SECRET} in ${options.integrationRepo}: a token of the same cache that may only read (pr-fast and changeset run pull requests' code)`,
    );
    logger.info(`Variable to create in ${options.integrationRepo}: ${CACHE_SERVER_VARIABLE}, the URL of the cache server (Nx 20.8 or later).`);
  }
  logger.info(`Copy ${COMPONENT_WORKFLOW} into each component repository as ${COMPONENT_WORKFLOW_COPY}.`);
  logger.info(`Give each component's release job \`needs: release-gate\` (its release-gate job calls ${RELEASE_GATE_WORKFLOW} of ${options.integrationRepo}).`);
  if (options.pages)
    logger.info(`Once, in ${options.integrationRepo}'s settings (Pages): set the source to "GitHub Actions", so the full workflow can deploy the report.`);
  if (options.integrationRepo === PLACEHOLDER_REPO) {
    logger.warn(
      `${COMPONENT_WORKFLOW}: dispatches to the placeholder ${PLACEHOLDER_REPO}; set github.repository in ${integrationConfigPath} or pass --integrationRepo=owner/name, then run the generator again`,
    );
  }
}

/** Options with their defaults: the given value, else integration/seamline.yaml, else the built-in one. */
export function resolveOptions(
  tree: Tree,
  schema: AsText<CiGeneratorSchema>,
): CiOptions & { nodeVersionSource: string; nodeVersionWhy: string; warnings: string[] } {
  const text = tree.read(integrationConfigPath, 'utf-8');
  const config = text === null ? undefined : parseIntegrationConfig(text, integrationConfigPath);
  const rootPackage = readRootPackageJson(tree);
  const node = chooseNodeVersion({
    option: schema.nodeVersion,
    nvmrc: tree.read('.nvmrc', 'utf-8'),
    nodeVersionFile: tree.read('.node-version', 'utf-8'),
    runtime: devEnginesNodeRange(rootPackage.devEngines),
    engines: typeof rootPackage.engines?.node === 'string' ? rootPackage.engines.node : undefined,
  });
  const pm = choosePackageManager({
    option: schema.packageManager,
    packageManagerField: typeof rootPackage.packageManager === 'string' ? rootPackage.packageManager : undefined,
    devEngines: rootPackage.devEngines,
    lockfiles: {
      npm: tree.exists('package-lock.json') || tree.exists('npm-shrinkwrap.json'),
      pnpm: tree.exists('pnpm-lock.yaml'),
      yarn: tree.exists('yarn.lock'),
      bun: tree.exists('bun.lock') || tree.exists('bun.lockb'),
    },
    npmShrinkwrapOnly: tree.exists('npm-shrinkwrap.json') && !tree.exists('package-lock.json'),
    yarnLockHead: tree.exists('yarn.lock') ? (tree.read('yarn.lock', 'utf-8') ?? '').slice(0, 200) : undefined,
    bunLock: tree.exists('bun.lock')
      ? { file: 'bun.lock', head: (tree.read('bun.lock', 'utf-8') ?? '').slice(0, 200) }
      : tree.exists('bun.lockb')
        ? { file: 'bun.lockb', head: '' }
        : undefined,
    hasYarnrcYml: tree.exists('.yarnrc.yml'),
  });
  const options = {
    integrationRepo: schema.integrationRepo ?? config?.github.repository ?? PLACEHOLDER_REPO,
    branch: schema.branch ?? 'main',
    schedule: (schema.schedule ?? '17 */2 * * *').trim().split(/\s+/).join(' '),
    nodeVersion: node.version,
    nodeVersionSource: node.source,
    nodeVersionWhy: node.why,
    packageManager: pm.choice,
    warnings: [
      ...pm.warnings,
      ...(pm.choice.name === 'npm' ? [nodeRuntimeMismatch(node, devEnginesNodeRange(rootPackage.devEngines))] : []).filter((w) => w !== undefined),
    ],
    store: schema.store ?? config?.store ?? DEFAULT_STORE,
    shards: schema.shards ?? 1,
    pages: schema.pages ?? false,
    remoteCache: schema.remoteCache ?? false,
  };
  const bad = (option: string, expected: string, got: string) => new SeamlineError(`--${option}: expected ${expected}, got ${JSON.stringify(got)}`);
  if (!REPO_PATTERN.test(options.integrationRepo)) throw bad('integrationRepo', 'owner/name of the integration repository', options.integrationRepo);
  if (!BRANCH_PATTERN.test(options.branch)) throw bad('branch', 'a branch name such as main', options.branch);
  const fields = options.schedule.split(' ');
  if (fields.length !== 5 || !fields.every((f) => CRON_FIELD.test(f)))
    throw bad('schedule', "a cron of five fields (UTC) such as '17 */2 * * *'", options.schedule);
  if (!(Number.isInteger(options.shards) && options.shards >= 1 && options.shards <= 256))
    throw bad('shards', 'a whole number of shards from 1 to 256 (the matrix size GitHub allows)', String(options.shards));
  if (!STORE_PATTERN.test(options.store)) throw bad('store', 'a path relative to the workspace root such as integration/known-good.jsonl', options.store);
  return options;
}

/** The root package.json's fields the workflows follow (engines.node, packageManager, devEngines). */
function readRootPackageJson(tree: Tree): { engines?: { node?: unknown }; packageManager?: unknown; devEngines?: unknown } {
  const text = tree.read('package.json', 'utf-8');
  if (text === null) return {};
  try {
    const json = JSON.parse(text);
    return json && typeof json === 'object' ? json : {};
  } catch {
    throw new SeamlineError('package.json: expected JSON (the workflows read its engines.node and packageManager)');
  }
}

/** The line of the push script that says how to run nx; the generator writes the workspace's form. */
const PUSH_SCRIPT_NX = 'nx=(npx nx)';

/** The push script ships next to this file (copied with the build's assets), with the workspace's way to run nx. */
function pushScript(nx: string): string {
  const text = readFileSync(join(__dirname, 'files', 'push-known-good.sh'), 'utf-8');
  const lines = text.split('\n');
  const at = lines.indexOf(PUSH_SCRIPT_NX);
  if (at === -1) throw new Error(`push-known-good.sh: no line ${PUSH_SCRIPT_NX}`);
  lines[at] = `nx=(${nx})`;
  return lines.join('\n');
}

export default ciGenerator;
