import { join } from 'node:path';

/** Where Seamline keeps git state inside the integration workspace (gitignored). */
export const SEAMLINE_DIR = '.seamline';

export const cacheRoot = (root: string) => join(root, SEAMLINE_DIR, 'cache');
export const checkoutsRoot = (root: string) => join(root, SEAMLINE_DIR, 'checkouts');
/** One directory per run: manifest, overrides, logs, results. */
export const runsRoot = (root: string) => join(root, SEAMLINE_DIR, 'runs');

/** One bare pin cache per component. */
export const pinCacheDir = (root: string, component: string) => join(cacheRoot(root), `${component}.git`);

/** One immutable checkout per pin. */
export const checkoutName = (component: string, sha: string) => `${component}@${sha}`;
export const checkoutDir = (root: string, component: string, sha: string) => join(checkoutsRoot(root), checkoutName(component, sha));

/** Written once a checkout is complete; a checkout without it is a leftover of a killed run. */
export const checkoutMarker = (root: string, component: string, sha: string) => join(checkoutsRoot(root), `.${checkoutName(component, sha)}.done`);
