import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runManifestFile } from './layout';
import { manifestPath } from './run-artifacts';

describe('the manifest a user names on the command line (--bad, --good, --manifest)', () => {
  let root: string;
  const id = 'full-20261201T112152-b7fb7ceb';
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'seamline-run-artifacts-'));
    await mkdir(join(root, '.seamline/runs', id), { recursive: true });
    await writeFile(runManifestFile(root, id), 'kind: full\n');
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('is found from the run id, the run folder a run’s last line names (relative or absolute, with or without a slash), or the file itself', () => {
    const file = runManifestFile(root, id);
    expect(manifestPath(root, id)).toBe(file);
    expect(manifestPath(root, `.seamline/runs/${id}`)).toBe(file);
    expect(manifestPath(root, `.seamline/runs/${id}/`)).toBe(file);
    expect(manifestPath(root, join(root, '.seamline/runs', id))).toBe(file);
    expect(manifestPath(root, `.seamline/runs/${id}/manifest.yaml`)).toBe(file);
  });

  it('leaves any other path as given, for the loader to name what is wrong with it', () => {
    expect(manifestPath(root, 'manifests/none.yaml')).toBe(join(root, 'manifests/none.yaml'));
    expect(manifestPath(root, '.seamline/runs')).toBe(join(root, '.seamline/runs'));
    expect(manifestPath(root, 'no-such-run')).toBe(join(root, 'no-such-run'));
  });
});
