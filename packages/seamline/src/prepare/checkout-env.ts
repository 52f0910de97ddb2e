import { engineStrictEnv } from './engine-strict-env';
import { sharedStoreEnv } from './shared-store';
import { yarnEnv } from './yarn-env';

/**
 * What a package-manager command run in a pin's checkout (a prepare or verify command)
 * gets on top of the environment: pnpm's shared store and workspace root; yarn's linker,
 * release and engines; npm's and pnpm's engine-strict off. The checkout sits inside the
 * integration workspace, whose own configuration those tools would otherwise find above
 * it, and an older era's engines leave out the Node.js Seamline runs on.
 */
export function checkoutEnv(root: string, command: readonly string[], checkout: string): Record<string, string> {
  return { ...sharedStoreEnv(root, command, checkout), ...yarnEnv(command, checkout), ...engineStrictEnv(command, checkout) };
}
