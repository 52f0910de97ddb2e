import { addDependenciesToPackageJson, formatFiles, type GeneratorCallback, readJson, readNxJson, type Tree, updateNxJson } from '@nx/devkit';
import { parseDocument } from 'yaml';
import { integrationConfigPath } from '../../core/config/workspace-model';
import { seamDevDependencies } from '../versions';
import type { InitGeneratorSchema } from './schema';
import { SEAMLINE_DIR } from '../../workspace/layout';

export const PLUGIN = '@seamline/nx';

const SEAMLINE_YAML = `# Seamline: the integration workspace's subsets, store and policies.
# Every field is described in the @seamline/nx docs, docs/configuration.md.
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

/**
 * What must never be committed: dependencies, Nx's cache and workspace data,
 * Seamline's pin caches, checkouts and run artifacts, the store's lock files, and
 * dist/, where `nx run integration:report` writes the site by default.
 */
const IGNORED = ['node_modules/', '.nx/', `${SEAMLINE_DIR}/`, 'integration/*.lock', 'dist/'];

/**
 * What Nx must never read: the checkouts under .seamline/ hold other repositories'
 * files, and a hostile one (a package.json that is a symlink to /dev/zero) kills
 * `nx show projects`. .gitignore keeps them out too, but only while nobody edits it;
 * .nxignore says it to Nx alone.
 */
const NX_IGNORED = [`${SEAMLINE_DIR}/`];

/** What `nx add @seamline/nx` runs. Safe to run again: it changes nothing the second time. */
export async function initGenerator(tree: Tree, options: InitGeneratorSchema = {}): Promise<GeneratorCallback> {
  refuseYarnPnp(tree);
  registerPlugin(tree);
  if (!tree.exists(integrationConfigPath)) tree.write(integrationConfigPath, SEAMLINE_YAML);
  ignore(
    tree,
    '.gitignore',
    IGNORED,
    '# @seamline/nx: dependencies, Nx cache and workspace data, pin caches, checkouts, run artifacts, store locks, the report site',
  );
  ignore(tree, '.nxignore', NX_IGNORED, "# @seamline/nx: pin caches, checkouts of other repositories and run artifacts are not this workspace's projects");
  let install: GeneratorCallback = () => undefined;
  if (!options.skipPackageJson) {
    decidePnpmBuilds(tree);
    install = addDependenciesToPackageJson(tree, {}, missingSeamDevDependencies(tree), undefined, true);
  }
  if (!options.skipFormat) await formatFiles(tree);
  return install;
}

/**
 * The seam devDependencies the root package.json does not name in any dependency field.
 * `bun init` declares TypeScript as a peer (bun installs peers), which Nx's
 * keepExistingVersions does not read: adding ours would pin TypeScript 5 over the
 * workspace's 7.
 */
function missingSeamDevDependencies(tree: Tree): Record<string, string> {
  const pkg: Record<string, unknown> = tree.exists('package.json') ? readJson(tree, 'package.json') : {};
  const declared = new Set(
    ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'].flatMap((field) => {
      const deps = pkg[field];
      return typeof deps === 'object' && deps !== null ? Object.keys(deps) : [];
    }),
  );
  return Object.fromEntries(Object.entries(seamDevDependencies).filter(([name]) => !declared.has(name)));
}

/**
 * Yarn's Plug'n'Play linker has no node_modules: seams run jest and component
 * checkouts resolve their packages through node_modules, so Seamline cannot work
 * there. Say so before writing anything.
 */
function refuseYarnPnp(tree: Tree): void {
  const pnp = ['.pnp.cjs', '.pnp.js'].find((f) => tree.exists(f));
  const yarnrc = tree.exists('.yarnrc.yml') ? tree.read('.yarnrc.yml', 'utf-8')! : '';
  if (!pnp || /^\s*nodeLinker:\s*["']?(node-modules|pnpm)["']?\s*$/m.test(yarnrc)) return;
  throw new Error(
    `@seamline/nx does not support Yarn Plug'n'Play (${pnp}): set "nodeLinker: node-modules" in .yarnrc.yml, run yarn install, then nx add @seamline/nx again`,
  );
}

/**
 * List the plugin in nx.json, creating nx.json where the repository has only a
 * package.json (Nx runs there, but devkit's updateNxJson silently writes nothing
 * without the file). Never returns with the plugin unregistered.
 */
function registerPlugin(tree: Tree): void {
  const registered = () => (readNxJson(tree)?.plugins ?? []).some((p) => (typeof p === 'string' ? p : p.plugin) === PLUGIN);
  if (registered()) return;
  if (!tree.exists('nx.json')) {
    tree.write('nx.json', `${JSON.stringify({ $schema: './node_modules/nx/schemas/nx-schema.json', plugins: [PLUGIN] }, null, 2)}\n`);
  } else {
    const nxJson = readNxJson(tree)!;
    nxJson.plugins = [...(nxJson.plugins ?? []), PLUGIN];
    updateNxJson(tree, nxJson);
  }
  if (!registered()) throw new Error(`nx.json: could not add "${PLUGIN}" to plugins; add it by hand and run nx add @seamline/nx again`);
}

/**
 * Build scripts of what the seam devDependencies bring in, and whether they run.
 * jest 30 depends on @parcel/watcher, whose install script only builds from source
 * where no prebuilt binary (its optional dependencies) fits; pnpm 11+ refuses to
 * finish an install with an undecided build script (ERR_PNPM_IGNORED_BUILDS), which
 * made nx add fail on pnpm.
 */
const SEAM_BUILDS: Record<string, boolean> = { '@parcel/watcher': false };

/** In a pnpm workspace, record the decision in pnpm-workspace.yaml's allowBuilds, unless the user made one. */
function decidePnpmBuilds(tree: Tree): void {
  const pkg = tree.exists('package.json') ? (JSON.parse(tree.read('package.json', 'utf-8')!) as { packageManager?: string }) : {};
  const pnpm = tree.exists('pnpm-lock.yaml') || tree.exists('pnpm-workspace.yaml') || /^pnpm@/.test(pkg.packageManager ?? '');
  if (!pnpm) return;
  const doc = parseDocument(tree.exists('pnpm-workspace.yaml') ? tree.read('pnpm-workspace.yaml', 'utf-8')! : '');
  let changed = false;
  for (const [name, allowed] of Object.entries(SEAM_BUILDS)) {
    if (doc.hasIn(['allowBuilds', name])) continue;
    doc.setIn(['allowBuilds', name], allowed);
    changed = true;
  }
  if (changed) tree.write('pnpm-workspace.yaml', doc.toString());
}

/** Whether a .gitignore line already covers `entry` (with or without a leading or trailing slash). */
const covers = (line: string, entry: string) => line.replace(/^\//, '').replace(/\/$/, '') === entry.replace(/\/$/, '');

function ignore(tree: Tree, file: string, entries: string[], comment: string): void {
  const current = tree.exists(file) ? tree.read(file, 'utf-8')! : '';
  const lines = current.split('\n').map((l) => l.trim());
  const missing = entries.filter((e) => !lines.some((l) => covers(l, e)));
  if (!missing.length) return;
  const prefix = current && !current.endsWith('\n') ? '\n' : '';
  tree.write(file, `${current}${prefix}${comment}\n${missing.join('\n')}\n`);
}

export default initGenerator;
