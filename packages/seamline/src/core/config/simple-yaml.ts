/**
 * The plain YAML most seam.yaml and component.yaml files are written in, read without
 * the full YAML parser: building the project graph of a workspace with 1,000 seams
 * spent most of its cold time in it. Only a small, unambiguous subset is read here:
 *
 *   key: scalar | [scalar, ...]       (top level, and one level below a bare `key:`)
 *   key:
 *     - scalar | [scalar, ...]
 *
 * with comments and blank lines. A scalar is a plain string that cannot be read as
 * anything else, a decimal integer, true or false, null, or a quoted string without
 * escapes. Anything else (other numbers, dates, anchors, tags, block scalars, nested
 * collections, duplicate keys, tabs, ...) returns undefined, and the full parser,
 * which has the last word and the error messages, reads the document. So whatever this
 * returns is what the full parser (core schema) returns.
 */
export function parseSimpleYaml(text: string): Record<string, unknown> | undefined {
  if (/[\t\r\\]/.test(text)) return undefined;
  const lines = text.split('\n');
  const root: Record<string, unknown> = {};
  let open: { key: string; indent: number; kind?: 'map' | 'seq' } | undefined;
  for (const raw of lines) {
    if (/^\s*(#.*)?$/.test(raw)) continue;
    const indent = raw.length - raw.trimStart().length;
    const line = raw.slice(indent);
    if (indent === 0) {
      if (open && open.kind === undefined) return undefined; // a bare `key:` with nothing under it
      open = undefined;
      const entry = keyValue(line);
      if (!entry || entry.key in root) return undefined;
      if (entry.rest === '') {
        const child = entry.key;
        open = { key: child, indent: -1 };
        continue;
      }
      const value = node(entry.rest);
      if (value === undefined) return undefined;
      root[entry.key] = value.value;
      continue;
    }
    if (!open || (open.indent !== -1 && indent !== open.indent)) return undefined;
    open.indent = indent;
    if (line.startsWith('- ') || line === '-') {
      if (open.kind === 'map') return undefined;
      if (open.kind === undefined) root[open.key] = [];
      open.kind = 'seq';
      const value = node(line.slice(2));
      if (value === undefined) return undefined;
      (root[open.key] as unknown[]).push(value.value);
    } else {
      if (open.kind === 'seq') return undefined;
      if (open.kind === undefined) root[open.key] = {};
      open.kind = 'map';
      const entry = keyValue(line);
      const map = root[open.key] as Record<string, unknown>;
      if (!entry || entry.rest === '' || entry.key in map) return undefined;
      const value = node(entry.rest);
      if (value === undefined) return undefined;
      map[entry.key] = value.value;
    }
  }
  if (open && open.kind === undefined) return undefined;
  return Object.keys(root).length ? root : undefined;
}

/** `key: rest` or `key:` (rest ''), without a trailing comment; the key a plain word. */
function keyValue(line: string): { key: string; rest: string } | undefined {
  const match = /^([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?$/.exec(line);
  if (!match || match[1] === '__proto__' || SPECIAL.test(match[1])) return undefined;
  return { key: match[1], rest: withoutComment(match[2] ?? '') };
}

/** The value without a trailing ` # comment` (one after a closing quote, for a quoted value). */
function withoutComment(rest: string): string {
  const quote = rest[0] === '"' || rest[0] === "'" ? rest.indexOf(rest[0], 1) : -1;
  const hash = rest.indexOf(' #', quote > 0 ? quote + 1 : 0);
  return (hash >= 0 ? rest.slice(0, hash) : rest).trimEnd();
}

/** A scalar or a flow sequence of scalars; `{ value }` so that null is a value. */
function node(text: string): { value: unknown } | undefined {
  if (text.startsWith('[')) {
    if (!text.endsWith(']')) return undefined;
    const inner = text.slice(1, -1).trim();
    if (inner === '') return { value: [] };
    const items: unknown[] = [];
    for (const item of inner.split(',')) {
      const value = scalar(item.trim(), true);
      if (value === undefined) return undefined;
      items.push(value.value);
    }
    return { value: items };
  }
  return scalar(text, false);
}

/**
 * Plain strings that can only be strings: no indicator first, no '#' (comments), no
 * ': ' or final ':' (mappings); inside [ ] also no flow indicators, quotes or ':'.
 */
const PLAIN = /^[A-Za-z_/][^#]*$/;
const PLAIN_IN_FLOW = /^[A-Za-z_/][^#{}[\],:?'"]*$/;
const SPECIAL = /^(null|Null|NULL|true|True|TRUE|false|False|FALSE|~)$/;

function scalar(text: string, inFlow: boolean): { value: unknown } | undefined {
  if (text === '') return undefined;
  if (text[0] === '"' || text[0] === "'") {
    if (inFlow || text.length < 2 || text[text.length - 1] !== text[0]) return undefined;
    const inner = text.slice(1, -1);
    return inner.includes(text[0]) ? undefined : { value: inner };
  }
  if (/^(0|[1-9][0-9]{0,14})$/.test(text)) return { value: Number(text) };
  if (text === 'true' || text === 'false') return { value: text === 'true' };
  if (text === 'null') return { value: null };
  if (SPECIAL.test(text)) return undefined;
  if (!(inFlow ? PLAIN_IN_FLOW : PLAIN).test(text) || text.includes(': ') || text.endsWith(':')) return undefined;
  return { value: text };
}
