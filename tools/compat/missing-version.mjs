// A step that stopped because the registry had no release of a package in the range asked
// for. CI of 142ec10 failed two cells at `nx add @seamline/nx` that way (npm ETARGET,
// pnpm ERR_PNPM_NO_MATCHING_VERSION) while every range of the plugin's tree had matching
// releases on the registry before and after: the registry's answer, not the plugin. The
// cell's line then said only "Failed to install", without the package.

/** What each package manager prints for a range no release matches: name and range. */
const SAYINGS = [
  // npm: `npm error notarget No matching version found for zod@^99.1.0.`; pnpm: `… for zod@^99.1.0 while fetching it from …`
  /No matching version found for ((?:@[^/\s]+\/)?[^@\s]+)@(\S+?)\.?(?:\s|$)/,
  // yarn 2+: `YN0082: │ zod@npm:^99.1.0: No candidates found`
  /((?:@[^/\s]+\/)?[^@\s│]+)@npm:(\S+): No candidates found/,
  // yarn 1: `error Couldn't find any versions for "zod" that matches "^99.1.0"`
  /Couldn't find any versions for "([^"]+)" that matches "([^"]+)"/,
];
// bun: `error: No version matching "^99.1.0" found for specifier "zod" (but package exists)`
const BUN = /No version matching "([^"]+)" found for specifier "([^"]+)"/;

/** The package and range a step's output says the registry had no release for, or undefined. */
export function missingVersion(output) {
  for (const line of output.split('\n')) {
    for (const saying of SAYINGS) {
      const m = saying.exec(line);
      if (m) return { name: m[1], range: m[2] };
    }
    const bun = BUN.exec(line);
    if (bun) return { name: bun[2], range: bun[1] };
  }
  return undefined;
}

/**
 * The environment for the step's second try: npm keeps a package's metadata for five minutes
 * (the registry's max-age) and would answer from the same stale copy; prefer-online asks again.
 */
export const askTheRegistryAgainEnv = { npm_config_prefer_online: 'true' };
