import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { logger } from '../../terminal/logger';
import { executorContext, fixtureWorkspace } from '../../__fixtures__/workspace';
import { buildFullManifest } from '../../core/manifest/build-manifest';
import { serializeManifest } from '../../core/manifest/manifest-yaml';
import bisect from './executor';

/** What bisect refuses before it runs a single probe; the probes themselves are in e2e/src/bisect.spec.ts. */
describe('bisect executor', () => {
  let root: string;
  let errors: string[];
  const run = (options: Parameters<typeof bisect>[0]) => bisect(options, executorContext(root));
  const sha = (c: string) => c.repeat(40);
  const runDir = '.seamline/runs/full-20261121T120000Z-abcdef123456';

  beforeEach(async () => {
    root = await fixtureWorkspace();
    errors = [];
    jest.spyOn(logger, 'error').mockImplementation((m) => void errors.push(String(m)));
    jest.spyOn(logger, 'info').mockImplementation(() => undefined);
    const manifest = buildFullManifest({
      components: {
        auth: { repo: 'https://github.com/acme/auth.git' },
        users: { repo: 'https://github.com/acme/users.git' },
        billing: { repo: 'https://github.com/acme/billing.git' },
      },
      mains: { auth: sha('a'), users: sha('b'), billing: sha('c') },
      subset: 'full',
      timestamp: '2026-11-21T12:00:00Z',
    });
    await mkdir(join(root, runDir), { recursive: true });
    await writeFile(join(root, runDir, 'manifest.yaml'), serializeManifest(manifest));
    await writeFile(
      join(root, runDir, 'results.json'),
      JSON.stringify({
        run_id: 'full-20261121T120000Z-abcdef123456',
        reason: '2 seams passed',
        seams: [{ seam: 'users-auth-contract', verdict: 'pass', quarantined: false }],
      }),
    );
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await rm(root, { recursive: true, force: true });
  });

  it('names a --bad that is neither a run id nor a manifest', async () => {
    expect((await run({ bad: 'nope' })).success).toBe(false);
    expect(errors[0]).toMatch(/^nope: file not found; pass a run id \(a folder of \.seamline\/runs\), its folder or a manifest\.yaml$/);
  });

  it('refuses to bisect a run in which no seam failed, and says how to name seams', async () => {
    expect((await run({ bad: 'full-20261121T120000Z-abcdef123456' })).success).toBe(false);
    expect(errors).toEqual(['bisect: run full-20261121T120000Z-abcdef123456 has no failed seam to bisect (2 seams passed); name the seams with --seams=a,b']);
  });

  it('refuses an unknown seam', async () => {
    expect((await run({ bad: `${runDir}/manifest.yaml`, seams: 'users-auth-contract,ghost' })).success).toBe(false);
    expect(errors).toEqual(['--seams: unknown seam "ghost" (declared: billing-users-ledger, users-auth-contract)']);
  });

  it('needs a known good to start from', async () => {
    expect((await run({ bad: `${runDir}/manifest.yaml`, seams: ['users-auth-contract'] })).success).toBe(false);
    expect(errors).toEqual(['bisect: the known-good store has no full-suite record to start from; pass --good=<passing run id or manifest>']);
  });
});
