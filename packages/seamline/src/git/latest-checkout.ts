import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { checkoutsRoot } from '../workspace/layout';

/** The newest complete checkout of a component, if any: what the graph reads package manifests from. */
export async function latestCheckout(root: string, component: string): Promise<string | undefined> {
  const dir = checkoutsRoot(root);
  const prefix = `.${component}@`;
  let best: { path: string; mtime: number } | undefined;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!name.startsWith(prefix) || !name.endsWith('.done')) continue;
    const mtime = (await stat(join(dir, name))).mtimeMs;
    if (!best || mtime > best.mtime) best = { path: join(dir, name.slice(1, -'.done'.length)), mtime };
  }
  return best?.path;
}
