import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ExecutorContext } from '@nx/devkit';

/** A small integration workspace on disk: three components, two seams. */
export const FIXTURE_FILES: Record<string, string> = {
  'integration/seamline.yaml': `subsets:
  pr_fast:
    seams: [users-auth-contract]
    budget: 10m
  full:
    seams: all
    budget: 1h
`,
  'components/auth/component.yaml': 'repo: https://github.com/acme/auth.git\nprovides: { npm: "@acme/auth" }\n',
  'components/users/component.yaml': 'repo: https://github.com/acme/users.git\ndependsOn: [auth]\nprovides: { npm: "@acme/users" }\n',
  'components/billing/component.yaml': 'repo: https://github.com/acme/billing.git\nbranch: trunk\ndependsOn: [users]\n',
  'seams/users-auth-contract/seam.yaml': 'components: [users, auth]\nsubsets: [pr_fast]\nring: 1\ncatches: users reads a token field auth renamed\n',
  'seams/billing-users-ledger/seam.yaml': 'components: [billing, users]\nring: 2\ncatches: billing posts an invoice for a user id users no longer issues\n',
};

export async function fixtureWorkspace(files: Record<string, string> = FIXTURE_FILES): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'seamline-ws-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return root;
}

export function executorContext(root: string, isVerbose = false): ExecutorContext {
  return {
    root,
    cwd: root,
    isVerbose,
    projectName: 'integration',
    projectsConfigurations: { version: 2, projects: {} },
    nxJsonConfiguration: {},
    projectGraph: { nodes: {}, dependencies: {} },
  } as ExecutorContext;
}
