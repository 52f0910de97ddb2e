#!/usr/bin/env node
// bench/materialize: 8 components at pinned SHAs.
//   baseline: `git clone <url>` + `git checkout <sha>` of each component, one after another
//   cold:     materializePins into an empty pin cache (depth-1 fetch by SHA + worktree)
//   warm:     materializePins again (everything already materialized)
// Every variant runs in this process, on the same machine, in the same minute;
// only ratios are reported as results. Needs a built plugin: npm run bench:materialize.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { randomBytes, randomInt } from 'node:crypto';
import { execa } from 'execa';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { materializePins } = createRequire(import.meta.url)(join(repoRoot, 'dist/packages/seamline/src/git/materialize.js'));

const COMPONENTS = 8;
const COMMITS = Number(process.env.BENCH_COMMITS ?? 300);
const FILES = 200;
const FILE_BYTES = 4096;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

/** A repository with real history: COMMITS commits, each rewriting 5 of FILES files of incompressible text. */
async function generateRepo(dir) {
  await execa('git', ['init', '-q', '-b', 'main', dir]);
  await execa('git', ['config', 'uploadpack.allowAnySHA1InWant', 'true'], { cwd: dir });
  const rand = () => randomInt(2 ** 31) / 2 ** 31;
  const text = () => randomBytes((FILE_BYTES * 3) / 4).toString('base64');
  const chunks = [];
  const blob = (content) => `data ${Buffer.byteLength(content)}\n${content}\n`;
  for (let c = 0; c < COMMITS; c++) {
    const message = `change ${c}`;
    chunks.push(`commit refs/heads/main\ncommitter Bench <bench@example.com> ${1700000000 + c} +0000\n${blob(message)}`);
    if (c === 0) for (let f = 0; f < FILES; f++) chunks.push(`M 100644 inline src/file${f}.txt\n${blob(text())}`);
    else for (let k = 0; k < 5; k++) chunks.push(`M 100644 inline src/file${Math.floor(rand() * FILES)}.txt\n${blob(text())}`);
  }
  await execa('git', ['fast-import', '--quiet'], { cwd: dir, input: chunks.join('') });
  await execa('git', ['reset', '-q', '--hard', 'main'], { cwd: dir });
  // Pin a commit a few behind the tip, as a known-good tuple usually is.
  return (await execa('git', ['rev-parse', 'main~3'], { cwd: dir })).stdout.trim();
}

const time = async (fn) => {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const du = async (dir) => Number((await execa('du', ['-sb', dir])).stdout.split('\t')[0]);

const tmp = await mkdtemp(join(tmpdir(), 'seamline-bench-'));
// Checkouts live outside the workspace (the user's cache folder by default): here, in the bench's own folder.
process.env.SEAMLINE_CHECKOUTS_DIR = join(tmp, 'checkouts-outside');
try {
  console.log(`Generating ${COMPONENTS} repositories (${COMMITS} commits, ${FILES} files of ${FILE_BYTES} bytes)...`);
  const pins = [];
  for (let i = 0; i < COMPONENTS; i++) {
    const dir = join(tmp, 'remotes', `c${i}.git`);
    pins.push({ component: `c${i}`, url: `file://${dir}`, sha: await generateRepo(dir) });
  }

  const results = { baseline: [], cold1: [], cold: [], warm: [] };
  let bytes = {};
  for (let round = 0; round < ROUNDS; round++) {
    const base = join(tmp, `clone-${round}`);
    await mkdir(base);
    results.baseline.push(
      await time(async () => {
        for (const pin of pins) {
          const dir = join(base, pin.component);
          await execa('git', ['clone', '-q', '--no-tags', pin.url, dir]);
          await execa('git', ['checkout', '-q', pin.sha], { cwd: dir });
        }
      }),
    );
    const ws1 = join(tmp, `ws1-${round}`);
    results.cold1.push(await time(() => materializePins(ws1, pins, { concurrency: 1 })));
    const ws = join(tmp, `ws-${round}`);
    results.cold.push(await time(() => materializePins(ws, pins)));
    results.warm.push(await time(() => materializePins(ws, pins)));
    if (round === 0) bytes = { clone: await du(base), cache: await du(join(ws, '.seamline')) };
    await rm(base, { recursive: true, force: true });
    await rm(ws1, { recursive: true, force: true });
    await rm(ws, { recursive: true, force: true });
  }

  const m = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, median(v)]));
  console.log(
    `\nmedian of ${ROUNDS} rounds (ms): clone+checkout ${m.baseline.toFixed(0)}, cold sequential ${m.cold1.toFixed(0)}, cold (concurrency 4) ${m.cold.toFixed(0)}, warm ${m.warm.toFixed(1)}`,
  );
  console.log(`cold pin cache vs clone+checkout, sequential:      ${(m.baseline / m.cold1).toFixed(2)}x faster`);
  console.log(`cold pin cache vs clone+checkout, as shipped (4x): ${(m.baseline / m.cold).toFixed(2)}x faster`);
  console.log(`warm rematerialization vs cold:                   ${(m.cold / m.warm).toFixed(0)}x faster`);
  console.log(
    `disk: clones ${(bytes.clone / 1e6).toFixed(1)} MB, pin caches + checkouts ${(bytes.cache / 1e6).toFixed(1)} MB (${(bytes.clone / bytes.cache).toFixed(2)}x less)`,
  );
} finally {
  await rm(tmp, { recursive: true, force: true });
}
