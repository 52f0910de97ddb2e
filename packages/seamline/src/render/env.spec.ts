import { manifestHash } from '../core/manifest/manifest';
import { COMPONENTS, MANIFEST, renderContext, sha } from './__fixtures__/context';
import { envName, renderEnv } from './env';

describe('envName', () => {
  it('upper-cases and turns every other character into "_"', () => {
    expect(['auth', 'billing-api', 'users.v2', 'a_b9'].map(envName)).toEqual(['AUTH', 'BILLING_API', 'USERS_V2', 'A_B9']);
  });
});

describe('renderEnv', () => {
  it('writes seamline.env sorted by key and gives every seam the same variables plus the file and the components', () => {
    const hash = manifestHash(MANIFEST);
    const { files, env } = renderEnv(renderContext());
    const co = '/ws/.seamline/checkouts';
    expect(files).toEqual({
      'seamline.env': [
        `SEAMLINE_DIR_AUTH=${co}/auth@${sha('a')}`,
        `SEAMLINE_DIR_BILLING_API=${co}/billing-api@${sha('c')}`,
        `SEAMLINE_DIR_USERS=${co}/users@${sha('b')}`,
        `SEAMLINE_MANIFEST=/ws/.seamline/runs/r1/manifest.yaml`,
        `SEAMLINE_MANIFEST_HASH=${hash}`,
        'SEAMLINE_REPO_AUTH=https://github.com/acme/auth.git',
        'SEAMLINE_REPO_BILLING_API=https://github.com/acme/billing-api.git',
        'SEAMLINE_REPO_USERS=https://github.com/acme/users.git',
        `SEAMLINE_SHA_AUTH=${sha('a')}`,
        `SEAMLINE_SHA_BILLING_API=${sha('c')}`,
        `SEAMLINE_SHA_USERS=${sha('b')}`,
        '',
      ].join('\n'),
    });
    const fromFile = Object.fromEntries(
      files['seamline.env']
        .trim()
        .split('\n')
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    expect(env).toEqual({
      ...fromFile,
      SEAMLINE_COMPONENTS: 'auth,billing-api,users',
      SEAMLINE_ENV_FILE: '/ws/.seamline/runs/r1/overrides/seamline.env',
    });
    expect(Object.keys(env)).toEqual(Object.keys(env).sort());
  });

  it('does not depend on the order of the pins in the manifest', () => {
    const reordered = { ...MANIFEST, others: [...MANIFEST.others].reverse() };
    expect(renderEnv(renderContext('/ws', { manifest: reordered }))).toEqual(renderEnv(renderContext()));
  });

  it('refuses two components whose variables would collide', () => {
    const manifest = {
      ...MANIFEST,
      others: [...MANIFEST.others, { name: 'billing.api', repo: 'https://github.com/acme/b.git', sha: sha('d'), from: 'known-good' as const }],
    };
    const context = renderContext('/ws', { manifest, checkouts: { ...renderContext().checkouts, 'billing.api': '/ws/b' }, components: COMPONENTS });
    expect(() => renderEnv(context)).toThrow('components "billing-api" and "billing.api" both map to SEAMLINE_DIR_BILLING_API; rename one of them');
  });

  it('refuses a pin that has no checkout', () => {
    const { users: _, ...checkouts } = renderContext().checkouts;
    expect(() => renderEnv(renderContext('/ws', { checkouts }))).toThrow(
      `component "users" is pinned at ${sha('b')} but has no checkout; materialize the manifest before rendering overrides`,
    );
  });

  it('refuses a value with a line break, which would forge another variable', () => {
    const context = renderContext('/ws', { checkouts: { ...renderContext().checkouts, auth: '/ws/evil\nSEAMLINE_SHA_USERS=0' } });
    expect(() => renderEnv(context)).toThrow('SEAMLINE_DIR_AUTH: value contains a line break; move the workspace or checkout to a path without one');
  });
});
