import type { ComponentConfig } from './component-config';

export type NpmProvides = NonNullable<ComponentConfig['provides']['npm']>;

/** One provided npm package and its folder in the repository (`.` for the root). */
export interface NpmPackage {
  name: string;
  path: string;
}

/**
 * The packages component.yaml names with their folders: one name is the
 * repository root; `{ workspace: true }` names none here (they are read from
 * each pinned checkout, see render/npm-packages.ts).
 */
export function namedNpmPackages(npm: NpmProvides | undefined): NpmPackage[] {
  if (!npm) return [];
  if (typeof npm === 'string') return [{ name: npm, path: '.' }];
  if (Array.isArray(npm)) return npm.map(({ name, path }) => ({ name, path }));
  return [];
}

/** `provides.npm: { workspace: true }`: the packages come from the checkout's own workspace list. */
export const npmFromWorkspace = (npm: NpmProvides | undefined): boolean => !!npm && typeof npm === 'object' && !Array.isArray(npm) && npm.workspace;
