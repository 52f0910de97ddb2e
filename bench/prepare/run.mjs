#!/usr/bin/env node
// bench/prepare: a cold run's prepares, one after another against side by side.
// Four components, each a checkout with a package.json and a package-lock.json of real
// packages from the npm registry (lockfiles written once, at the start); each is
// prepared with what `prepare: auto` runs for it (`npm ci`). Per round, in alternating
// order, preparePins with concurrency 1 and as shipped (the cores, 2 to 4), each in
// fresh checkouts with nothing prepared:
//   cached: npm's cache already holds every package (a runner that restores ~/.npm)
//   empty:  an empty npm cache each time (every package from the registry)
// Only ratios of medians measured in this run are results. Needs a built plugin and
// the npm registry: npm run bench:prepare. BENCH_ROUNDS (default 3), BENCH_PARTS
// (default cached,empty), BENCH_CONCURRENCY (side by side; default as shipped).
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { execa } from 'execa';
import { onceMoreIfRegistryFailed } from '../../tools/lib/registry-retry.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const load = createRequire(import.meta.url);
const { preparePins, defaultPrepareConcurrency } = load(join(repoRoot, 'dist/packages/seamline/src/prepare/prepare-pins.js'));
const { autoPrepare } = load(join(repoRoot, 'dist/packages/seamline/src/core/prepare/auto-prepare.js'));
const { registryFailureLine } = load(join(repoRoot, 'dist/packages/seamline/src/core/prepare/registry-failure.js'));

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PARTS = (process.env.BENCH_PARTS ?? 'cached,empty').split(',').filter(Boolean);
/** What each component depends on: a web server, a compiler, a linter, a test tool's worth of packages. */
const COMPONENTS = {
  api: { express: '4.21.2' },
  schema: { typescript: '5.9.3', zod: '3.25.76' },
  web: { eslint: '8.57.1' },
  tools: { yargs: '17.7.2', chalk: '4.1.2', semver: '7.7.3', debug: '4.4.3' },
};

const time = async (fn) => {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const tmp = await mkdtemp(join(tmpdir(), 'seamline-bench-prepare-'));
// Checkouts live outside the workspace (the user's cache folder by default): here, in the bench's own folder.
process.env.SEAMLINE_CHECKOUTS_DIR = join(tmp, 'checkouts-outside');
try {
  const sources = join(tmp, 'sources');
  const cachedNpm = join(tmp, 'npm-cache');
  console.log(`Writing the lockfiles of ${Object.keys(COMPONENTS).length} components (npm registry)...`);
  for (const [name, dependencies] of Object.entries(COMPONENTS)) {
    const dir = join(sources, name);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'package.json'), `${JSON.stringify({ name, version: '1.0.0', private: true, dependencies }, null, 2)}\n`);
    const lock = () =>
      execa('npm', ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: dir, env: { npm_config_cache: cachedNpm } });
    await onceMoreIfRegistryFailed(lock, { registryFailureLine, what: `${name}: writing the lockfile` });
  }
  // The commands auto chooses for each, as a run would (read from the files just written).
  const commandsOf = {};
  for (const name of Object.keys(COMPONENTS)) {
    const dir = join(sources, name);
    const plan = autoPrepare({
      packageJson: await readFile(join(dir, 'package.json'), 'utf8'),
      lockfiles: { 'package-lock.json': await readFile(join(dir, 'package-lock.json'), 'utf8') },
    });
    commandsOf[name] = plan.commands;
  }
  console.log(`prepare commands: ${[...new Set(Object.values(commandsOf).map((c) => c.map((a) => a.join(' ')).join(' && ')))].join('; ')}`);

  let run = 0;
  /** preparePins over fresh copies of the checkouts, nothing prepared yet. */
  const prepareAll = async (concurrency, npmCache) => {
    const root = join(tmp, `ws-${run++}`);
    const requests = [];
    for (const name of Object.keys(COMPONENTS)) {
      const dir = join(root, 'checkouts', name);
      await cp(join(sources, name), dir, { recursive: true });
      requests.push({ component: name, sha: 'a'.repeat(40), dir, commands: commandsOf[name] });
    }
    await mkdir(join(root, 'logs'));
    const saved = process.env.npm_config_cache;
    process.env.npm_config_cache = npmCache;
    try {
      const ms = await time(async () => {
        const failure = await preparePins(root, requests, { concurrency, toolsLog: join(root, 'logs', 'npx.log') });
        // The log goes with the workspace below: its last lines are what says why.
        if (failure) throw new Error(`bench/prepare: ${failure.message}\n${(await readFile(failure.log, 'utf8')).trimEnd().split('\n').slice(-15).join('\n')}`);
      });
      return ms;
    } finally {
      if (saved === undefined) delete process.env.npm_config_cache;
      else process.env.npm_config_cache = saved;
      await rm(root, { recursive: true, force: true });
    }
  };

  // Fill the cache once, so that "cached" starts warm.
  await prepareAll(1, cachedNpm);
  const shipped = Number(process.env.BENCH_CONCURRENCY ?? defaultPrepareConcurrency());
  for (const part of PARTS) {
    const seq = [];
    const side = [];
    for (let round = 0; round < ROUNDS; round++) {
      const cacheFor = async () => (part === 'cached' ? cachedNpm : await mkdtemp(join(tmp, 'empty-cache-')));
      // Alternate which goes first, so neither always meets a warmer disk.
      const order = round % 2 ? ['side', 'seq'] : ['seq', 'side'];
      for (const which of order) {
        const cache = await cacheFor();
        const ms = await prepareAll(which === 'seq' ? 1 : shipped, cache);
        (which === 'seq' ? seq : side).push(ms);
        if (part !== 'cached') await rm(cache, { recursive: true, force: true });
      }
    }
    const [a, b] = [median(seq), median(side)];
    console.log(
      `${part} npm cache, median of ${ROUNDS} rounds (ms): one after another ${a.toFixed(0)}, side by side (${shipped} at once) ${b.toFixed(0)}: ${(a / b).toFixed(2)}x faster`,
    );
  }
} finally {
  await rm(tmp, { recursive: true, force: true });
}
