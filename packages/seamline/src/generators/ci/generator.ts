import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { logger, type Tree } from '@nx/devkit';
import { parseIntegrationConfig } from '../../core/config/parse-config';
import { integrationConfigPath } from '../../core/config/workspace-model';
import { SeamlineError } from '../../core/errors';
import type { CiGeneratorSchema } from './schema';
import {
  type CiOptions,
  COMPONENT_WORKFLOW,
  COMPONENT_WORKFLOW_COPY,
  DISPATCH_SECRET,
  INTEGRATION_SECRET,
  PUSH_SCRIPT,
  WORKFLOWS,
  writeWorkflows,
} from './workflows';

export const PLACEHOLDER_REPO = 'OWNER/integration';
export const DEFAULT_STORE = 'integration/known-good.jsonl';

const REPO_PATTERN = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
/** A branch name git accepts, and nothing a shell or YAML could read as more. */
const BRANCH_PATTERN = /^(?![-/.])(?!.*(?:\.\.|\/\/|\/\.|\.lock$|[/.]$))[A-Za-z0-9._/-]+$/;
const CRON_FIELD = /^[A-Za-z0-9*/,-]+$/;
const NODE_VERSION_PATTERN = /^(?:\d+(?:\.(?:\d+|x)){0,2}|lts\/[a-z*-]+)$/;
/** A relative path inside the workspace. */
const STORE_PATTERN = /^(?!\.\.?(?:\/|$))(?!.*\/\.\.?(?:\/|$))[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)*$/;

/**
 * `nx g @seamline/nx:ci`: GitHub Actions workflows for the integration repository
 * (pr-fast, changeset, full), the script the full run pushes the known-good store
 * with, and the workflow each component repository copies. Running it again with
 * the same options writes the same files.
 */
export async function ciGenerator(tree: Tree, schema: CiGeneratorSchema = {}): Promise<void> {
  const options = resolveOptions(tree, schema);

  const paths = [...WORKFLOWS, PUSH_SCRIPT];
  const before = paths.map((path) => tree.read(path, 'utf-8'));
  writeWorkflows(tree, options);
  tree.write(PUSH_SCRIPT, pushScript(), { mode: '755' }); // generateFiles cannot set a mode
  paths.forEach((path, i) => {
    const text = tree.read(path, 'utf-8');
    logger.info(`${before[i] === null ? 'wrote' : before[i] === text ? 'unchanged' : 'updated'} ${path}`);
  });

  logger.info(`Secrets to create:`);
  logger.info(
    `  ${INTEGRATION_SECRET} in ${options.integrationRepo}: a token that can read the pull requests of every component repository and write their commit statuses (pr-fast, changeset)`,
  );
  logger.info(
    `  ${DISPATCH_SECRET} in each component repository: a token that can create repository_dispatch events in ${options.integrationRepo} (fine-grained: Contents read and write on it only)`,
  );
  logger.info(`Copy ${COMPONENT_WORKFLOW} into each component repository as ${COMPONENT_WORKFLOW_COPY}.`);
  if (options.integrationRepo === PLACEHOLDER_REPO) {
    logger.warn(
      `${COMPONENT_WORKFLOW}: dispatches to the placeholder ${PLACEHOLDER_REPO}; set github.repository in ${integrationConfigPath} or pass --integrationRepo=owner/name, then run the generator again`,
    );
  }
}

/** Options with their defaults: the given value, else integration/seamline.yaml, else the built-in one. */
export function resolveOptions(tree: Tree, schema: CiGeneratorSchema): CiOptions {
  const text = tree.read(integrationConfigPath, 'utf-8');
  const config = text === null ? undefined : parseIntegrationConfig(text, integrationConfigPath);
  const options: CiOptions = {
    integrationRepo: schema.integrationRepo ?? config?.github.repository ?? PLACEHOLDER_REPO,
    branch: schema.branch ?? 'main',
    schedule: (schema.schedule ?? '17 */2 * * *').trim().split(/\s+/).join(' '),
    nodeVersion: String(schema.nodeVersion ?? '20'),
    store: schema.store ?? config?.store ?? DEFAULT_STORE,
  };
  const bad = (option: string, expected: string, got: string) => new SeamlineError(`--${option}: expected ${expected}, got ${JSON.stringify(got)}`);
  if (!REPO_PATTERN.test(options.integrationRepo)) throw bad('integrationRepo', 'owner/name of the integration repository', options.integrationRepo);
  if (!BRANCH_PATTERN.test(options.branch)) throw bad('branch', 'a branch name such as main', options.branch);
  const fields = options.schedule.split(' ');
  if (fields.length !== 5 || !fields.every((f) => CRON_FIELD.test(f)))
    throw bad('schedule', "a cron of five fields (UTC) such as '17 */2 * * *'", options.schedule);
  if (!NODE_VERSION_PATTERN.test(options.nodeVersion)) throw bad('nodeVersion', 'a Node.js version such as 20, 20.18 or lts/*', options.nodeVersion);
  if (!STORE_PATTERN.test(options.store)) throw bad('store', 'a path relative to the workspace root such as integration/known-good.jsonl', options.store);
  return options;
}

/** The push script ships next to this file (copied with the build's assets). */
function pushScript(): string {
  return readFileSync(join(__dirname, 'files', 'push-known-good.sh'), 'utf-8');
}

export default ciGenerator;
