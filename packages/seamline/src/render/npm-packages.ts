import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { componentConfigPath } from '../core/config/workspace-model';
import { namedNpmPackages, npmFromWorkspace, type NpmProvides } from '../core/config/npm-packages';
import { SeamlineError } from '../core/errors';
import { shortSha } from '../core/tuple';
import { readPackageJson } from '../fs/package-json';
import { readCheckoutFile, realPathInCheckout } from '../fs/checkout-file';
import { MAX_MANIFEST_BYTES } from '../fs/read-bounded';

/** One provided package at its folder in a pinned checkout. */
export interface PackageDir {
  name: string;
  dir: string;
}

interface Pin {
  name: string;
  sha: string;
  dir: string;
}

/**
 * Where each npm package a component provides lives in its pinned checkout:
 * the folders component.yaml names, or (`workspace: true`) the packages the
 * checkout's own pnpm-workspace.yaml or package.json `workspaces` lists, read
 * at that commit. Private and nameless packages are not provided: nothing
 * outside the repository can depend on them.
 */
export async function providedPackageDirs(pin: Pin, npm: NpmProvides | undefined): Promise<PackageDir[]> {
  const file = componentConfigPath(pin.name);
  const at = `${pin.name}@${shortSha(pin.sha)}`;
  if (npmFromWorkspace(npm)) {
    const found = await workspacePackages(pin.dir, file, at);
    if (!found.length)
      throw SeamlineError.at(
        file,
        'provides.npm',
        `workspace: ${at} lists no public named package (pnpm-workspace.yaml "packages" or package.json "workspaces"); list the packages as { name, path } instead`,
      );
    return found;
  }
  const listed = namedNpmPackages(npm);
  if (listed.length === 1 && listed[0].path === '.') return [{ name: listed[0].name, dir: pin.dir }];
  const dirs: PackageDir[] = [];
  for (const { name, path } of listed) {
    const dir = join(pin.dir, path);
    const found = packageName(dir, pin.dir);
    if (found !== name) {
      const what = found === undefined ? `has no package.json (a regular file) in ${path}` : `has package "${found}" in ${path}`;
      throw SeamlineError.at(file, 'provides.npm', `${at} ${what}, expected "${name}"; fix the path, or the pin`);
    }
    dirs.push({ name, dir });
  }
  return dirs;
}

/** The workspace's package folders as its package manager lists them, the root included. */
async function workspacePackages(checkout: string, file: string, at: string): Promise<PackageDir[]> {
  const patterns = await workspacePatterns(checkout, file, at);
  const { glob } = await import('tinyglobby');
  const folders = patterns.length
    ? await glob(patterns, { cwd: checkout, onlyDirectories: true, expandDirectories: false, ignore: ['**/node_modules/**', '.git/**'] })
    : [];
  const found = new Map<string, string>();
  for (const folder of ['.', ...folders.map((f) => f.replace(/\/+$/, '')).sort()]) {
    const dir = join(checkout, folder);
    // Only the pin's own folders: a pattern may reach out of the checkout (`../*`, an absolute path), as may a
    // linked folder, and would take a sibling checkout at another SHA, or the integration workspace, for the pin.
    if (realPathInCheckout(checkout, folder) === undefined) continue;
    const pkg = readPackageJson(dir, checkout);
    if (!pkg || typeof pkg.name !== 'string' || pkg.private === true) continue;
    const first = found.get(pkg.name);
    if (first && first !== dir)
      throw SeamlineError.at(
        file,
        'provides.npm',
        `workspace: ${at} has package "${pkg.name}" twice (${relative(checkout, first)} and ${folder}); fix the workspace list`,
      );
    found.set(pkg.name, dir);
  }
  return [...found].map(([name, dir]) => ({ name, dir }));
}

async function workspacePatterns(checkout: string, file: string, at: string): Promise<string[]> {
  const pnpm = join(checkout, 'pnpm-workspace.yaml');
  if (existsSync(pnpm)) {
    let data: unknown;
    try {
      const text = readCheckoutFile(checkout, 'pnpm-workspace.yaml');
      if (text === undefined) throw new Error(`not a regular file of at most ${MAX_MANIFEST_BYTES / 1024 / 1024} MiB`);
      data = parse(text);
    } catch (error) {
      throw SeamlineError.at(file, 'provides.npm', `workspace: ${at} has an unreadable pnpm-workspace.yaml (${(error as Error).message.split('\n')[0]})`);
    }
    const packages = (data as { packages?: unknown } | null)?.packages;
    if (Array.isArray(packages) && packages.every((p) => typeof p === 'string')) return packages;
  }
  const workspaces = readPackageJson(checkout)?.workspaces;
  const list = Array.isArray(workspaces) ? workspaces : (workspaces as { packages?: unknown } | undefined)?.packages;
  return Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string') : [];
}

function packageName(dir: string, checkout: string): string | undefined {
  const name = readPackageJson(dir, checkout)?.name;
  return typeof name === 'string' ? name : undefined;
}
