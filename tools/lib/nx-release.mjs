// Another Nx release for a bench (BENCH_NX=<version>), so its figures can be taken on the Nx
// users install today and not only on the one this repository pins. Installed once from the
// npm registry into a folder outside the repository (kept for the next run), then linked into
// the bench's workspaces in place of this repository's Nx (linkNodeModules' `nxDir`).
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';

const EXACT_RELEASE = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

/** The `node_modules/nx` folder of Nx `version`, installed first if this machine has none yet. */
export async function nxRelease(version, say = console.log) {
  if (!EXACT_RELEASE.test(version)) throw new Error(`BENCH_NX: "${version}" is not an exact Nx release; give one such as 24.0.7`);
  const dir = join(tmpdir(), 'seamline-bench-nx', version);
  const nxDir = join(dir, 'node_modules', 'nx');
  if (installedVersion(nxDir) === version) return nxDir;
  say(`Installing nx@${version} from the npm registry into ${dir} (once; later runs reuse it)...`);
  // Installed beside it and renamed into place, so a run stopped halfway leaves no folder that looks done.
  const staging = `${dir}.partial-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  await writeFile(join(staging, 'package.json'), JSON.stringify({ name: 'seamline-bench-nx', private: true }));
  try {
    await execa('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', `nx@${version}`], { cwd: staging });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    const line = error.stderr?.split('\n').find((l) => l.includes('ERR')) ?? error.shortMessage;
    throw new Error(`BENCH_NX: npm could not install nx@${version}: ${line}`, { cause: error });
  }
  await rm(dir, { recursive: true, force: true });
  await rename(staging, dir);
  return nxDir;
}

/** The Nx a bench runs on: BENCH_NX's release (its folder, to link in), or the repository's own. */
export async function benchNx(repoRoot, version = process.env.BENCH_NX) {
  const nxDir = version ? await nxRelease(version) : undefined;
  return { nxDir, nxVersion: installedVersion(nxDir ?? join(repoRoot, 'node_modules/nx')) };
}

function installedVersion(nxDir) {
  const manifest = join(nxDir, 'package.json');
  return existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')).version : undefined;
}
