// The layers of packages/seamline/src are lint rules (eslint.config.mjs); these tests
// check that a deliberately wrong import fails lint, with the message that says why.
// Run: node --test tools/lint-rules.test.mjs (the `tools:test` target).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const root = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: root });
const SRC = 'packages/seamline/src';

/** The lint messages of `code` as if it were the file at `filePath`, as `rule: message` lines. */
async function lint(filePath, code) {
  const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('src/core is pure', () => {
  it('refuses node:fs in src/core/sha.ts', async () => {
    const messages = await lint(`${SRC}/core/sha.ts`, "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n");
    assert.deepEqual(messages, [
      "no-restricted-imports: 'node:fs' import is restricted from being used by a pattern. src/core is the functional core: no file system, processes, network, Nx or GitHub. Do the I/O in an adapter (git/, github/, store/, fs/, process/...) or in run/, and pass the data into core as arguments.",
    ]);
  });

  it('refuses I/O packages, also as types and as a lazy await import()', async () => {
    const code = [
      "import type { Tree } from '@nx/devkit';",
      "import { Octokit } from '@octokit/rest';",
      "import lockfile from 'proper-lockfile';",
      "import { spawn } from 'child_process';",
      'export const use = [Octokit, lockfile, spawn];',
      'export type T = Tree;',
      "export const run = async () => (await import('execa')).execa;",
    ].join('\n');
    const messages = await lint(`${SRC}/core/tuple.ts`, code);
    assert.equal(messages.length, 5, messages.join('\n'));
    assert.ok(messages.every((m) => m.includes('src/core is the functional core')));
    assert.match(messages[4], /^no-restricted-syntax: /);
  });

  it('refuses an adapter or the shell: src/core imports only core', async () => {
    const messages = await lint(`${SRC}/core/tuple.ts`, "export { gitAuthEnv } from '../git/auth-env';\n");
    assert.equal(messages.length, 1);
    assert.match(
      messages[0],
      /^import-x\/no-restricted-paths: Unexpected path "\.\.\/git\/auth-env" imported in restricted zone\. src\/core is the functional core/,
    );
  });

  it('allows zod, yaml, node:crypto, node:path and core itself', async () => {
    const code = [
      "import { createHash } from 'node:crypto';",
      "import { posix } from 'node:path';",
      "import { z } from 'zod';",
      "import { parse } from 'yaml';",
      "import { SeamlineError } from './errors';",
      'export const all = [createHash, posix, z, parse, SeamlineError];',
    ].join('\n');
    assert.deepEqual(await lint(`${SRC}/core/tuple.ts`, code), []);
  });
});

describe('executors are entry points', () => {
  it('refuses an executor imported from src/plugin', async () => {
    const messages = await lint(`${SRC}/plugin/create-nodes.ts`, "export { default as full } from '../executors/full/executor';\n");
    assert.deepEqual(messages, [
      'import-x/no-restricted-paths: Unexpected path "../executors/full/executor" imported in restricted zone. src/executors/full/ is one executor (an Nx entry point that only wires core, the adapters and run/): only its own files import it. Move what you need into core/ (pure) or an adapter, and import it from there.',
    ]);
  });

  it('refuses one executor importing another, and run-executor from outside src/executors', async () => {
    const fromSibling = await lint(`${SRC}/executors/bisect/executor.ts`, "export { default as full } from '../full/executor';\n");
    assert.match(fromSibling.join('\n'), /src\/executors\/full\/ is one executor/);
    const fromRun = await lint(`${SRC}/run/run-suite.ts`, "export type { ExecutorResult } from '../executors/run-executor';\n");
    assert.match(fromRun.join('\n'), /src\/executors\/run-executor\.ts is the shell shared by the executors/);
  });

  it('allows an executor its own files and the shared run-executor', async () => {
    const code = "export { runExecutor } from '../run-executor';\nexport type { FullExecutorSchema } from './schema';\n";
    assert.deepEqual(await lint(`${SRC}/executors/full/executor.ts`, code), []);
  });
});

describe('run/ and the adapters do not import their callers', () => {
  it('refuses src/plugin from src/run', async () => {
    const messages = await lint(`${SRC}/run/run-suite.ts`, "export { createNodes } from '../plugin/create-nodes';\n");
    assert.match(messages.join('\n'), /src\/run orchestrates a run from core and the adapters/);
  });

  it('refuses src/run from an adapter', async () => {
    const messages = await lint(`${SRC}/git/materialize.ts`, "export { runSuite } from '../run/run-suite';\n");
    assert.match(messages.join('\n'), /are adapters: one kind of I\/O each/);
  });

  it('refuses src/workspace from an adapter, but for workspace/layout.ts, the paths under .seamline/', async () => {
    const messages = await lint(`${SRC}/git/materialize.ts`, "export { openStore } from '../workspace/open-store';\n");
    assert.match(messages.join('\n'), /are adapters: one kind of I\/O each/);
    assert.deepEqual(await lint(`${SRC}/git/materialize.ts`, "export { pinCacheDir } from '../workspace/layout';\n"), []);
  });
});
