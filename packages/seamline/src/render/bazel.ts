import { join } from 'node:path';
import { SeamlineError } from '../core/errors';
import { generatedHeader } from './header';
import { renderedPins } from './pins';
import type { RenderContext, Rendered } from './renderer';

export const BAZEL_FILE = 'MODULE.override.bzl';

/**
 * One local_path_override per pinned Bazel module, pointing at its checkout.
 * Rendered even when no module is pinned, so a build that always passes
 * $SEAMLINE_BAZEL_OVERRIDES finds a file; the checkouts' MODULE.bazel stay untouched.
 */
export function renderBazel(context: RenderContext): Rendered {
  const lines = [generatedHeader(context)];
  const owner: Record<string, string> = {};
  for (const pin of renderedPins(context)) {
    const module = pin.provides.bazel;
    if (!module) continue;
    if (owner[module])
      throw new SeamlineError(`components "${owner[module]}" and "${pin.name}" both provide Bazel module ${module}; one module has one provider`);
    owner[module] = pin.name;
    lines.push(`local_path_override(module_name = ${starlarkString(module)}, path = ${starlarkString(pin.dir)})`);
  }
  return { files: { [BAZEL_FILE]: `${lines.join('\n')}\n` }, env: { SEAMLINE_BAZEL_OVERRIDES: join(context.overridesDir, BAZEL_FILE) } };
}

/** A double-quoted Starlark string; Starlark reads JSON's escapes for `"` and `\`. */
function starlarkString(value: string): string {
  return JSON.stringify(value);
}
