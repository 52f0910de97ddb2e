import { existsSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SeamlineError } from '../core/errors';
import type { Renderer } from './renderer';

/**
 * A workspace's own renderer (`renderers: [{ module: ./tools/my-renderer.js }]`
 * in integration/seamline.yaml): a module exporting `render` or a default
 * function with the Renderer signature.
 */
export async function loadCustomRenderer(root: string, modulePath: string): Promise<Renderer> {
  const file = resolve(root, modulePath);
  const where = `renderer module ${modulePath}`;
  const missing = missingRendererModule(root, modulePath);
  if (missing) throw new SeamlineError(missing);
  let loaded: unknown;
  try {
    loaded = await loadModule(file);
  } catch (error) {
    throw new SeamlineError(`${where}: failed to load: ${firstLine(error)}`);
  }
  // `module.exports = fn` and `export default fn` count as the default.
  const render = [loaded, member(loaded, 'render'), member(loaded, 'default'), member(member(loaded, 'default'), 'render')].find(
    (f) => typeof f === 'function',
  );
  if (!render) throw new SeamlineError(`${where}: exports no render function; export render(context) (or a default function) returning { files, env }`);
  return render as Renderer;
}

/** What is wrong when a renderer module named in integration/seamline.yaml is not there (lint-subsets says it before any run). */
export function missingRendererModule(root: string, modulePath: string): string | undefined {
  const file = resolve(root, modulePath);
  return existsSync(file) ? undefined : `renderer module ${modulePath}: no such file (${file}); fix "renderers" in integration/seamline.yaml`;
}

/** The same for every renderer module of a `renderers` list, one line each. */
export function missingRendererModules(root: string, renderers: readonly (string | { module: string })[]): string[] {
  return renderers.flatMap((r) => (typeof r === 'object' ? (missingRendererModule(root, r.module) ?? []) : []));
}

const member = (value: unknown, key: string): unknown =>
  value !== null && (typeof value === 'object' || typeof value === 'function') ? (value as Record<string, unknown>)[key] : undefined;

async function loadModule(file: string): Promise<unknown> {
  if (extname(file) === '.mjs') return import(pathToFileURL(file).href);
  try {
    // A user's renderer module, loaded at run time the way Node loads a CommonJS file.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(file);
  } catch (error) {
    // A .js file in a "type": "module" package is ESM: import it instead.
    if ((error as NodeJS.ErrnoException).code !== 'ERR_REQUIRE_ESM') throw error;
    return import(pathToFileURL(file).href);
  }
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split('\n')[0];
}
