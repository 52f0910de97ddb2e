import { join, relative } from 'node:path';

/**
 * Every path under `.seamline/` (gitignored) in one place: the pin caches,
 * checkouts, prepared markers, runs, bisect verdicts and written manifests.
 * A leaf module: path arithmetic only, so every layer may use it.
 */
export const SEAMLINE_DIR = '.seamline';

const under = (root: string, ...parts: string[]) => join(root, SEAMLINE_DIR, ...parts);

export const cacheRoot = (root: string) => under(root, 'cache');
export const checkoutsRoot = (root: string) => under(root, 'checkouts');
/** One directory per run: manifest, overrides, logs, results. */
export const runsRoot = (root: string) => under(root, 'runs');
export const runDir = (root: string, id: string) => join(runsRoot(root), id);
export const runManifestFile = (root: string, id: string) => join(runDir(root, id), 'manifest.yaml');
/** Manifests written by `nx run integration:manifest` without --out. */
export const manifestsRoot = (root: string) => under(root, 'manifests');
/** Prepared markers and logs, one per pin and prepare command list. */
export const preparedRoot = (root: string) => under(root, 'prepared');

/** What the last check of the known-good store verified, so a run checks only the lines added since. */
export const storeMemoFile = (root: string) => under(root, 'known-good-verified.json');

/** How many lines the known-good store had after this workspace's last append. */
export const storeLineCountFile = (root: string) => under(root, 'known-good-lines.json');

/** One bare pin cache per component. */
export const pinCacheDir = (root: string, component: string) => join(cacheRoot(root), `${component}.git`);

/** One immutable checkout per pin. */
export const checkoutName = (component: string, sha: string) => `${component}@${sha}`;
export const checkoutDir = (root: string, component: string, sha: string) => join(checkoutsRoot(root), checkoutName(component, sha));
/** checkoutName's inverse: `<component>@<sha>` -> its parts; undefined for a name that lacks either. */
export const parseCheckoutName = (name: string): { component: string; sha: string } | undefined => {
  const at = name.lastIndexOf('@');
  return at < 1 || at === name.length - 1 ? undefined : { component: name.slice(0, at), sha: name.slice(at + 1) };
};

/** Written once a checkout is complete; a checkout without it is a leftover of a killed run. */
export const checkoutMarker = (root: string, component: string, sha: string) => join(checkoutsRoot(root), `.${checkoutName(component, sha)}.done`);

/** Touched on every use of a checkout: `gc` removes the least recently used first. */
export const checkoutUsedMarker = (root: string, component: string, sha: string) => join(checkoutsRoot(root), `.${checkoutName(component, sha)}.used`);

/** One lock per run using a checkout (`<checkout>/<holder>.lock`): `gc` never removes a held checkout. */
export const leasesRoot = (root: string) => under(root, 'leases');
export const checkoutLeaseDir = (root: string, component: string, sha: string) => join(leasesRoot(root), checkoutName(component, sha));

/** Held while a process settles whose the folder outside is (a new folder, a moved or copied workspace): `<this>.lock`. */
export const placementLock = (root: string) => under(root, 'placement');

/** The package store prepare commands share (pnpm's `store-dir`): one copy of each package for every pin. */
export const packageStoreDir = (root: string) => under(root, 'pnpm-store');

/** A path under the workspace as messages show it (`.seamline/runs/<id>`). */
export const shownPath = (root: string, path: string) => relative(root, path);
