// Workspaces people already have, as cells of the matrix beside the fresh
// `npm init` / `pnpm init` / `yarn init` ones: a cell `<nx>/<node>/<shape>` makes the
// workspace below, then `nx add @seamline/nx` and the smoke story run in it as in
// every other cell (story.mjs).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exec } from './exec.mjs';

const MINUTE = 60_000;
const json = (value) => `${JSON.stringify(value, null, 2)}\n`;
/** A library package of the monorepo, so the workspace globs match something. */
const library = {
  'packages/lib-a/package.json': json({ name: '@acme/lib-a', version: '1.0.0', main: 'index.js' }),
  'packages/lib-a/index.js': 'module.exports = {};\n',
};

async function writeAll(dir, files) {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
}

/**
 * The create-nx-workspace release for `nxVersion`, or the registry's latest where that
 * release has none (create-nx-workspace and @nx/js lag behind nx: none is published for 24.x).
 */
async function createNxWorkspaceVersion(nxVersion, { env, log }) {
  const r = await exec('npm', ['view', `create-nx-workspace@${nxVersion}`, 'version'], { cwd: process.cwd(), env, log, timeoutMs: MINUTE });
  if (r.code === 0 && r.stdout.trim()) return nxVersion;
  const latest = await exec('npm', ['view', 'create-nx-workspace', 'version'], { cwd: process.cwd(), env, log, timeoutMs: MINUTE });
  return latest.stdout.trim();
}

/** Each shape: the package manager it uses, the folder it works in, and how it is made. */
export const WORKSPACE_SHAPES = {
  // `npx create-nx-workspace acme --preset=apps`: npm, nx.json, the @nx/js and @nx/workspace plugins, a git repository.
  'create-nx': {
    pm: 'npm',
    dir: 'acme',
    makesItsFolder: true,
    async create({ step, cellDir, nxVersion, env, log }) {
      const version = await createNxWorkspaceVersion(nxVersion, { env, log });
      // No AI agent files: 23.x and later take `--aiAgents=none`; 22.7 refuses that value (its choices
      // are agents only) and configures none unless asked, so the flag is passed only where it exists.
      const help = await exec('npx', ['-y', `create-nx-workspace@${version}`, '--help'], { cwd: cellDir, env, log, timeoutMs: 3 * MINUTE });
      const noAgents = /--aiAgents\b.*"none"/.test(help.stdout) ? ['--aiAgents=none'] : [];
      await step(
        `create-nx-workspace@${version} --preset=apps`,
        [
          'npx',
          [
            '-y',
            `create-nx-workspace@${version}`,
            'acme',
            '--preset=apps',
            '--nxCloud=skip',
            '--packageManager=npm',
            '--no-interactive',
            ...noAgents,
            '--analytics=false',
            '--skipGitHubPush',
          ],
        ],
        { cwd: cellDir, timeoutMs: 8 * MINUTE },
      );
      return version;
    },
  },
  // A pnpm workspace: pnpm-workspace.yaml with packages/*, nx at the root (-w).
  'pnpm-workspace': {
    pm: 'pnpm',
    dir: 'integration',
    async create({ step, ws, nxVersion }) {
      await writeAll(ws, {
        'package.json': json({ name: 'acme', version: '0.0.0', private: true }),
        'pnpm-workspace.yaml': 'packages:\n  - packages/*\n',
        ...library,
      });
      await step(`install nx@${nxVersion}`, ['pnpm', ['add', '--save-dev', '--workspace-root', '--allow-build=nx', `nx@${nxVersion}`]], {
        timeoutMs: 8 * MINUTE,
      });
      return nxVersion;
    },
  },
  // A yarn Berry workspace: workspaces: [packages/*], nodeLinker: node-modules, nx at the root.
  'yarn-workspace': {
    pm: 'yarn',
    dir: 'integration',
    async create({ step, ws, nxVersion }) {
      await writeAll(ws, {
        'package.json': json({ name: 'acme', version: '0.0.0', private: true, workspaces: ['packages/*'] }),
        '.yarnrc.yml': 'nodeLinker: node-modules\n',
        'yarn.lock': '',
        ...library,
      });
      await step(`install nx@${nxVersion}`, ['yarn', ['add', '--dev', `nx@${nxVersion}`]], { timeoutMs: 8 * MINUTE });
      return nxVersion;
    },
  },
};
