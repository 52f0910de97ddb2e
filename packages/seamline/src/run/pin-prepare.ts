import { namedNpmPackages } from '../core/config/npm-packages';
import type { WorkspaceModel } from '../core/config/workspace-model';
import { prepareVariants } from '../core/prepare/prepare-config';
import { isAncestor } from '../git/ancestry';
import { choosePrepare, type PrepareChoice } from '../prepare/choose-prepare';

/** How one pin of a component is prepared: its variants (or the default) resolved in its checkout. */
export async function pinPrepare(
  root: string,
  model: WorkspaceModel,
  pin: { component: string; url: string; sha: string; dir: string },
): Promise<PrepareChoice> {
  const config = model.components[pin.component];
  const variants = config ? prepareVariants(config.prepare, config.provides.npm) : [];
  // The npm names the other components provide (those named in component.yaml; a workspace list is read per checkout).
  const componentPackages = Object.entries(model.components)
    .filter(([name]) => name !== pin.component)
    .flatMap(([, other]) => namedNpmPackages(other.provides.npm).map((p) => p.name));
  return choosePrepare(pin, variants, (ancestor, descendant) => isAncestor(root, pin.component, pin.url, ancestor, descendant), componentPackages);
}

/** The notes worth a terminal line: which variant applied and what auto detected. */
export function prepareWhy(choice: { notes?: readonly string[] }): string {
  const why = (choice.notes ?? []).filter((n) => n.startsWith('auto:') || n.endsWith(': applies')).join('; ');
  return why ? ` (${why})` : '';
}
