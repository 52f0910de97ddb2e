/** A module of Nx, as `require` gives it. */
export type NxModule = Record<string, unknown>;
export type NxFunction = (...args: unknown[]) => unknown;

/**
 * A module of the workspace's own Nx (`nx/<path>`), the one the workspace's `nx` runs: the
 * in-process seam run and `seamline run` must share its state, which a second copy would not.
 * Throws as `require` does when it is not there.
 */
export function workspaceNx(root: string, path: string): NxModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(require.resolve(`nx/${path}`, { paths: [root] })) as NxModule;
}

/** The same, or undefined where this Nx has no such module: the caller then leaves it to Nx. */
export function workspaceNxIfPresent(root: string, path: string): NxModule | undefined {
  try {
    return workspaceNx(root, path);
  } catch {
    return undefined;
  }
}

/** `mod[name]` when it is a function: what another Nx release may have moved or renamed. */
export const nxFunction = (mod: NxModule | undefined, name: string): NxFunction | undefined =>
  typeof mod?.[name] === 'function' ? (mod[name] as NxFunction) : undefined;
