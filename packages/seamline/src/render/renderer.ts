import type { ComponentConfig } from '../core/config/component-config';
import type { Manifest } from '../core/manifest/manifest';

/** Everything a renderer may look at: the same context must render the same bytes. */
export interface RenderContext {
  manifest: Manifest;
  manifestHash: string;
  /** Declared components (components/<name>/component.yaml), by name. */
  components: Readonly<Record<string, ComponentConfig>>;
  /** Absolute checkout dir of every pin of the manifest, by component name. */
  checkouts: Readonly<Record<string, string>>;
  /** Absolute directory the rendered files are written into (the run's overrides/). */
  overridesDir: string;
  /** Absolute workspace root. */
  root: string;
}

export interface Rendered {
  /** Path relative to overridesDir -> file content. */
  files: Record<string, string>;
  /** Environment variables every seam of the run gets. */
  env: Record<string, string>;
}

export type Renderer = (context: RenderContext) => Rendered | Promise<Rendered>;
