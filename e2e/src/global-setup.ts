import { installTemplate } from './e2e-workspace';

// Once per jest run, before any spec: the npm workspace every spec's workspace copies.
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const template = await installTemplate();
  if (template) console.log(`\ne2e: nx and the packed plugin installed once with npm in ${((Date.now() - started) / 1000).toFixed(1)} s (${template})`);
}
