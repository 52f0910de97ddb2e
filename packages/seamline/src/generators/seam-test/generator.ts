import { join } from 'node:path';
import { formatFiles, generateFiles, type Tree } from '@nx/devkit';
import { logger } from '../../terminal/logger';
import { Document, visit } from 'yaml';
import { catchesProblem, oneLine } from '../../core/catches';
import { addSeamToSubset } from '../../core/config/add-seam-to-subset';
import { parseComponentConfig, parseIntegrationConfig } from '../../core/config/parse-config';
import { seamConfigSchema } from '../../core/config/seam-config';
import { componentConfigPath, integrationConfigPath, refuseUnknownSubsetOption, seamConfigPath } from '../../core/config/workspace-model';
import { parseWith, SeamlineError } from '../../core/errors';
import { listOption } from '../../core/list-option';
import { COMPONENT_NAME_PATTERN } from '../../core/component-name';
import type { SeamTestGeneratorSchema } from './schema';
import { asTyped, generatorCommandLine } from '../../cli/text-options';

/** The command a generated seam runs in its own folder, by the runner it was written for. */
export const SEAM_COMMANDS = {
  jest: () => ['jest', '--config', 'jest.config.cjs'],
  node: (name: string) => ['node', '--test', `${name}.test.mjs`],
} as const;

/** Where the runner's starter test is, for the closing line. */
const STARTER = { jest: (name: string) => `${name}.spec.ts`, node: (name: string) => `${name}.test.mjs` };

/**
 * `nx g @seamline/nx:seam-test users-auth-contract --components=users,auth --subset=pr_fast`:
 * writes seams/<name>/{seam.yaml, jest.config.cjs, <name>.spec.ts} (with --runner=node: <name>.test.mjs for
 * node --test) and lists the seam in the subset.
 */
export async function seamTestGenerator(tree: Tree, given: SeamTestGeneratorSchema): Promise<void> {
  const options = asTyped(given, generatorCommandLine(), __dirname);
  const { name } = options;
  const subset = options.subset ?? 'pr_fast';
  const ring = options.ring ?? 1;
  const runner = options.runner ?? 'jest';
  const components = listOption(options.components);
  const file = seamConfigPath(name);

  if (!COMPONENT_NAME_PATTERN.test(name)) throw new SeamlineError(`name: expected lowercase letters, digits, ".", "_" or "-", got ${JSON.stringify(name)}`);
  if (tree.exists(file)) throw new SeamlineError(`${file}: already exists; edit it, or remove it first`);
  if (tree.exists(`seams/${name}`)) throw new SeamlineError(`seams/${name}: already holds files but no seam.yaml; remove the folder or pick another name`);
  if (tree.exists(componentConfigPath(name)))
    throw new SeamlineError(`${componentConfigPath(name)}: a component is already called "${name}"; project names must be unique`);
  if (!components.length) throw new SeamlineError('--components: expected the components this seam exercises, e.g. --components=users,auth');
  components.forEach((c, i) => {
    if (components.indexOf(c) !== i) throw new SeamlineError(`--components: "${c}" is named twice`);
    if (!tree.exists(componentConfigPath(c)))
      throw new SeamlineError(`--components: unknown component "${c}"; add it first with nx g @seamline/nx:component ${c} --repo=<url>`);
  });
  if (![1, 2, 3].includes(ring))
    throw new SeamlineError(`--ring: expected 1 (in-process), 2 (service-level) or 3 (full platform), got ${JSON.stringify(ring)}`);
  if (runner !== 'jest' && runner !== 'node')
    throw new SeamlineError(`--runner: expected jest (a TypeScript spec) or node (an ES module test for node --test), got ${JSON.stringify(runner)}`);
  const problem = catchesProblem(options.catches);
  if (problem) throw new SeamlineError(`--catches: ${problem}`);
  const catches = oneLine(options.catches);

  const integrationText = tree.read(integrationConfigPath, 'utf-8');
  if (integrationText === null) throw new SeamlineError(`${integrationConfigPath}: file not found; run \`nx g @seamline/nx:init\` first`);
  const subsets = parseIntegrationConfig(integrationText, integrationConfigPath).subsets;
  refuseUnknownSubsetOption(subsets, subset);

  const config = { components, subsets: [subset], ring, catches, command: SEAM_COMMANDS[runner](name) };
  parseWith(seamConfigSchema, config, file); // the file we write must read back
  tree.write(file, seamYaml(name, components, config));
  // `__spec__` and `__test__` keep the templates' own names clear of the build's `**/*.spec.*` asset ignore and of test globs.
  const substitutions = { name, spec: 'spec', test: 'test', components, catches, groups: pairs(components), npm: providedPackages(tree, components) };
  generateFiles(tree, join(__dirname, 'files', runner), `seams/${name}`, substitutions);
  tree.write(integrationConfigPath, addSeamToSubset(integrationText, subset, name));

  logger.info(`${name}: replace the starter test in seams/${name}/${STARTER[runner](name)} with the contract check of what it catches`);
  if (!options.skipFormat) await formatFiles(tree);
}

/** seam.yaml with its lists in flow style, as the docs show them, and `catches` on one line. */
function seamYaml(name: string, components: string[], config: object): string {
  const doc = new Document(config);
  visit(doc, { Seq: (_, node) => void (node.flow = true) });
  const header = `# Seam ${name}: an integration test across ${components.join(', ')}, run at the pins of each manifest.\n`;
  return header + doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** One starter test per pair of components; a seam of one component gets one test. */
function pairs(components: string[]): string[][] {
  if (components.length === 1) return [components];
  return components.flatMap((a, i) => components.slice(i + 1).map((b) => [a, b]));
}

/** The npm package each component says it provides, for the starter test to check. */
function providedPackages(tree: Tree, components: string[]): Record<string, string | undefined> {
  return Object.fromEntries(
    components.map((c) => {
      const path = componentConfigPath(c);
      const npm = parseComponentConfig(tree.read(path, 'utf-8')!, path).provides.npm;
      // Only a single package is the checkout's root package.json; several live in their own folders.
      return [c, typeof npm === 'string' ? npm : undefined];
    }),
  );
}

export default seamTestGenerator;
