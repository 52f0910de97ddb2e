import { delimiter, join } from 'node:path';
import type { E2eWorkspace } from './e2e-workspace';

/**
 * Running a generated GitHub Actions workflow's `run:` steps locally, as a
 * runner would: the workflow's and the step's `env:` with their `${{ }}`
 * expressions expanded from `context`, `bash -e -c` in the workspace. The
 * scripts themselves must hold no expression (inputs reach them only through env).
 */

/** A workflow step as the YAML parser gives it. */
export type WorkflowStep = { name: string; run?: string; uses?: string; if?: string; env?: Record<string, unknown>; with?: Record<string, string> };

/** `${{ key }}` replaced from `context`; an unknown key is empty, as on GitHub. */
export const expandExpressions = (context: Record<string, string>) => (value: unknown) =>
  String(value).replace(/\$\{\{\s*([\w.]+)\s*\}\}/g, (_, key: string) => context[key] ?? '');

/** The steps a local run executes: a `run:` script, but not the toolchain's (corepack, bun, the install): the workspace is installed already. */
export const isLocalScriptStep = (step: WorkflowStep) =>
  !!step.run && step.name !== 'Install' && !step.name.startsWith('Enable corepack') && step.name !== 'Set up bun';

/** Run one `run:` step; `runnerEnv` stands for what the runner sets (GITHUB_EVENT_PATH, RUNNER_TEMP, GITHUB_OUTPUT...). */
export async function runScriptStep(
  ws: E2eWorkspace,
  workflowEnv: Record<string, unknown> | undefined,
  step: WorkflowStep,
  context: Record<string, string>,
  runnerEnv: Record<string, string>,
): Promise<{ exitCode: number; all: string }> {
  expect(step.run).not.toContain('${{');
  const expand = expandExpressions(context);
  const env = Object.fromEntries(Object.entries({ ...workflowEnv, ...step.env }).map(([k, v]) => [k, expand(v)]));
  const { execa } = await import('execa');
  const r = await execa('bash', ['-e', '-c', step.run ?? ''], {
    cwd: ws.root,
    // The workspace's PATH: its package manager first (yarn 1 for yarn-classic, bun for bun), as on the runner after setup.
    env: { ...ws.env, ...env, ...runnerEnv, PATH: `${join(ws.root, 'node_modules/.bin')}${delimiter}${ws.env.PATH ?? process.env.PATH}` },
    extendEnv: false,
    reject: false,
    all: true,
  });
  return { exitCode: r.exitCode ?? -1, all: r.all ?? '' };
}
