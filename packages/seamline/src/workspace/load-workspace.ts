import { readdir, readFile } from 'node:fs/promises';
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

/** Read and check every Seamline file of the integration workspace at `root`. */
export async function loadWorkspace(root: string): Promise<WorkspaceModel> {
  const integrationText = await readText(root, integrationConfigPath, 'run `nx g @seamline/nx:init` to create it');
  const integration = parseIntegrationConfig(integrationText, integrationConfigPath);
  const components: Record<string, ComponentConfig> = {};
  for (const name of await folders(root, 'components', 'component.yaml')) {
    const file = componentConfigPath(name);
    components[name] = parseComponentConfig(await readText(root, file), file);
  }
  const seams: Record<string, SeamConfig> = {};
  for (const name of await folders(root, 'seams', 'seam.yaml')) {
    const file = seamConfigPath(name);
    seams[name] = parseSeamConfig(await readText(root, file), file);
  }
  return checkWorkspaceModel({ integration, components, seams });
}

/** Read a manifest file and check it names exactly the declared components. */
export async function loadManifest(root: string, model: WorkspaceModel, path: string): Promise<Manifest> {
  const shown = displayPath(root, path);
  const text = await readText(root, path, 'pass the path of a manifest.yaml');
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
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new SeamlineError(`${displayPath(root, path)}: file not found${hint ? `; ${hint}` : ''}`, path);
    if (code === 'EISDIR') throw new SeamlineError(`${displayPath(root, path)}: is a folder, expected a file${hint ? `; ${hint}` : ''}`, path);
    throw error;
  }
}

/** Names of the folders under `dir` that hold `file`, with a name check on each. */
async function folders(root: string, dir: string, file: string): Promise<string[]> {
  const entries = await readdir(join(root, dir), { withFileTypes: true }).catch(() => []);
  const names: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const present = await readdir(join(root, dir, entry.name)).then((f) => f.includes(file));
    if (!present) continue;
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
