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
      if (!components[c]) throw unknown(file, `components[${i}]`, 'component', c, Object.keys(components));
    });
    seam.subsets.forEach((s, i) => {
      const subset = integration.subsets[s];
      if (!subset) throw unknown(file, `subsets[${i}]`, 'subset', s, subsetNames);
      if (subset.seams !== 'all' && !subset.seams.includes(name)) {
        throw SeamlineError.at(
          file,
          `subsets[${i}]`,
          `names subset "${s}", but ${integrationConfigPath} does not list "${name}" in subsets.${s}.seams; add it there (subsets are curated in one place) or drop it here`,
        );
      }
    });
  }

  for (const [subsetName, subset] of Object.entries(integration.subsets)) {
    if (subset.seams === 'all') continue;
    const seen = new Set<string>();
    subset.seams.forEach((s, i) => {
      const field = `subsets.${subsetName}.seams[${i}]`;
      if (seen.has(s)) throw SeamlineError.at(integrationConfigPath, field, `"${s}" is listed twice`);
      seen.add(s);
      if (!seams[s]) throw unknown(integrationConfigPath, field, 'seam', s, Object.keys(seams));
    });
  }

  integration.quarantine.forEach((q, i) => {
    if (!seams[q.seam]) throw unknown(integrationConfigPath, `quarantine[${i}].seam`, 'seam', q.seam, Object.keys(seams));
  });

  integration.hold.forEach((h, i) => {
    const field = `hold[${i}].component`;
    if (!components[h.component]) throw unknown(integrationConfigPath, field, 'component', h.component, Object.keys(components));
    const first = integration.hold.findIndex((other) => other.component === h.component);
    if (first !== i) throw SeamlineError.at(integrationConfigPath, field, `"${h.component}" is already held at hold[${first}]; keep one entry`);
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

/** A seam and a component are both Nx projects: one name cannot be both. */
export function seamNamedLikeComponent(name: string, file = seamConfigPath(name)): SeamlineError {
  return SeamlineError.at(file, undefined, `seam "${name}" has the same name as a component; Nx project names must be unique, rename the seam folder`);
}
