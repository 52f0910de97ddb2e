import { isMap, isScalar, isSeq, parseDocument, type YAMLSeq } from 'yaml';
import type { Hold, IntegrationConfig } from '../config/integration-config';
import { parseIntegrationConfig } from '../config/parse-config';
import { integrationConfigPath } from '../config/workspace-model';
import { SeamlineError } from '../errors';
import { canonicalJson } from '../canonical-json';
import { holdEntry } from './hold-entry';
import { holdItemLines } from './hold-yaml';

/**
 * seamline.yaml text with `hold` as the one hold on its component: added to the
 * `hold:` list (created at the end of the file when there is none), replacing
 * the entry on the same component where it stands. The list is found with the yaml document
 * model and only its lines are edited, so every comment and the layout of the
 * rest of the user's file stay as they were (a `toString()` round trip would
 * re-pad flow collections and move comments). Returns the text and the entry replaced.
 */
export function setHold(text: string, hold: Hold, file = integrationConfigPath): { text: string; replaced?: Hold } {
  const before = parseIntegrationConfig(text, file);
  const index = before.hold.findIndex((h) => h.component === hold.component);
  const replaced = index === -1 ? undefined : before.hold[index];
  const edited = index === -1 ? appendItem(text, hold, file) : replaceItem(text, index, hold, file);
  const expected = index === -1 ? [...before.hold, hold] : before.hold.map((h, i) => (i === index ? hold : h));
  return { text: checkEdit(before, edited, expected, file), ...(replaced ? { replaced } : {}) };
}

/** seamline.yaml text without the hold on `component` (and without `hold:` once the list is empty). */
export function releaseHold(text: string, component: string, file = integrationConfigPath): { text: string; released?: Hold } {
  const before = parseIntegrationConfig(text, file);
  const index = before.hold.findIndex((h) => h.component === component);
  if (index === -1) return { text };
  const expected = before.hold.filter((_, i) => i !== index);
  const edited = expected.length ? removeItem(text, index, file) : removePair(text, file);
  return { text: checkEdit(before, edited, expected, file), released: before.hold[index] };
}

function holdList(text: string, file: string): { seq: YAMLSeq | undefined; keyStart: number; valueStart: number } {
  const doc = parseDocument(text);
  if (!isMap(doc.contents)) throw SeamlineError.at(file, undefined, 'expected a YAML mapping');
  const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'hold');
  if (!pair) return { seq: undefined, keyStart: -1, valueStart: -1 };
  const key = pair.key as { range?: [number, number, number] };
  const value = pair.value;
  if (!isSeq(value) || !value.range || !key.range || !value.items.every((i) => isMap(i) && i.range)) {
    throw SeamlineError.at(file, 'hold', 'is not a plain list of entries; edit it by hand');
  }
  return { seq: value, keyStart: key.range[0], valueStart: value.range[0] };
}

const lineStart = (text: string, at: number) => text.lastIndexOf('\n', at - 1) + 1;
const afterLine = (text: string, at: number) => {
  const end = text.indexOf('\n', at);
  return end === -1 ? text.length : end + 1;
};
const eolOf = (text: string) => (text.includes('\r\n') ? '\r\n' : '\n');

function appendItem(text: string, hold: Hold, file: string): string {
  const eol = eolOf(text);
  const { seq, keyStart, valueStart } = holdList(text, file);
  const item = holdItemLines(hold);
  if (!seq) {
    const base = text.length && !text.endsWith('\n') ? `${text}${eol}` : text;
    return `${base}hold:${eol}${item.map((l) => `  ${l}${eol}`).join('')}`;
  }
  if (seq.flow || !seq.items.length) {
    // `hold: []` (or any flow list): rewritten as a block list under the key.
    const indent = ' '.repeat(keyStart - lineStart(text, keyStart) + 2);
    const items = [...seq.items.map((i) => (i as { toJSON(): Hold }).toJSON()), hold].flatMap(holdItemLines);
    let start = valueStart;
    while (start > 0 && text[start - 1] === ' ') start--;
    return `${text.slice(0, start)}${eol}${items.map((l) => `${indent}${l}`).join(eol)}${text.slice(seq.range![1])}`;
  }
  const indent = ' '.repeat(valueStart - lineStart(text, valueStart));
  const last = seq.items.at(-1) as { range: [number, number, number] };
  const at = afterLine(text, last.range[1] - 1);
  const lines = item.map((l) => `${indent}${l}${eol}`).join('');
  return at === text.length && !text.endsWith('\n') ? `${text}${eol}${lines}` : `${text.slice(0, at)}${lines}${text.slice(at)}`;
}

/** Where entry `index` of a block hold list is, as whole lines. */
function itemLines(text: string, index: number, file: string): { start: number; end: number; indent: string } {
  const { seq, valueStart } = holdList(text, file);
  if (seq!.flow) throw SeamlineError.at(file, `hold[${index}]`, 'is in a flow list ([...]); edit it by hand');
  const item = seq!.items[index] as { range: [number, number, number] };
  const next = seq!.items[index + 1] as { range: [number, number, number] } | undefined;
  const start = lineStart(text, item.range[0]);
  const end = next ? lineStart(text, next.range[0]) : afterLine(text, item.range[1] - 1);
  return { start, end, indent: ' '.repeat(valueStart - lineStart(text, valueStart)) };
}

function removeItem(text: string, index: number, file: string): string {
  const { start, end } = itemLines(text, index, file);
  return text.slice(0, start) + text.slice(end);
}

function replaceItem(text: string, index: number, hold: Hold, file: string): string {
  const { start, end, indent } = itemLines(text, index, file);
  const eol = eolOf(text);
  const lines = holdItemLines(hold)
    .map((l) => `${indent}${l}${eol}`)
    .join('');
  return text.slice(0, start) + lines + text.slice(end);
}

function removePair(text: string, file: string): string {
  const { seq, keyStart } = holdList(text, file);
  const last = seq!.items.at(-1) as { range: [number, number, number] } | undefined;
  const end = afterLine(text, (last ? last.range[1] : seq!.range![1]) - 1);
  return text.slice(0, lineStart(text, keyStart)) + text.slice(end);
}

/** The edit must read back as exactly the expected holds and nothing else changed; otherwise nothing is written. */
function checkEdit(before: IntegrationConfig, edited: string, expected: Hold[], file: string): string {
  const after = parseIntegrationConfig(edited, file);
  const same = canonicalJson({ ...after, hold: after.hold.map(holdEntry) }) === canonicalJson({ ...before, hold: expected.map(holdEntry) });
  if (!same) throw SeamlineError.at(file, 'hold', 'could not be edited without rewriting other parts of the file; edit the hold list by hand');
  return edited;
}
