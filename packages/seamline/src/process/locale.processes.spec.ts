import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * What Seamline writes in order (a manifest's pins, a shard plan) must be the same bytes on a
 * developer's machine and on CI, whatever their locale. Node reads its default locale from
 * LANG / LC_ALL at start, so each locale is a real `node` process running the built code (the
 * test target depends on `build`).
 */
const dist = resolve(__dirname, '../../../../dist/packages/seamline');
jest.setTimeout(60_000);

beforeAll(() => {
  if (!existsSync(join(dist, 'src/index.js'))) throw new Error(`${dist} is missing: run \`npx nx build seamline\` first`);
});

// Danish sorts `aa` after `z`, Estonian `z` between `s` and `t`; `_` and `-` differ from code-unit order in every locale.
const NAMES = ['aardvark', 'billing', 'zeta', 'tax', 'sales', 'a-b', 'a_b', 'users2', 'users10'];
// Built here and handed to each process as JSON: only the locale differs between them.
const manifest = {
  kind: 'pr',
  component_under_test: { name: 'auth', repo: 'file:///r/auth.git', sha: '1'.repeat(40) },
  others: NAMES.map((name, i) => ({
    name,
    repo: `file:///r/${name}.git`,
    sha: String(i + 2)
      .repeat(40)
      .slice(0, 40),
    from: 'main',
  })),
  subset: 'pr_fast',
  timestamp: '2026-12-02T08:00:00Z',
};

const script = `
const dist = process.env.SEAMLINE_DIST;
const { serializeManifest } = require(dist + '/src/core/manifest/manifest-yaml.js');
const { balanceShards } = require(dist + '/src/core/run/balance-shards.js');
const names = ${JSON.stringify(NAMES)};
const manifest = ${JSON.stringify(manifest)};
// Equal durations: the order among them is decided by the names alone.
const durations = Object.fromEntries(names.map((n) => [n, 5]));
console.log(JSON.stringify({
  locale: new Intl.Collator().resolvedOptions().locale,
  manifest: serializeManifest(manifest),
  shards: balanceShards('m', names, 4, durations).shards,
}));
`;

async function inLocale(locale: string): Promise<{ locale: string; manifest: string; shards: string[][] }> {
  const { execa } = await import('execa');
  const env = { PATH: process.env.PATH, SEAMLINE_DIST: dist, LANG: locale, LC_ALL: locale };
  const result = await execa('node', ['-e', script], { env, extendEnv: false, reject: false });
  expect({ exitCode: result.exitCode, stderr: result.stderr }).toEqual({ exitCode: 0, stderr: '' });
  return JSON.parse(result.stdout);
}

describe('ordering that does not depend on the locale', () => {
  it('writes the same manifest and the same shard plan in the C, Danish and Estonian locales', async () => {
    const [c, da, et] = await Promise.all(['C', 'da_DK.UTF-8', 'et_EE.UTF-8'].map(inLocale));
    // The locales really were in effect: otherwise the comparison below would prove nothing.
    expect([da.locale, et.locale]).toEqual(['da-DK', 'et-EE']);
    expect(da.manifest).toBe(c.manifest);
    expect(et.manifest).toBe(c.manifest);
    expect(da.shards).toEqual(c.shards);
    expect(et.shards).toEqual(c.shards);
    // Pins in code-unit order, as the hash and every other list of names are sorted.
    const pinOrder = [...c.manifest.matchAll(/^ {2}- \{ name: ([\w-]+),/gm)].map((m) => m[1]);
    expect(pinOrder).toEqual([...NAMES].sort());
  });
});
