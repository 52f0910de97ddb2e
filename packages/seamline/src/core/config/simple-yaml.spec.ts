import { parse } from 'yaml';
import { parseSimpleYaml } from './simple-yaml';

/** What the full parser reads, as parseYaml calls it. */
const full = (text: string): unknown => {
  try {
    return parse(text, { schema: 'core', uniqueKeys: true, maxAliasCount: 100 });
  } catch (error) {
    return `error: ${(error as Error).name}`;
  }
};

/** The one property that matters: the shortcut returns what the full parser returns, or nothing. */
function agrees(text: string): boolean {
  const simple = parseSimpleYaml(text);
  if (simple === undefined) return true;
  expect({ text, simple }).toEqual({ text, simple: full(text) });
  return false;
}

describe('parseSimpleYaml', () => {
  it('reads the plain seam.yaml and component.yaml files the docs show', () => {
    const seam =
      'components: [users, auth]   # both ends\nsubsets: [pr_fast]\nring: 2\ncatches: users reads a token field that auth renamed\ncommand: [node, test.js]\n';
    expect(parseSimpleYaml(seam)).toEqual(full(seam));
    expect(parseSimpleYaml(seam)).toMatchObject({ ring: 2, components: ['users', 'auth'] });
    const component =
      '# auth\nrepo: https://github.com/acme/auth.git\nbranch: main\ndependsOn: [users]\nprovides:\n  npm: "@acme/auth"\nprepare:\n  - [npm, ci]\n  - [npm, run, build]\ntest: [npm, test]\nalways: true\n';
    expect(parseSimpleYaml(component)).toEqual(full(component));
  });

  it('agrees with the full parser on edge cases, or leaves them to it', () => {
    for (const text of [
      '',
      '# only a comment\n',
      'ring: 1.5\n',
      'ring: 010\n',
      'ring: -1\n',
      'ring: 0x1f\n',
      'expires: 2099-12-31\n',
      'sha: 1234e5678\n',
      'a: yes\na: no\n',
      'a: True\n',
      'a: ~\n',
      'a: &x b\nc: *x\n',
      'a: !!str 1\n',
      'a: |\n  text\n',
      'a: >\n  text\n',
      'a: "esc\\n"\n',
      "a: 'it''s'\n",
      'a: {b: 1}\n',
      'a: [b, [c]]\n',
      'a: [b,\n  c]\n',
      'a: [b, , c]\n',
      'a: [b: c]\n',
      'a: b\n  continued\n',
      'a:\n  b:\n    c: 1\n',
      'a:\n  - b: 1\n',
      'a:\n- b\n',
      'a:\n  - b\n   - c\n',
      'a:\n',
      '---\na: b\n',
      '- a\n',
      'a: b: c\n',
      'a: b #c\n',
      'a: -b\n',
      'a: "b" c\n',
      '__proto__: x\n',
      'a:\tb\n',
      'a: b\r\n',
      'a: 12345678901234567890\n',
    ]) {
      agrees(text);
    }
  });

  it('agrees with the full parser on 20,000 generated documents', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const keys = ['a', 'ring', 'components', 'b_c', 'd-e', 'A', '_x', 'x1', 'on', 'null', 'true'];
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
      '0x10',
      '0o7',
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
      'no',
      'on',
      'off',
      'y',
      '"q"',
      "'q'",
      '"a # b"',
      '"a\'b"',
      "'a\"b'",
      '""',
      "''",
      '"',
      "'",
      'a #c',
      'a#c',
      '#c',
      '@x',
      '`x`',
      '&a',
      '*a',
      '!t x',
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
    ];
    const value = (): string => {
      switch (rand(4)) {
        case 0:
          return `[${Array.from({ length: rand(4) }, () => scalars[rand(scalars.length)]).join(rand(2) ? ', ' : ',')}]`;
        default:
          return scalars[rand(scalars.length)];
      }
    };
    let simple = 0;
    for (let d = 0; d < 20000; d++) {
      const lines: string[] = [];
      for (let k = rand(5) + 1; k > 0; k--) {
        const key = keys[rand(keys.length)];
        switch (rand(5)) {
          case 0:
            lines.push(`${key}:`, ...Array.from({ length: rand(3) + 1 }, () => `  - ${value()}`));
            break;
          case 1:
            lines.push(`${key}:`, ...Array.from({ length: rand(3) + 1 }, () => `  ${keys[rand(keys.length)]}: ${value()}`));
            break;
          case 2:
            lines.push(`# ${value()}`, `${key}: ${value()} # ${value()}`);
            break;
          default:
            lines.push(`${key}: ${value()}`);
        }
      }
      if (!agrees(`${lines.join('\n')}\n`)) simple++;
    }
    // The shortcut is taken often enough to be tested on real shapes, not only refused.
    expect(simple).toBeGreaterThan(2000);
  });
});
