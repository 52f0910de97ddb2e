import type { z } from 'zod';

/**
 * An error a user can act on: one line naming the file, the field, what was
 * expected and, where it helps, what to do. Executors print `message` only;
 * the stack is for --verbose.
 */
export class SeamlineError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'SeamlineError';
  }

  static at(file: string | undefined, field: string | undefined, what: string): SeamlineError {
    const where = [file, field && `field "${field}"`].filter(Boolean).join(': ');
    return new SeamlineError(where ? `${where}: ${what}` : what, file, field);
  }
}

/** A run a signal (Ctrl-C, a CI cancel) cut short: its caller ends as the shell reports that signal. */
export class RunInterrupted extends SeamlineError {
  constructor(
    message: string,
    readonly signal: string,
  ) {
    super(message);
  }
}

/** `unknown seam "x" (declared: a, b)`: one wording wherever a name must be one of those declared. */
export function unknownName(kind: string, name: string, declared: Iterable<string>): string {
  const names = [...declared].sort();
  return `unknown ${kind} "${name}" (${names.length ? `declared: ${names.join(', ')}` : 'none is declared yet'})`;
}

/** `others[2].sha` from a zod path. */
export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/** A short, single-line rendering of a value a user wrote. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

/** What each branch of a union would have accepted, e.g. `one of "env", "npm" or object`. */
function unionAlternatives(branches: z.core.$ZodIssue[][]): string[] {
  const values: unknown[] = [];
  const others: string[] = [];
  for (const [first] of branches) {
    if (!first) continue;
    if (first.code === 'invalid_value') values.push(...first.values);
    else if (first.code === 'invalid_type' && first.path.length === 0) others.push(first.expected === 'object' ? 'a mapping' : String(first.expected));
    else others.push(first.message);
  }
  const listed = values.length ? [`one of ${values.map((v) => JSON.stringify(v)).join(', ')}`] : [];
  return [...listed, ...new Set(others)];
}

function describeIssue(issue: z.core.$ZodIssue, schema?: z.core.$ZodType): string {
  const got = 'input' in issue ? issue.input : undefined;
  switch (issue.code) {
    case 'unrecognized_keys': {
      const unknown = issue.keys.map((k) => `"${k}"`).join(', ');
      const meant = issue.keys.length === 1 && schema ? closestName(issue.keys[0], fieldsAt(schema, issue.path)) : undefined;
      return meant ? `unknown field ${unknown}: did you mean "${meant}"?` : `unknown field ${unknown}: remove it or check its spelling`;
    }
    case 'invalid_type':
      if (got === undefined) return `is required (expected ${typeName(issue.expected)})`;
      // `test: npm test` for `test: [npm, test]`: show the list it would be (not for one word inside a
      // list, `run: [npm, ci]` for `run: [[npm, ci]]`, where that list would mislead).
      if (issue.expected === 'array' && typeof got === 'string' && (typeof issue.path.at(-1) !== 'number' || /[\s,]/.test(got.trim())) && got.trim())
        return `expected array, got ${show(got)}; write a YAML list, e.g. ${asYamlList(got)}`;
      return `expected ${typeName(issue.expected)}, got ${show(got)}`;
    case 'invalid_key':
      // `PR_fast:` under subsets: what the key should look like; the field already names the key.
      return issue.issues[0] ? describeIssue({ ...issue.issues[0], input: got } as z.core.$ZodIssue) : `not a valid name, got ${show(got)}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${show(got)}`;
    case 'invalid_format':
    case 'custom':
      return `expected ${issue.message}, got ${show(got)}`;
    case 'too_small':
    case 'too_big':
      // zod's own wording (`Too big: expected number to be <=5`) says it in symbols; a schema's own message is kept.
      return `expected ${/^Too (small|big): /.test(issue.message) ? bound(issue) : issue.message}, got ${Array.isArray(got) ? count(got.length, 'item') : show(got)}`;
    case 'invalid_union':
      if (got === undefined) return `is required (expected ${unionAlternatives(issue.errors).join(' or ')})`;
      return `expected ${unionAlternatives(issue.errors).join(' or ')}, got ${show(got)}`;
    default:
      return issue.message;
  }
}

/** The field names a schema allows at `path` (every branch of a union, through optional, default, list and map). */
function fieldsAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  const inner = (key: string) => def[key] as z.core.$ZodType;
  switch (def.type) {
    case 'object': {
      const shape = def.shape as Record<string, z.core.$ZodType>;
      if (!path.length) return Object.keys(shape);
      const next = shape[String(path[0])];
      return next ? fieldsAt(next, path.slice(1)) : [];
    }
    case 'union':
      return [...new Set((def.options as z.core.$ZodType[]).flatMap((option) => fieldsAt(option, path)))];
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return fieldsAt(inner('innerType'), path);
    case 'pipe':
      return fieldsAt(inner('in'), path);
    case 'array':
      return path.length && typeof path[0] === 'number' ? fieldsAt(inner('element'), path.slice(1)) : [];
    case 'record':
      return path.length ? fieldsAt(inner('valueType'), path.slice(1)) : [];
    default:
      return [];
  }
}

/**
 * The allowed name a mistyped one most likely meant: at most two edits away (`catch` for `catches`,
 * `renderer` for `renderers`), or three when the first four letters agree (`retry` for `retries`).
 */
function closestName(name: string, allowed: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const candidate of allowed) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    const close = distance <= 2 || (distance <= 3 && name.length >= 4 && candidate.toLowerCase().startsWith(name.slice(0, 4).toLowerCase()));
    if (close && (!best || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}

/** Levenshtein distance. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}

/** `mapping` for zod's record and object: what YAML calls it. */
const typeName = (expected: string) => (expected === 'object' || expected === 'record' ? 'a mapping' : expected);

const count = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** `at most 5`, `at least 1 item`, `more than 0`: a size bound in words. */
function bound(issue: z.core.$ZodIssueTooBig | z.core.$ZodIssueTooSmall): string {
  const big = issue.code === 'too_big';
  const limit = Number(big ? (issue as z.core.$ZodIssueTooBig).maximum : (issue as z.core.$ZodIssueTooSmall).minimum);
  const words = issue.inclusive === false ? (big ? 'less than' : 'more than') : big ? 'at most' : 'at least';
  const unit = issue.origin === 'array' || issue.origin === 'set' ? 'item' : issue.origin === 'string' ? 'character' : undefined;
  return `${words} ${unit ? count(limit, unit) : limit}`;
}

/**
 * A union whose input had the shape of exactly one branch (a mapping where one branch
 * is a mapping) and failed inside it: that branch's own issue, at its full path.
 */
function matchedBranch(issue: z.core.$ZodIssue): z.core.$ZodIssue {
  if (issue.code !== 'invalid_union') return issue;
  const inside = issue.errors.filter(([first]) => first && first.path.length > 0);
  const wrongShape = issue.errors.filter(([first]) => first?.code === 'invalid_type' && first.path.length === 0);
  if (inside.length !== 1 || inside.length + wrongShape.length !== issue.errors.length) return issue;
  const [first] = inside[0];
  return matchedBranch({ ...first, path: [...issue.path, ...first.path] } as z.core.$ZodIssue);
}

/** A string a user wrote where a list belongs, as that list in YAML's flow style. */
function asYamlList(text: string): string {
  const words = text.split(/[\s,]+/).filter(Boolean);
  const shown = words.slice(0, 8).map((w) => (/^[A-Za-z0-9_./-][A-Za-z0-9_./:=@-]*$/.test(w) ? w : JSON.stringify(w)));
  return `[${shown.join(', ')}${words.length > 8 ? ', ...' : ''}]`;
}

/**
 * The first zod issue as one actionable line. A required field that is missing beside a field
 * that is not one is most often a misspelling (`catch:` for `catches:`): the line names both.
 */
export function fromZodError(file: string | undefined, error: z.ZodError, schema?: z.core.$ZodType): SeamlineError {
  const issue = matchedBranch(error.issues[0]);
  const field = fieldPath(issue.path) || undefined;
  let what = describeIssue(issue, schema);
  if (what.startsWith('is required')) {
    const parent = fieldPath(issue.path.slice(0, -1));
    const stray = error.issues.find((i) => i.code === 'unrecognized_keys' && fieldPath(i.path) === parent);
    if (stray?.code === 'unrecognized_keys') what += `; ${stray.keys.map((k) => `"${k}"`).join(', ')} is not a field: is it a misspelling?`;
  }
  return SeamlineError.at(file, field, what);
}

/** Parse `data` with `schema` or throw a SeamlineError naming file and field. */
export function parseWith<T extends z.ZodType>(schema: T, data: unknown, file?: string): z.output<T> {
  const result = schema.safeParse(data, { reportInput: true });
  if (!result.success) throw fromZodError(file, result.error, schema);
  return result.data;
}
