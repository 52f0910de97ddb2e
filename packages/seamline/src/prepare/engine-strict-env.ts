import { readCheckoutFile } from '../fs/checkout-file';
import { launchedProgram } from './launched-program';

/** The tools that read engine-strict from a checkout's .npmrc (pnpm 12 no longer does; the setting is harmless there). */
const STRICT_ENGINE_TOOLS = ['npm', 'pnpm'];

/**
 * What an npm or pnpm command in a checkout whose .npmrc sets engine-strict gets: npm and pnpm
 * then refuse to install wherever an engines.node (the package's own, or a dependency's)
 * leaves out the running Node.js (EBADENGINE, ERR_PNPM_UNSUPPORTED_ENGINE), which an older
 * era's does under a newer Node.js though it installed under its own. The environment outranks
 * a project's .npmrc for both, and reaches the npm or pnpm a script runs in turn.
 */
export function engineStrictEnv(command: readonly string[], checkout: string): Record<string, string> {
  return STRICT_ENGINE_TOOLS.includes(launchedProgram(command) ?? '') && setsEngineStrict(checkout) ? { npm_config_engine_strict: 'false' } : {};
}

/** `engine-strict=true` in the checkout's .npmrc (ini: `engine-strict = true`, or the bare key). */
function setsEngineStrict(checkout: string): boolean {
  return /^\s*engine-strict\s*(=\s*true\s*)?$/m.test(readCheckoutFile(checkout, '.npmrc') ?? '');
}
