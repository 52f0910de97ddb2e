import { parse, YAMLParseError } from 'yaml';
import { SeamlineError } from '../errors';

/**
 * YAML text -> plain data, or one line naming file, line and column.
 * `failsafe` reads every scalar as a string: a SHA such as `1234e5...` must
 * not turn into a float on its way in.
 */
export function parseYaml(text: string, file: string, schema: 'core' | 'failsafe' = 'core'): unknown {
  let data: unknown;
  try {
    data = parse(text, { schema, prettyErrors: true, uniqueKeys: true, maxAliasCount: 100 });
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
  if (data === null || data === undefined) {
    throw new SeamlineError(`${file}: is empty; expected a YAML mapping`, file);
  }
  return data;
}
