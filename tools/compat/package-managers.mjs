// How a user makes a package.json, adds a devDependency and runs a local bin with each
// package manager the matrix covers. Shared by the compatibility matrix (story.mjs) and
// the e2e workspace (e2e/src/e2e-workspace.ts, SEAMLINE_E2E_PM).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The package managers of an integration workspace: yarn is Berry with `nodeLinker: node-modules`, yarn-classic is yarn 1. */
export const PACKAGE_MANAGERS = ['npm', 'pnpm', 'yarn', 'yarn-pnp', 'yarn-classic', 'bun'];

/** Each command is `[command, args]`, run without a shell in the workspace; `bin` runs a local bin (nx, seamline). */
export function packageManager(pm) {
  const commands = packageManagerCommands(pm);
  return { ...commands, nx: (args) => commands.bin('nx', args) };
}

function packageManagerCommands(pm) {
  switch (pm) {
    case 'npm':
      return {
        init: ['npm', ['init', '-y']],
        addDev: (...specs) => ['npm', ['install', '--save-dev', '--no-audit', '--no-fund', ...specs]],
        bin: (name, args) => ['npx', ['--no', name, ...args]],
      };
    case 'pnpm':
      // pnpm 10+ refuses to finish an install whose dependencies have unapproved build
      // scripts (ERR_PNPM_IGNORED_BUILDS, nx's postinstall); a user approves nx's.
      return {
        init: ['pnpm', ['init']],
        addDev: (...specs) => ['pnpm', ['add', '--save-dev', '--allow-build=nx', ...specs]],
        bin: (name, args) => ['pnpm', ['exec', name, ...args]],
      };
    case 'yarn':
    case 'yarn-pnp':
    case 'yarn-classic':
      return { init: ['yarn', ['init', '-y']], addDev: (...specs) => ['yarn', ['add', '--dev', ...specs]], bin: (name, args) => ['yarn', [name, ...args]] };
    case 'bun':
      // bunx runs a local bin with the Node its shebang names, as Nx's docs for bun have it.
      return { init: ['bun', ['init', '-y']], addDev: (...specs) => ['bun', ['add', '--dev', ...specs]], bin: (name, args) => ['bunx', [name, ...args]] };
    default:
      throw new Error(`unknown package manager ${pm} (expected ${PACKAGE_MANAGERS.join(', ')})`);
  }
}

/**
 * What a workspace needs after `init` and before the first install: yarn's
 * node-modules linker, and for pnpm no download of another pnpm. (pnpm init pins
 * itself with devEngines.packageManager { onFail: download }; now and then pnpm then
 * resolves its own binaries for every platform (@pnpm/exe.<os>-<arch>), and a registry
 * that lacks one fails the command (ERR_PNPM_BAD_CONFIG_DEP). The pnpm on PATH is the
 * one to run.)
 */
export async function afterInit(pm, dir) {
  if (pm === 'yarn') await writeFile(join(dir, '.yarnrc.yml'), 'nodeLinker: node-modules\n');
  if (pm === 'pnpm') {
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    if (pkg.devEngines?.packageManager) pkg.devEngines.packageManager.onFail = 'ignore';
    await writeFile(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  }
}
