import type { SyncTransformer } from '@jest/transform';
import { requireOrImportModule } from 'jest-util';

/** The transform as jest loads one (ScriptTransformer.loadTransformers), checked against jest's own type. */
const load = (): Promise<SyncTransformer> => requireOrImportModule<SyncTransformer>(require.resolve('./jest-transform'));
let transformer: SyncTransformer;
beforeAll(async () => {
  transformer = await load();
});

/** What jest hands a transformer. */
const options = {
  config: { cwd: __dirname, rootDir: __dirname },
  configString: '{}',
  cacheFS: new Map<string, string>(),
  transformerConfig: {},
  instrument: false,
  supportsDynamicImport: false,
  supportsExportNamespaceFrom: false,
  supportsStaticESM: false,
  supportsTopLevelAwait: false,
} as unknown as Parameters<SyncTransformer['process']>[2];

const transform = (source: string) => transformer.process(source, `${__dirname}/seam.spec.ts`, options).code;

/** Run transformed CommonJS and give back its exports. */
function evaluate(code: string): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  new Function('exports', 'require', 'module', code)(module.exports, require, module);
  return module.exports;
}

describe('the seams’ jest transform (Babel, no TypeScript needed)', () => {
  it('is a transformer jest accepts: process and getCacheKey on what jest loads', () => {
    expect([typeof transformer.process, typeof transformer.getCacheKey]).toEqual(['function', 'function']);
  });

  it('strips types and makes ES modules CommonJS, so a TypeScript spec runs as jest loads it', () => {
    const code = transform(
      [
        "import { join } from 'node:path';",
        'interface Pin { name: string; sha: string }',
        "const pin: Pin = { name: 'auth', sha: 'a'.repeat(40) };",
        'export const where = (root: string): string => join(root, `${pin.name}@${pin.sha.slice(0, 12)}`);',
        'export enum Verdict { Pass = "pass", Fail = "fail" }',
      ].join('\n'),
    );
    expect(code).not.toMatch(/interface Pin|: string|: Pin/);
    expect(code).toContain('require("node:path")');
    const loaded = evaluate(code) as { where: (root: string) => string; Verdict: Record<string, string> };
    expect(loaded.where('/c')).toBe('/c/auth@aaaaaaaaaaaa');
    expect(loaded.Verdict.Fail).toBe('fail');
  });

  it('keys its cache by the file, its text, the jest config and the transform itself', () => {
    const key = (source: string, file = 'a.spec.ts', configString = '{}') =>
      transformer.getCacheKey!(source, `${__dirname}/${file}`, { ...options, configString });
    expect(key('export {}')).toBe(key('export {}'));
    expect(new Set([key('export {}'), key('export { };'), key('export {}', 'b.spec.ts'), key('export {}', 'a.spec.ts', '{"x":1}')]).size).toBe(4);
  });

  it('hoists jest.mock above the imports, as babel-jest does for every jest project', () => {
    const code = transform("import { users } from '@acme/users';\njest.mock('@acme/users');\nexport const u: unknown = users;\n");
    expect(code.indexOf("mock('@acme/users')")).toBeGreaterThan(-1);
    expect(code.indexOf("mock('@acme/users')")).toBeLessThan(code.indexOf('require("@acme/users")'));
  });
});
