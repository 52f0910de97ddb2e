import { SeamlineError, unknownName } from '../errors';
import type { ComponentConfig } from './component-config';
import type { IntegrationConfig } from './integration-config';
import { namedNpmPackages } from './npm-packages';
import type { SeamConfig } from './seam-config';

/** Where each file of the workspace lives, relative to the workspace root. */
export const integrationConfigPath = 'integration/seamline.yaml';
export const componentConfigPath = (name: string) => `components/${name}/component.yaml`;
export const seamConfigPath = (name: string) => `seams/${name}/seam.yaml`;

export interface WorkspaceModel {
  integration: IntegrationConfig;
  components: Record<string, ComponentConfig>;
  seams: Record<string, SeamConfig>;
}

/**
 * What each cross-file problem says, and what to do about it: one wording whether a run meets it
 * (checkWorkspaceModel, the first one) or lint-subsets does (all of them).
 */
export const crossFileProblem = {
  seamComponent: (component: string, declared: string[]) =>
    `${unknownName('component', component, declared)}; fix the name, or add it with nx g @seamline/nx:component ${component} --repo=<url>`,
  seamSubset: (subset: string, declared: string[]) => `${unknownName('subset', subset, declared)}; fix the name or drop it`,
  seamNotListed: (seam: string, subset: string) =>
    `names subset "${subset}", but ${integrationConfigPath} does not list "${seam}" in subsets.${subset}.seams; add it there (subsets are curated in one place) or drop it here`,
  listedTwice: (seam: string) => `"${seam}" is listed twice; remove one`,
  subsetSeam: (seam: string, declared: string[]) => `${unknownName('seam', seam, declared)}; remove it, or create it with nx g @seamline/nx:seam-test ${seam}`,
  quarantinedSeam: (seam: string, declared: string[]) => `${unknownName('seam', seam, declared)}; remove the entry`,
  heldComponent: (component: string, declared: string[]) => `${unknownName('component', component, declared)}; remove the entry or fix the name`,
  heldTwice: (component: string, first: number) => `"${component}" is already held at hold[${first}]; keep one entry`,
};

/**
 * Cross-file checks that no single schema can make: every name a file uses
 * must be declared somewhere. Throws on the first problem, naming its file.
 */
export function checkWorkspaceModel(model: WorkspaceModel): WorkspaceModel {
  const { integration, components, seams } = model;
  const subsetNames = Object.keys(integration.subsets);
  const packages = new Map<string, string>();

  for (const [name, component] of Object.entries(components)) {
    const file = componentConfigPath(name);
    component.dependsOn.forEach((dep, i) => {
      if (dep === name) throw SeamlineError.at(file, `dependsOn[${i}]`, `a component cannot depend on itself`);
      if (!components[dep]) throw unknown(file, `dependsOn[${i}]`, 'component', dep, Object.keys(components));
    });
    for (const { name: pkg } of namedNpmPackages(component.provides.npm)) {
      const owner = packages.get(pkg);
      if (owner) throw SeamlineError.at(file, 'provides.npm', `"${pkg}" is already provided by component "${owner}"; each package has one provider`);
      packages.set(pkg, name);
    }
  }

  for (const [name, seam] of Object.entries(seams)) {
    const file = seamConfigPath(name);
    if (components[name]) throw seamNamedLikeComponent(name);
    seam.components.forEach((c, i) => {
      if (!components[c]) throw SeamlineError.at(file, `components[${i}]`, crossFileProblem.seamComponent(c, Object.keys(components)));
    });
    seam.subsets.forEach((s, i) => {
      const subset = integration.subsets[s];
      if (!subset) throw SeamlineError.at(file, `subsets[${i}]`, crossFileProblem.seamSubset(s, subsetNames));
      if (subset.seams !== 'all' && !subset.seams.includes(name)) throw SeamlineError.at(file, `subsets[${i}]`, crossFileProblem.seamNotListed(name, s));
    });
  }

  for (const [subsetName, subset] of Object.entries(integration.subsets)) {
    if (subset.seams === 'all') continue;
    const seen = new Set<string>();
    subset.seams.forEach((s, i) => {
      const field = `subsets.${subsetName}.seams[${i}]`;
      if (seen.has(s)) throw SeamlineError.at(integrationConfigPath, field, crossFileProblem.listedTwice(s));
      seen.add(s);
      if (!seams[s]) throw SeamlineError.at(integrationConfigPath, field, crossFileProblem.subsetSeam(s, Object.keys(seams)));
    });
  }

  integration.quarantine.forEach((q, i) => {
    if (!seams[q.seam]) throw SeamlineError.at(integrationConfigPath, `quarantine[${i}].seam`, crossFileProblem.quarantinedSeam(q.seam, Object.keys(seams)));
  });

  integration.hold.forEach((h, i) => {
    const field = `hold[${i}].component`;
    if (!components[h.component]) throw SeamlineError.at(integrationConfigPath, field, crossFileProblem.heldComponent(h.component, Object.keys(components)));
    const first = integration.hold.findIndex((other) => other.component === h.component);
    if (first !== i) throw SeamlineError.at(integrationConfigPath, field, crossFileProblem.heldTwice(h.component, first));
  });

  return model;
}

function unknown(file: string, field: string, kind: string, name: string, known: string[]): SeamlineError {
  return SeamlineError.at(file, field, unknownName(kind, name, known));
}

/** The seams a subset names, in the order the subset lists them. */
export function seamsOfSubset(model: WorkspaceModel, subset: string): string[] {
  const entry = model.integration.subsets[subset];
  if (!entry) throw unknown(integrationConfigPath, 'subsets', 'subset', subset, Object.keys(model.integration.subsets));
  return entry.seams === 'all' ? Object.keys(model.seams).sort() : [...entry.seams];
}

/**
 * A `--subset` given on the command line (a run's, or the seam-test generator's) names a subset of
 * seamline.yaml: an unknown one is the option's typo, and said so, not the file's.
 */
export function refuseUnknownSubsetOption(subsets: Record<string, unknown>, subset: string | undefined): void {
  if (subset === undefined || subsets[subset]) return;
  const declared = Object.keys(subsets).sort();
  throw new SeamlineError(`--subset: unknown subset "${subset}" (declared in ${integrationConfigPath}: ${declared.join(', ') || 'none'})`);
}

/** A seam and a component are both Nx projects: one name cannot be both. */
export function seamNamedLikeComponent(name: string, file = seamConfigPath(name)): SeamlineError {
  return SeamlineError.at(file, undefined, `seam "${name}" has the same name as a component; Nx project names must be unique, rename the seam folder`);
}
