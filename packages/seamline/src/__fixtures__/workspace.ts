import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ExecutorContext } from '@nx/devkit';
import { seamsOfSubset } from '../core/config/workspace-model';
import { manifestHash, manifestTuple } from '../core/manifest/manifest';
import { parseManifest } from '../core/manifest/manifest-yaml';
import { loadWorkspace } from '../workspace/load-workspace';

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

/**
 * A run directory as a run leaves it: the manifest at `manifestFile` copied to
 * `.seamline/runs/<id>/manifest.yaml` and a results.json that passed every seam
 * of its subset (`results` overrides fields). Returns the run id.
 */
export async function fixtureRun(root: string, manifestFile: string, id: string, results: Record<string, unknown> = {}): Promise<string> {
  const text = await readFile(join(root, manifestFile), 'utf8');
  const manifest = parseManifest(text, manifestFile);
  const seams = seamsOfSubset(await loadWorkspace(root), manifest.subset);
  const dir = join(root, '.seamline', 'runs', id);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'manifest.yaml'), text);
  const passing = {
    run_id: id,
    kind: manifest.kind,
    manifest_sha256: manifestHash(manifest),
    subset: manifest.subset,
    tuple: manifestTuple(manifest),
    verdict: 'pass',
    reason: `${seams.length} seams passed`,
    seams: seams.map((seam) => ({ seam, verdict: 'pass', quarantined: false, duration_s: 1, attempts: 1, cached: false, log: `logs/${seam}.log` })),
    not_selected: 0,
    budget_s: 3600,
    seams_duration_s: seams.length,
    started: '2026-11-21T12:00:00Z',
    finished: '2026-11-21T12:12:22Z',
  };
  await writeFile(join(dir, 'results.json'), `${JSON.stringify({ ...passing, ...results }, null, 2)}\n`);
  return id;
}
