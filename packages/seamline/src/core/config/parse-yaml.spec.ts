// eslint-disable-next-line no-restricted-imports -- the spec reads the YAML examples of docs/; the code under test does no I/O
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { parseYaml, readPlainYaml } from './parse-yaml';

/** What the `yaml` library reads, as parseYaml called it before the plain path existed. */
const byYaml = (text: string): unknown => {
  try {
    return parse(text, { schema: 'core', uniqueKeys: true, maxAliasCount: 100 });
  } catch (error) {
    return `error: ${(error as Error).name}`;
  }
};

const byParseYaml = (text: string): unknown => {
  try {
    return parseYaml(text, 'f.yaml');
  } catch (error) {
    return `error: ${(error as Error).name}`;
  }
};

/** The one property that matters: the plain path reads a document as `yaml` does, or leaves it to `yaml`. Returns whether it read it. */
function agrees(text: string): boolean {
  const plain = readPlainYaml(text);
  const expected = byYaml(text);
  if (plain !== undefined) expect({ text, plain }).toEqual({ text, plain: expected });
  // Through parseYaml, an empty document is an error of its own; everything else is what `yaml` read.
  if (expected !== null && expected !== undefined && typeof expected === 'object') expect({ text, read: byParseYaml(text) }).toEqual({ text, read: expected });
  return plain !== undefined;
}

describe('parseYaml', () => {
  it('reads the seam.yaml and component.yaml the docs show on the plain path', () => {
    const seam =
      'components: [users, auth]   # both ends\nsubsets: [pr_fast]\nring: 2\ncatches: users reads a token field that auth renamed\ncommand: [node, test.js]\n';
    const component =
      '# auth\nrepo: https://github.com/acme/auth.git\nbranch: main\ndependsOn: [users]\nprovides:\n  npm: "@acme/auth"\nprepare:\n  - [npm, ci]\n  - [npm, run, build]\ntest: [npm, test]\nalways: true\n';
    expect(agrees(seam)).toBe(true);
    expect(agrees(component)).toBe(true);
    expect(parseYaml(seam, 's.yaml')).toMatchObject({ ring: 2, components: ['users', 'auth'] });
  });

  it('leaves errors, empty documents and aliases to the yaml library, with its messages and its alias guard', () => {
    expect(readPlainYaml('a: b\na: c\n')).toBeUndefined();
    expect(() => parseYaml('a: b\na: c\n', 'f.yaml')).toThrow('f.yaml:2:1: invalid YAML: Map keys must be unique; fix the syntax there');
    expect(readPlainYaml('')).toBeUndefined();
    expect(() => parseYaml('# nothing\n', 'f.yaml')).toThrow('f.yaml: is empty; expected a YAML mapping');
    expect(readPlainYaml('a: &x [1]\nb: *x\n')).toBeUndefined();
    expect(parseYaml('a: &x [1]\nb: *x\n', 'f.yaml')).toEqual({ a: [1], b: [1] });
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...'bcdefgh'.split('').map((c, i) => `${c}: &${c} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(', ')}]`),
    ].join('\n');
    expect(() => parseYaml(bomb, 'f.yaml')).toThrow('f.yaml: YAML aliases expand to more than 100 nodes; expected a plain document without alias chains');
  });

  it('differs from the yaml library only in the name of a key that is null or a collection', () => {
    // No field of any schema has such a name: an unknown field is reported either way.
    expect(byYaml('~: a\n')).toEqual({ '': 'a' });
    expect(parseYaml('~: a\n', 'f.yaml')).toEqual({ null: 'a' });
    expect(byYaml('? [a, b]\n: c\n')).toEqual({ '[ a, b ]': 'c' });
    expect(parseYaml('? [a, b]\n: c\n', 'f.yaml')).toEqual({ 'a,b': 'c' });
  });

  it('agrees with the yaml library on edge cases', () => {
    for (const text of [
      '# only a comment\n',
      'ring: 1.5\n',
      'ring: 010\n',
      'ring: -1\n',
      'ring: +1\n',
      'sha: 1234e5678\n',
      'sha: 1234e56\n',
      'ring: 0x1f\n',
      'ring: -0x1f\n',
      'ring: 0o17\n',
      'ring: 0b101\n',
      'ring: -.5\n',
      'ring: 1e3\n',
      'ring: 1_000\n',
      'ring: .inf\n',
      'ring: -.Inf\n',
      'ring: .NaN\n',
      'ring: -0\n',
      'expires: 2099-12-31\n',
      'sha: 0123456789abcdef0123456789abcdef01234567\n',
      'a: yes\nb: no\nc: on\nd: off\n',
      'a: True\nb: TRUE\nc: tRUE\n',
      'a: ~\nb: Null\nc: NULL\nd:\n',
      '1: a\n',
      'true: a\n',
      'a: !!str 1\n',
      'a: !!int "3"\n',
      'a: !custom x\n',
      'a: |\n  text\n  more\n',
      'a: >-\n  text\n  more\n\n',
      'a: "esc\\n\\t\\u00e9"\n',
      "a: 'it''s'\n",
      'a: {b: 1, c: [d]}\n',
      'a: [b, [c]]\n',
      'a: [b,\n  c]\n',
      'a: [b, , c]\n',
      'a: [b: c]\n',
      'a: b\n  continued\n',
      'a:\n  b:\n    c: 1\n',
      'a:\n  - b: 1\n    c: 2\n',
      'a:\n- b\n',
      'a:\n  - b\n   - c\n',
      '---\na: b\n',
      '---\na: b\n...\n',
      'a: b\n---\nc: d\n',
      '%YAML 1.2\n---\na: b\n',
      '%YAML 1.1\n---\na: yes\n',
      '<<: {a: 1}\nb: 2\n',
      '- a\n',
      'a: b: c\n',
      'a: b #c\n',
      'a: b#c\n',
      'a: -b\n',
      'a: "b" c\n',
      '__proto__: x\n',
      'a:\tb\n',
      'a: b\r\nc: d\r\n',
      '\ufeffa: b\n',
      'a: 12345678901234567890\n',
      '? a\n: b\n',
      'a: "multi\n  line"\n',
      'a: plain\n  multi\n\n  line\n',
    ]) {
      agrees(text);
    }
  });

  it('agrees with the yaml library on every YAML example of the docs', () => {
    const docs = resolve(__dirname, '../../../../../docs');
    const blocks = readdirSync(docs)
      .filter((f) => f.endsWith('.md'))
      .flatMap((f) => [...readFileSync(join(docs, f), 'utf8').matchAll(/```ya?ml\n([\s\S]*?)```/g)].map((m) => m[1]));
    expect(blocks.length).toBeGreaterThan(5);
    const plain = blocks.filter((block) => agrees(block)).length;
    expect(plain).toBeGreaterThan(blocks.length / 2);
  });

  it('agrees with the yaml library on 20,000 generated documents', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const keys = ['a', 'ring', 'components', 'b_c', 'd-e', 'A', '_x', 'x1', 'on', 'null', 'true', '"q k"', "'s k'", '1'];
    const scalars = [
      'x',
      'users',
      'file:///a/b.git',
      'https://h/x#y',
      'a:b',
      'a: b',
      'a :b',
      'a -> b',
      "it's",
      'say "hi"',
      'x, y',
      '[x]',
      '{x}',
      'x]',
      '/p',
      '0',
      '1',
      '42',
      '007',
      '-3',
      '+3',
      '1.0',
      '1e3',
      '.5',
      '-.5',
      '0x10',
      '0o7',
      '0b1',
      '.inf',
      '.NaN',
      'true',
      'false',
      'True',
      'FALSE',
      'null',
      'Null',
      '~',
      'yes',
      'off',
      '""',
      "''",
      '"a\\tb"',
      "'a''b'",
      '"#x"',
      '@x',
      '`x',
      '&a',
      '*a',
      '!t x',
      '!!str 5',
      '|',
      '>',
      '%x',
      '?x',
      '? x',
      '-x',
      '- x',
      '-',
      ':x',
      'x:',
      'a\\b',
      '2099-12-31',
      '12:30',
      'x ',
      ' x',
      'a  b',
      'é ✓',
    ];
    const value = (): string => {
      switch (rand(5)) {
        case 0:
          return `[${Array.from({ length: rand(4) }, () => scalars[rand(scalars.length)]).join(rand(2) ? ', ' : ',')}]`;
        case 1:
          return `{${Array.from({ length: rand(3) }, () => `${keys[rand(keys.length)]}: ${scalars[rand(scalars.length)]}`).join(', ')}}`;
        default:
          return scalars[rand(scalars.length)];
      }
    };
    let plain = 0;
    for (let d = 0; d < 20000; d++) {
      const lines: string[] = [];
      for (let k = rand(5) + 1; k > 0; k--) {
        const key = keys[rand(keys.length)];
        switch (rand(6)) {
          case 0:
            lines.push(`${key}:`, ...Array.from({ length: rand(3) + 1 }, () => `  - ${value()}`));
            break;
          case 1:
            lines.push(`${key}:`, ...Array.from({ length: rand(3) + 1 }, () => `  ${keys[rand(keys.length)]}: ${value()}`));
            break;
          case 2:
            lines.push(`# ${value()}`, `${key}: ${value()} # ${value()}`);
            break;
          case 3:
            lines.push(`${key}: |`, `  ${value()}`, `  ${value()}`);
            break;
          default:
            lines.push(`${key}: ${value()}`);
        }
      }
      if (agrees(`${lines.join('\n')}\n`)) plain++;
    }
    // The plain path is taken often enough to be tested on real shapes, not only refused.
    expect(plain).toBeGreaterThan(4000);
  });
});
