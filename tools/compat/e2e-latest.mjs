#!/usr/bin/env node
// `npm run test:e2e:latest`: every e2e spec (e2e/src/*.spec.ts) against the newest
// Nx 24.x from the registry, on the newest Node line (26), in a pnpm integration workspace: the e2e
// workspace's SEAMLINE_E2E_NX and SEAMLINE_E2E_PM, with the matrix's toolchain
// (Node from the registry's `node` package, pnpm 12). Extra arguments go to jest
// (e.g. `npm run test:e2e:latest -- e2e/src/graph.spec.ts`). Exits with jest's code.
//
// SEAMLINE_E2E_NX / SEAMLINE_E2E_PM, when set, win over 24.x / pnpm.
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { userEnv } from '../lib/spawn.mjs';
import { exec } from './exec.mjs';
import { NEWEST_NODE } from './cells.mjs';
import { prepareToolchain, resolveNxVersions, toolchainPath } from './toolchain.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cache = join(tmpdir(), 'seamline-compat');
await mkdir(cache, { recursive: true });
const log = join(cache, 'e2e-latest.log');
const env = userEnv();

const build = await exec(join(repoRoot, 'node_modules/.bin/nx'), ['build', 'seamline', '--outputStyle=static'], {
  cwd: repoRoot,
  env,
  log,
  timeoutMs: 10 * 60_000,
});
if (build.code !== 0) {
  console.error(`test:e2e:latest: nx build seamline failed; see ${log}`);
  process.exit(1);
}
const tools = await prepareToolchain(join(cache, 'tools'), env, log, [NEWEST_NODE]);
const nx = process.env.SEAMLINE_E2E_NX || (await resolveNxVersions(env, log))[24];
const pm = process.env.SEAMLINE_E2E_PM || 'pnpm';
console.log(`test:e2e:latest: Nx ${nx}, Node ${NEWEST_NODE}, ${pm} (toolchain log: ${log})`);

const jest = spawn(
  join(tools.nodeBin[NEWEST_NODE], 'node'),
  [
    '--experimental-vm-modules',
    '--no-warnings=ExperimentalWarning',
    'node_modules/jest/bin/jest.js',
    '--config',
    'e2e/jest.config.cjs',
    // Two workers, as `npm test`'s e2e: the specs share only the toolchain, whose every part installs
    // into a folder of its own and is renamed into place, so two specs may prepare it at once.
    '--maxWorkers=2',
    ...process.argv.slice(2),
  ],
  {
    cwd: repoRoot,
    stdio: 'inherit',
    env: {
      ...process.env,
      SEAMLINE_E2E_NX: nx,
      SEAMLINE_E2E_PM: pm,
      PATH: toolchainPath(tools, NEWEST_NODE, process.env.PATH),
    },
  },
);
jest.on('close', (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
