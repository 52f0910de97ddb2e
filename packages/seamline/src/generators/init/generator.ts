import { addDependenciesToPackageJson, formatFiles, type GeneratorCallback, readNxJson, type Tree, updateNxJson } from '@nx/devkit';
import { integrationConfigPath } from '../../core/config/workspace-model';
import { seamDevDependencies } from '../versions';
import type { InitGeneratorSchema } from './schema';

export const PLUGIN = '@seamline/nx';

const SEAMLINE_YAML = `# Seamline: the integration workspace's subsets, store and policies.
# Every field is described in the @seamline/nx docs, docs/formats.md.
store: integration/known-good.jsonl
subsets:
  pr_fast:
    description: curated seams that run on every component PR, in minutes
    seams: []
    budget: 10m
  full:
    description: every seam, after merge, on the latest mains
    seams: all
    budget: 1h
renderers: [env]
`;

const IGNORED = ['.seamline/', 'integration/*.lock'];

/** What `nx add @seamline/nx` runs. Safe to run again: it changes nothing the second time. */
export async function initGenerator(tree: Tree, options: InitGeneratorSchema = {}): Promise<GeneratorCallback> {
  registerPlugin(tree);
  if (!tree.exists(integrationConfigPath)) tree.write(integrationConfigPath, SEAMLINE_YAML);
  ignore(tree, IGNORED);
  let install: GeneratorCallback = () => undefined;
  if (!options.skipPackageJson) install = addDependenciesToPackageJson(tree, {}, { ...seamDevDependencies }, undefined, true);
  if (!options.skipFormat) await formatFiles(tree);
  return install;
}

function registerPlugin(tree: Tree): void {
  const nxJson = readNxJson(tree) ?? {};
  const plugins = nxJson.plugins ?? [];
  const present = plugins.some((p) => (typeof p === 'string' ? p : p.plugin) === PLUGIN);
  if (present) return;
  nxJson.plugins = [...plugins, PLUGIN];
  updateNxJson(tree, nxJson);
}

function ignore(tree: Tree, entries: string[]): void {
  const current = tree.exists('.gitignore') ? tree.read('.gitignore', 'utf-8')! : '';
  const lines = new Set(current.split('\n').map((l) => l.trim()));
  const missing = entries.filter((e) => !lines.has(e) && !lines.has(e.replace(/\/$/, '')));
  if (!missing.length) return;
  const prefix = current && !current.endsWith('\n') ? '\n' : '';
  tree.write('.gitignore', `${current}${prefix}# Seamline: pin caches, checkouts, run artifacts, store locks\n${missing.join('\n')}\n`);
}

export default initGenerator;
