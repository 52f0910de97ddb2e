// The workspace bench/orchestration and bench/rerun measure: three components
// (auth; users and billing depend on it), each a one-commit git repository under
// <tmp>/remotes, and `seams` seams that each touch auth and one other component,
// with pr_fast listing them all. Node modules are linked from this repository.
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { git, linkNodeModules } from '../../tools/lib/linked-workspace.mjs';

export const COMPONENTS = ['auth', 'users', 'billing'];

/** Build it; `seamScript` is the `node -e` body of every seam. Returns the workspace and each component's commit. */
export async function makeSeamWorkspace(tmp, repoRoot, { seams, seamScript }) {
  const ws = join(tmp, 'workspace');
  const files = {
    'nx.json': JSON.stringify({ plugins: ['@seamline/nx'] }),
    'package.json': JSON.stringify({ name: 'bench', private: true }),
    // What `nx add @seamline/nx` writes: without them the Nx daemon's watcher sees every file a
    // run writes under .seamline/ and rebuilds the project graph before the next command.
    '.gitignore': 'node_modules/\n.nx/\n.seamline/\nintegration/*.lock\ndist/\n',
    '.nxignore': '.seamline/\n',
    'integration/seamline.yaml': `subsets:\n  pr_fast: { seams: [${Array.from({ length: seams }, (_, i) => `s${i}`).join(', ')}], budget: 10m }\n  full: { seams: all, budget: 1h }\n`,
  };
  const shas = {};
  for (const name of COMPONENTS) {
    const repo = join(tmp, 'remotes', `${name}.git`);
    await mkdir(repo, { recursive: true });
    await git(repo, ['init', '-q', '-b', 'main']);
    await git(repo, ['config', 'uploadpack.allowAnySHA1InWant', 'true']);
    await writeFile(join(repo, 'package.json'), JSON.stringify({ name: `@acme/${name}` }));
    await git(repo, ['add', '-A']);
    await git(repo, ['commit', '-qm', 'first']);
    shas[name] = (await git(repo, ['rev-parse', 'HEAD'])).stdout.trim();
    files[`components/${name}/component.yaml`] = `repo: file://${repo}\n${name === 'auth' ? '' : 'dependsOn: [auth]\n'}`;
  }
  for (let i = 0; i < seams; i++) {
    files[`seams/s${i}/seam.yaml`] = `components: [${COMPONENTS[i % 3]}, auth]\ncatches: contract ${i}\ncommand: [node, -e, "${seamScript}"]\n`;
  }
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(ws, path)), { recursive: true });
    await writeFile(join(ws, path), text);
  }
  await linkNodeModules(ws, repoRoot);
  // A git repository with a remote and a first commit, as a user's integration workspace is (the
  // known-good store lives in git). Nx names a workspace by its remote, read from .git/config;
  // outside git every Nx process (the CLI, each plugin worker, the executor's) runs git three
  // times to try, which no user pays. A remote of its own: Nx 23 shares its cache among the
  // checkouts of one remote, in ~/.nx/<key>, which each bench removes with the workspace
  // (tools/lib/nx-shared-data.mjs).
  await git(ws, ['init', '-q', '-b', 'main']);
  await git(ws, ['remote', 'add', 'origin', `https://github.com/seamline-bench/integration-${randomBytes(6).toString('hex')}.git`]);
  await git(ws, ['add', '-A']);
  await git(ws, ['commit', '-qm', 'integration workspace']);
  return { ws, shas };
}
