#!/usr/bin/env node
// bench/checkouts: disk per prepared pin. One package with a few real dependencies
// (execa, yaml, zod, semver, @octokit/rest, typescript), at PINS commits, each pin
// materialized and prepared by the built plugin, as a run does:
//   npm:  prepare [npm, ci]        -> every checkout holds its own node_modules
//   pnpm: prepare [pnpm, install]  -> checkouts hard-link from one store, .seamline/pnpm-store
// Both variants run here, in the same minute; sizes are disk blocks (each inode once, as du).
// Needs a built plugin and the registry: npm run bench:checkouts.
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { execa } from 'execa';
import { preparePackageManagers } from '../../tools/compat/toolchain.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const load = (file) => createRequire(import.meta.url)(join(repoRoot, 'dist/packages/seamline/src', file));
const { materializePins } = load('git/materialize.js');
const { preparePin } = load('prepare/prepare-pin.js');
const { diskUsage } = load('fs/disk-usage.js');
const { collectGarbage } = load('run/collect-garbage.js');

const PINS = Number(process.env.BENCH_PINS ?? 3);
const DEPS = { execa: '9.6.1', yaml: '2.9.1', zod: '4.6.7', semver: '7.7.3', '@octokit/rest': '22.0.1', typescript: '5.9.3' };
const MB = (bytes) => (bytes / 1024 ** 2).toFixed(1);

const tmp = await mkdtemp(join(tmpdir(), 'seamline-bench-disk-'));
// Checkouts live outside the workspace (the user's cache folder by default): here, in the bench's own folder.
process.env.SEAMLINE_CHECKOUTS_DIR = join(tmp, 'checkouts-outside');
try {
  const env = { ...process.env };
  env.PATH = `${await preparePackageManagers(join(tmpdir(), 'seamline-compat/tools'), env, join(tmp, 'toolchain.log'))}${delimiter}${env.PATH}`;
  process.env.PATH = env.PATH;
  const repo = join(tmp, 'remotes', 'service.git');
  await mkdir(join(repo, 'src'), { recursive: true });
  const git = (...args) =>
    execa('git', args, { cwd: repo, env: { ...env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@x', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@x' } });
  await git('init', '-q', '-b', 'main');
  await git('config', 'uploadpack.allowAnySHA1InWant', 'true');
  await writeFile(join(repo, 'package.json'), JSON.stringify({ name: '@acme/service', version: '1.0.0', main: 'src/index.js', dependencies: DEPS }, null, 2));
  await writeFile(join(repo, '.gitignore'), 'node_modules\n');
  await execa('npm', ['install', '--package-lock-only', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: repo, env });
  await execa('pnpm', ['install', '--lockfile-only', '--ignore-scripts'], { cwd: repo, env });
  const shas = [];
  for (let i = 0; i < PINS; i++) {
    await writeFile(join(repo, 'src/index.js'), `module.exports = ${i};\n`);
    await git('add', '-A');
    await git('commit', '-q', '-m', `change ${i}`);
    shas.push((await git('rev-parse', 'HEAD')).stdout.trim());
  }

  const results = {};
  for (const [variant, command] of [
    ['npm', ['npm', 'ci', '--no-audit', '--no-fund', '--ignore-scripts']],
    ['pnpm', ['pnpm', 'install', '--ignore-scripts']],
  ]) {
    const root = join(tmp, variant);
    await mkdir(root, { recursive: true });
    const pins = shas.map((sha) => ({ component: 'service', url: `file://${repo}`, sha }));
    const materialized = await materializePins(root, pins, { concurrency: 1 });
    const perPin = [];
    for (const pin of materialized) {
      await preparePin(root, { component: pin.component, sha: pin.sha, dir: pin.dir, commands: [command] });
      perPin.push(await diskUsage(pin.dir));
    }
    // The checkouts and the store live outside the workspace, behind links: their folder counts too.
    const inside = await diskUsage(join(root, '.seamline'));
    const outside = await diskUsage(dirname(await realpath(join(root, '.seamline/checkouts'))));
    const all = { own: inside.own + outside.own, shared: inside.shared + outside.shared };
    const store = await diskUsage(join(root, '.seamline/pnpm-store'));
    const gc = await collectGarbage({ root, maxBytes: Number.MAX_SAFE_INTEGER, dryRun: true });
    results[variant] = { perPin, total: all.own + all.shared, store: store.own + store.shared, gcTotal: gc.totalBytes };
    console.log(
      `${variant.padEnd(4)}: per pin ${perPin.map((u) => `${MB(u.own)} MB own + ${MB(u.shared)} MB hard-linked`).join(', ')}; ` +
        `store ${MB(results[variant].store)} MB; .seamline for ${PINS} pins ${MB(results[variant].total)} MB (gc counts ${MB(gc.totalBytes)} MB)`,
    );
  }
  const { npm, pnpm } = results;
  console.log(`first pin: npm ${MB(npm.perPin[0].own)} MB, pnpm ${MB(pnpm.perPin[0].own + pnpm.store)} MB (checkout + store)`);
  console.log(
    `each further pin: npm ${MB(npm.perPin[1].own)} MB, pnpm ${MB(pnpm.perPin[1].own)} MB (${(npm.perPin[1].own / pnpm.perPin[1].own).toFixed(1)}x less)`,
  );
  console.log(`${PINS} pins on disk: npm ${MB(npm.total)} MB, pnpm ${MB(pnpm.total)} MB (ratio ${(npm.total / pnpm.total).toFixed(2)}x)`);
} finally {
  await rm(tmp, { recursive: true, force: true });
}
