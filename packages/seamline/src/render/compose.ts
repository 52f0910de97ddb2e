import { join } from 'node:path';
import { stringify } from 'yaml';
import { generatedHeader } from './header';
import { renderedPins } from './pins';
import type { RenderContext, Rendered } from './renderer';

export const COMPOSE_FILE = 'compose.override.yaml';

/**
 * Each service named after a component that ships an image runs that image
 * tagged with the pinned SHA: `docker compose -f compose.yaml -f <this file>`.
 * Rendered even when no image is pinned (`services: {}`), so that command always works.
 */
export function renderCompose(context: RenderContext): Rendered {
  const services: Record<string, { image: string }> = {};
  for (const pin of renderedPins(context)) {
    if (pin.provides.image) services[pin.name] = { image: `${pin.provides.image}:${pin.sha}` };
  }
  const body = stringify({ services }, { lineWidth: 0 });
  return { files: { [COMPOSE_FILE]: `${generatedHeader(context)}\n${body}` }, env: { SEAMLINE_COMPOSE_OVERRIDE: join(context.overridesDir, COMPOSE_FILE) } };
}
