import { FAILSAFE_SCHEMA, load, Type } from 'js-yaml';
import type * as Yaml from 'yaml';
import { SeamlineError } from '../errors';

/**
 * The `yaml` library, loaded only when a document is not plain (below): it reads
 * every YAML construct the same way and words its errors best, but the project graph
 * is built in a fresh Nx worker where its parser never gets warm, and a cold graph
 * parses every seam.yaml (about 5x js-yaml's time for bench/graph's 1201 files).
 */
let yaml: typeof Yaml | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yamlLibrary = () => (yaml ??= require('yaml') as typeof Yaml);

/**
 * YAML text -> plain data, or one line naming file, line and column.
 * `failsafe` reads every scalar as a string: a SHA such as `1234e5...` must
 * not turn into a float on its way in.
 */
export function parseYaml(text: string, file: string, schema: 'core' | 'failsafe' = 'core'): unknown {
  const data = schema === 'core' ? (readPlainYaml(text) ?? readFully(text, file, schema)) : readFully(text, file, schema);
  if (data === null || data === undefined) {
    throw new SeamlineError(`${file}: is empty; expected a YAML mapping`, file);
  }
  return data;
}

/**
 * YAML 1.2's core schema, with the tests and values of the yaml library's own core schema, so
 * js-yaml resolves a plain scalar as yaml does (js-yaml's core schema also reads 0b101, -0x1f
 * and -.5 in its own way).
 */
const scalar = (tag: string, test: RegExp, construct: (s: string) => unknown) =>
  new Type(`tag:yaml.org,2002:${tag}`, { kind: 'scalar', resolve: (s: string) => test.test(s), construct });
const coreSchema = FAILSAFE_SCHEMA.extend({
  implicit: [
    scalar('null', /^(?:~|[Nn]ull|NULL)?$/, () => null),
    scalar('bool', /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (s) => s[0] === 't' || s[0] === 'T'),
    scalar('int', /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/, (s) =>
      s.startsWith('0o') ? parseInt(s.slice(2), 8) : s.startsWith('0x') ? parseInt(s.slice(2), 16) : parseInt(s, 10),
    ),
    scalar('float', /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/, (s) =>
      /nan$/i.test(s) ? NaN : /inf$/i.test(s) ? (s[0] === '-' ? -Infinity : Infinity) : parseFloat(s),
    ),
  ],
});

/**
 * A plain document read by js-yaml with that schema, which a spec holds to what yaml reads on
 * the docs' examples and 20,000 generated documents (it differs only in naming a `~` key "null",
 * not "", and a key that is a list `a,b`, not `[ a, b ]`). Anything else is left to yaml, with undefined: an error, so its message is the one
 * users know; an empty document; and any anchor or alias (`&`, `*` anywhere), so yaml's guard
 * against alias bombs stays the only one.
 */
export function readPlainYaml(text: string): unknown {
  if (/[&*]/.test(text)) return undefined;
  try {
    return load(text, { schema: coreSchema }) ?? undefined;
  } catch {
    return undefined;
  }
}

function readFully(text: string, file: string, schema: 'core' | 'failsafe'): unknown {
  const { parse, YAMLParseError } = yamlLibrary();
  try {
    return parse(text, { schema, prettyErrors: true, uniqueKeys: true, maxAliasCount: 100 });
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const pos = error.linePos?.[0];
      const at = pos ? `${file}:${pos.line}:${pos.col}` : file;
      const what = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      throw new SeamlineError(`${at}: invalid YAML: ${what}; fix the syntax there`, file);
    }
    // The yaml library's guard against a billion-laughs document.
    if (error instanceof ReferenceError && /alias count/i.test(error.message)) {
      throw new SeamlineError(`${file}: YAML aliases expand to more than 100 nodes; expected a plain document without alias chains`, file);
    }
    throw error;
  }
}
