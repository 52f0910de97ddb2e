import type { SyncTransformer } from '@jest/transform';
import babelTransformer from './jest-transform';

// babel-jest's createTransformer is typed as maybe async; it gives a synchronous one.
const transformer = babelTransformer as SyncTransformer;

/** What jest hands a transformer; babel-jest reads the project's cwd and rootDir. */
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
function load(code: string): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  new Function('exports', 'require', 'module', code)(module.exports, require, module);
  return module.exports;
}

describe('the seams’ jest transform (Babel, no TypeScript needed)', () => {
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
    const loaded = load(code) as { where: (root: string) => string; Verdict: Record<string, string> };
    expect(loaded.where('/c')).toBe('/c/auth@aaaaaaaaaaaa');
    expect(loaded.Verdict.Fail).toBe('fail');
  });

  it('hoists jest.mock above the imports, as babel-jest does for every jest project', () => {
    const code = transform("import { users } from '@acme/users';\njest.mock('@acme/users');\nexport const u: unknown = users;\n");
    expect(code.indexOf("mock('@acme/users')")).toBeGreaterThan(-1);
    expect(code.indexOf("mock('@acme/users')")).toBeLessThan(code.indexOf('require("@acme/users")'));
  });
});
