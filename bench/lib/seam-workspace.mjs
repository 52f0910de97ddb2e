// The workspace bench/orchestration and bench/rerun measure: three components
// (auth; users and billing depend on it), each a one-commit git repository under
// <tmp>/remotes, and `seams` seams that each touch auth and one other component,
// with pr_fast listing them all. Node modules are linked from this repository.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { commitAsUserWorkspace, git, linkNodeModules } from '../../tools/lib/linked-workspace.mjs';

export const COMPONENTS = ['auth', 'users', 'billing'];

/**
 * Build it; `seamScript` is the `node -e` body of every seam; `nxDir`, another Nx release to link
 * in (tools/lib/nx-release.mjs). Returns the workspace and each component's commit.
 */
export async function makeSeamWorkspace(tmp, repoRoot, { seams, seamScript, nxDir }) {
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
  await linkNodeModules(ws, repoRoot, { nxDir });
  // The known-good store lives in git: a user's integration workspace is a repository.
  await commitAsUserWorkspace(ws, 'integration');
  return { ws, shas };
}
