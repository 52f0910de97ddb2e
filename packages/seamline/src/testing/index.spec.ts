import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serializeManifest } from '../core/manifest/manifest-yaml';
import { MANIFEST, renderContext, sha } from '../render/__fixtures__/context';
import { renderEnv } from '../render/env';
import { component, manifest, manifestHash } from './index';

const HINT = 'run this seam through nx run integration:pr-fast (or full, reproduce)';

describe('@seamline/nx/testing', () => {
  let root: string;
  let runEnv: Record<string, string>;
  const saved = { ...process.env };
  beforeEach(async () => {
    for (const key of Object.keys(process.env)) if (key.startsWith('SEAMLINE_')) delete process.env[key];
    root = await mkdtemp(join(tmpdir(), 'seamline-testing-'));
    const context = renderContext(root);
    const rendered = renderEnv(context);
    await mkdir(context.overridesDir, { recursive: true });
    await writeFile(join(context.overridesDir, 'seamline.env'), rendered.files['seamline.env']);
    await writeFile(join(context.overridesDir, '..', 'manifest.yaml'), serializeManifest(MANIFEST));
    runEnv = rendered.env;
  });
  afterEach(async () => {
    process.env = { ...saved };
    await rm(root, { recursive: true, force: true });
  });

  const expectRun = () => {
    expect(component('billing-api')).toEqual({
      name: 'billing-api',
      dir: join(root, '.seamline', 'checkouts', `billing-api@${sha('c')}`),
      sha: sha('c'),
      repo: 'https://github.com/acme/billing-api.git',
    });
    expect(component('auth').sha).toBe(sha('a'));
    expect(manifest()).toEqual(MANIFEST);
    expect(manifestHash()).toBe(renderContext(root).manifestHash);
  };

  it('reads the pins and the manifest from the variables of the run', () => {
    Object.assign(process.env, runEnv);
    expectRun();
  });

  it('reads them from the env file when only SEAMLINE_ENV_FILE reached the process', () => {
    process.env.SEAMLINE_ENV_FILE = runEnv.SEAMLINE_ENV_FILE;
    expectRun();
  });

  it('says to run the seam through a suite when the process is not part of a run', () => {
    expect(() => component('auth')).toThrow(`SEAMLINE_DIR_AUTH is not set: this process is not part of a Seamline run; ${HINT}`);
    expect(() => manifest()).toThrow(`SEAMLINE_MANIFEST is not set: this process is not part of a Seamline run; ${HINT}`);
    expect(() => manifestHash()).toThrow(`SEAMLINE_MANIFEST_HASH is not set: this process is not part of a Seamline run; ${HINT}`);
  });

  it('names the components of the run when the one asked for is not pinned', () => {
    Object.assign(process.env, runEnv);
    expect(() => component('payments')).toThrow(
      `SEAMLINE_DIR_PAYMENTS is not set: component "payments" is not pinned in this run (pinned: auth, billing-api, users); ${HINT} with a manifest that pins it`,
    );
    process.env = { ...saved, SEAMLINE_ENV_FILE: runEnv.SEAMLINE_ENV_FILE };
    for (const key of Object.keys(process.env)) if (key.startsWith('SEAMLINE_') && key !== 'SEAMLINE_ENV_FILE') delete process.env[key];
    expect(() => component('payments')).toThrow(
      `SEAMLINE_DIR_PAYMENTS is not set: component "payments" is not pinned in this run; ${HINT} with a manifest that pins it`,
    );
  });

  it('says when the env file it was pointed at is gone', () => {
    process.env.SEAMLINE_ENV_FILE = join(root, 'gone.env');
    expect(() => component('auth')).toThrow(`SEAMLINE_ENV_FILE=${join(root, 'gone.env')}: cannot read it (ENOENT); ${HINT}`);
  });
});
