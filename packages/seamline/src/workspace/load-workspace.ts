import { type Dirent, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import type { ComponentConfig } from '../core/config/component-config';
import { parseComponentConfig, parseIntegrationConfig, parseSeamConfig } from '../core/config/parse-config';
import type { SeamConfig } from '../core/config/seam-config';
import { checkWorkspaceModel, componentConfigPath, integrationConfigPath, seamConfigPath, type WorkspaceModel } from '../core/config/workspace-model';
import { SeamlineError } from '../core/errors';
import { checkManifestComponents } from '../core/manifest/check-manifest';
import type { Manifest } from '../core/manifest/manifest';
import { parseManifest } from '../core/manifest/manifest-yaml';
import { componentNameSchema } from '../core/component-name';
import { missingRendererModules } from '../render/custom';

/**
 * Read and check every Seamline file of the integration workspace at `root`.
 * The reads are synchronous: a workspace holds a file per component and per seam,
 * read once before a command does anything else, and one awaited read after
 * another cost about 0.3 s per 1,000 seams in round trips alone.
 */
export async function loadWorkspace(root: string): Promise<WorkspaceModel> {
  const integrationText = readTextSync(root, integrationConfigPath, 'run `nx g @seamline/nx:init` to create it');
  const integration = parseIntegrationConfig(integrationText, integrationConfigPath);
  const components: Record<string, ComponentConfig> = {};
  for (const name of folders(root, 'components', 'component.yaml')) {
    const file = componentConfigPath(name);
    components[name] = parseComponentConfig(readTextSync(root, file), file);
  }
  const seams: Record<string, SeamConfig> = {};
  for (const name of folders(root, 'seams', 'seam.yaml')) {
    const file = seamConfigPath(name);
    seams[name] = parseSeamConfig(readTextSync(root, file), file);
  }
  // A renderer module that is not there is found now, not after every pin was fetched and prepared.
  const [missing] = missingRendererModules(root, integration.renderers);
  if (missing) throw new SeamlineError(missing, integrationConfigPath);
  return checkWorkspaceModel({ integration, components, seams });
}

/** Read a manifest file and check it names exactly the declared components. */
export async function loadManifest(root: string, model: WorkspaceModel, path: string, hint = 'pass the path of a manifest.yaml'): Promise<Manifest> {
  const shown = displayPath(root, path);
  const text = await readText(root, path, hint);
  return checkManifestComponents(parseManifest(text, shown), model.components, shown);
}

export function displayPath(root: string, path: string): string {
  const rel = relative(root, isAbsolute(path) ? path : join(root, path));
  return rel.startsWith('..') ? path : rel;
}

/** A file the user named or the workspace needs, as text; a missing file or a folder is one line. */
export async function readText(root: string, path: string, hint?: string): Promise<string> {
  try {
    return await readFile(isAbsolute(path) ? path : join(root, path), 'utf8');
  } catch (error) {
    throw unreadable(root, path, error, hint);
  }
}

function readTextSync(root: string, path: string, hint?: string): string {
  try {
    return readFileSync(isAbsolute(path) ? path : join(root, path), 'utf8');
  } catch (error) {
    throw unreadable(root, path, error, hint);
  }
}

/** The one line for a file that cannot be read; anything but a missing file or a folder stays as it is. */
function unreadable(root: string, path: string, error: unknown, hint?: string): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new SeamlineError(`${displayPath(root, path)}: file not found${hint ? `; ${hint}` : ''}`, path);
  if (code === 'EISDIR') return new SeamlineError(`${displayPath(root, path)}: is a folder, expected a file${hint ? `; ${hint}` : ''}`, path);
  return error;
}

/** Names of the folders under `dir` that hold `file`, with a name check on each. */
function folders(root: string, dir: string, file: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(join(root, dir), { withFileTypes: true });
  } catch {
    return [];
  }
  const names: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || !readdirSync(join(root, dir, entry.name)).includes(file)) continue;
    const check = componentNameSchema.safeParse(entry.name);
    if (!check.success) {
      throw new SeamlineError(
        `${dir}/${entry.name}/${file}: the folder name "${entry.name}" is the project name; expected lowercase letters, digits, ".", "_" or "-"; rename the folder`,
      );
    }
    names.push(entry.name);
  }
  return names.sort();
}
