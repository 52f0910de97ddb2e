import { join } from 'node:path';
import { type ComponentConfig, componentConfigSchema } from '../../core/config/component-config';
import { type Manifest, manifestHash } from '../../core/manifest/manifest';
import type { RenderContext } from '../renderer';

export const sha = (c: string) => c.repeat(40);

/** auth under test in a PR; users and billing from known good. */
export const MANIFEST: Manifest = {
  kind: 'pr',
  pr: 17,
  component_under_test: { name: 'auth', repo: 'https://github.com/acme/auth.git', sha: sha('a'), pr: 17 },
  others: [
    { name: 'billing-api', repo: 'https://github.com/acme/billing-api.git', sha: sha('c'), from: 'known-good' },
    { name: 'users', repo: 'https://github.com/acme/users.git', sha: sha('b'), from: 'known-good' },
  ],
  subset: 'pr_fast',
  timestamp: '2026-11-21T12:14:03Z',
};

const config = (data: unknown): ComponentConfig => componentConfigSchema.parse(data);

export const COMPONENTS: Record<string, ComponentConfig> = {
  auth: config({ repo: 'https://github.com/acme/auth.git', provides: { npm: '@acme/auth', bazel: 'acme_auth', image: 'ghcr.io/acme/auth' } }),
  users: config({ repo: 'https://github.com/acme/users.git', dependsOn: ['auth'], provides: { npm: '@acme/users', image: 'ghcr.io/acme/users' } }),
  'billing-api': config({ repo: 'https://github.com/acme/billing-api.git', provides: { bazel: 'acme_billing' } }),
};

/** A context over a workspace at `root` (nothing has to exist there for the pure renderers). */
export function renderContext(root = '/ws', overrides: Partial<RenderContext> = {}): RenderContext {
  const checkout = (name: string, pinned: string) => join(root, '.seamline', 'checkouts', `${name}@${pinned}`);
  return {
    manifest: MANIFEST,
    manifestHash: manifestHash(MANIFEST),
    components: COMPONENTS,
    checkouts: { auth: checkout('auth', sha('a')), users: checkout('users', sha('b')), 'billing-api': checkout('billing-api', sha('c')) },
    overridesDir: join(root, '.seamline', 'runs', 'r1', 'overrides'),
    root,
    ...overrides,
  };
}

/** The files the npm renderer writes, sorted: its hooks, the package map and the scope. */
export const NPM_FILES = ['npm/import-hook.mjs', 'npm/packages.json', 'npm/pinned-packages.cjs', 'npm/register.mjs', 'npm/require-hook.cjs', 'npm/scope.json'];
