import { mkdir } from 'node:fs/promises';
import { dirname, isAbsolute, join, posix } from 'node:path';
import { SeamlineError } from '../core/errors';
import { writeFileAtomic } from '../fs/atomic-write';
import { renderBazel } from './bazel';
import { renderCompose } from './compose';
import { loadCustomRenderer } from './custom';
import { renderEnv } from './env';
import { renderNpm } from './npm';
import type { RenderContext, Renderer } from './renderer';
import { compare, sortKeys } from './sorted';

export type BuiltInRenderer = 'env' | 'npm' | 'bazel' | 'compose';
export type RendererSpec = BuiltInRenderer | { module: string };

export const BUILT_IN_RENDERERS: Readonly<Record<BuiltInRenderer, Renderer>> = {
  env: renderEnv,
  npm: renderNpm,
  bazel: renderBazel,
  compose: renderCompose,
};

/** Variables that several renderers add to instead of replacing. */
const JOINED_ENV = new Set(['NODE_OPTIONS']);

/**
 * Render the run's overrides: env first (always, once), then the configured
 * renderers in order. Every renderer runs before anything is written, so a
 * failing one leaves no half-rendered directory behind.
 */
export async function renderOverrides(context: RenderContext, renderers: readonly RendererSpec[]): Promise<{ files: string[]; env: Record<string, string> }> {
  const specs: RendererSpec[] = ['env', ...renderers.filter((r) => r !== 'env')];
  const files = new Map<string, { content: string; by: string }>();
  const env: Record<string, string> = {};
  for (const spec of specs) {
    const label = typeof spec === 'string' ? `"${spec}"` : spec.module;
    const render = typeof spec === 'string' ? BUILT_IN_RENDERERS[spec] : await loadCustomRenderer(context.root, spec.module);
    const rendered = await render(context);
    for (const [path, content] of Object.entries(checkRecord(rendered?.files, label, 'files'))) {
      const relative = overridePath(path, label);
      const first = files.get(relative);
      if (first) throw new SeamlineError(`renderers ${first.by} and ${label} both write ${relative}; each file has one renderer`);
      files.set(relative, { content, by: label });
    }
    for (const [key, value] of Object.entries(checkRecord(rendered?.env, label, 'env'))) {
      env[key] = JOINED_ENV.has(key) && env[key] ? `${env[key]} ${value}` : value;
    }
  }
  const written = [...files.keys()].sort(compare);
  for (const relative of written) {
    const target = join(context.overridesDir, relative);
    await mkdir(dirname(target), { recursive: true });
    await writeFileAtomic(target, files.get(relative)!.content);
  }
  return { files: written, env: sortKeys(env) };
}

/** A renderer's `files` or `env`: string values only (a custom renderer is user code). */
function checkRecord(value: unknown, label: string, field: 'files' | 'env'): Record<string, string> {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new SeamlineError(`renderer ${label}: returned no "${field}" mapping; return { files: {...}, env: {...} }`);
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== 'string') throw new SeamlineError(`renderer ${label}: ${field}["${key}"] is ${typeof item}, expected a string`);
  }
  return value as Record<string, string>;
}

/** A path inside the overrides directory, normalized so that `a/./b` and `a/b` are one file. */
function overridePath(path: string, label: string): string {
  const normalized = posix.normalize(path.replace(/\\/g, '/'));
  if (
    !path ||
    isAbsolute(path) ||
    posix.isAbsolute(normalized) ||
    normalized === '.' ||
    normalized.startsWith('../') ||
    normalized === '..' ||
    normalized.endsWith('/')
  ) {
    throw new SeamlineError(
      `renderer ${label}: file path ${JSON.stringify(path)} is not a file inside the overrides directory; use a relative path such as my/file.txt`,
    );
  }
  return normalized;
}
