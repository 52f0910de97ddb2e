import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SeamlineError } from '../core/errors';
import { providedPackageDirs } from './npm-packages';
import { renderedPins } from './pins';
import type { RenderContext, Rendered } from './renderer';
import { sortKeys } from './sorted';

/** The hooks are plain files beside this one; the build ships them as assets. */
const hook = (file: string) => readFileSync(join(__dirname, 'npm-hooks', file), 'utf8');
const HOOKS = {
  'npm/pinned-packages.cjs': hook('pinned-packages.cjs'),
  'npm/require-hook.cjs': hook('require-hook.cjs'),
  'npm/import-hook.mjs': hook('import-hook.mjs'),
  'npm/register.mjs': hook('register.mjs'),
};

/**
 * Every pinned provider package resolves to its folder in its checkout, for `require` and
 * `import`, in every node process of the run, whatever copy the consumer's own
 * install left in its node_modules. Only resolution is hooked: checkouts are
 * shared by concurrent runs and are never written to.
 */
export async function renderNpm(context: RenderContext): Promise<Rendered> {
  const packages: Record<string, string> = {};
  const owner: Record<string, string> = {};
  for (const pin of renderedPins(context)) {
    // A component may provide several packages (a pnpm, yarn or npm workspace), each at its folder.
    for (const { name, dir } of await providedPackageDirs(pin, pin.provides.npm)) {
      if (owner[name]) throw new SeamlineError(`components "${owner[name]}" and "${pin.name}" both provide npm package ${name}; one package has one provider`);
      owner[name] = pin.name;
      packages[name] = dir;
    }
  }
  if (!Object.keys(packages).length) return { files: {}, env: {} };
  const abs = (file: string) => join(context.overridesDir, file);
  // Who gets the pinned packages (pinned-packages.cjs inScope): every checkout of the run, and the
  // workspace outside its node_modules. Node names modules by their real paths, so both forms.
  const scope = { root: bothForms([context.root]), checkouts: bothForms(renderedPins(context).map((pin) => pin.dir)) };
  // --import takes a URL: a path with "#", "%" or a drive letter would be misread as one.
  return {
    files: {
      'npm/packages.json': `${JSON.stringify(sortKeys(packages), null, 2)}\n`,
      'npm/scope.json': `${JSON.stringify(scope, null, 2)}\n`,
      ...HOOKS,
    },
    env: {
      NODE_OPTIONS: `--require ${nodeOptionQuote(abs('npm/require-hook.cjs'))} --import ${nodeOptionQuote(pathToFileURL(abs('npm/register.mjs')).href)}`,
      SEAMLINE_NPM_PACKAGES: abs('npm/packages.json'),
    },
  };
}

/** Each path as given and as its real path (without symlinks), sorted, once each. */
function bothForms(paths: readonly string[]): string[] {
  const real = (path: string) => {
    try {
      return realpathSync(path);
    } catch {
      return path;
    }
  };
  return [...new Set(paths.flatMap((path) => [path, real(path)]))].sort();
}

/** One NODE_OPTIONS argument: Node splits on spaces outside double quotes and unescapes `\` inside them. */
export function nodeOptionQuote(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
