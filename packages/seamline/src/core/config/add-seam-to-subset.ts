import { isAlias, isScalar, isSeq, parseDocument, type Range, stringify } from 'yaml';
import { SeamlineError } from '../errors';
import { parseIntegrationConfig } from './parse-config';
import { integrationConfigPath } from './workspace-model';

/**
 * seamline.yaml text with `seam` added to `subsets.<subset>.seams`. The list
 * is found with the yaml document model, then only its text is edited: a
 * round trip through `toString()` would re-pad every flow collection and move
 * comments all over the user's curated file. Unchanged when the subset is
 * `all` or already lists the seam.
 */
export function addSeamToSubset(text: string, subset: string, seam: string, file = integrationConfigPath): string {
  const config = parseIntegrationConfig(text, file);
  const entry = config.subsets[subset];
  if (!entry) throw SeamlineError.at(file, 'subsets', `unknown subset "${subset}"`);
  if (entry.seams === 'all' || entry.seams.includes(seam)) return text;

  const field = `subsets.${subset}.seams`;
  const node = parseDocument(text).getIn(['subsets', subset, 'seams'], true);
  if (isAlias(node) || !isSeq(node) || !node.range || !node.items.every((i) => isScalar(i) && i.range)) {
    throw SeamlineError.at(file, field, `is not a plain list of names; add "${seam}" there by hand`);
  }
  const last = node.items.at(-1) as { range: Range } | undefined;
  const name = stringify(seam).trim(); // quoted only when plain would not read back as text, e.g. "123"
  const edited = node.flow ? addToFlow(text, node.range, last?.range, name) : addToBlock(text, node.range, last!.range, name);

  // The edit must read back as exactly one more name in that list.
  const after = parseIntegrationConfig(edited, file).subsets[subset].seams;
  if (after === 'all' || after.join('\n') !== [...entry.seams, seam].join('\n')) {
    throw SeamlineError.at(file, field, `could not add "${seam}" without rewriting the file; add it there by hand`);
  }
  return edited;
}

/** `[a, b]` -> `[a, b, seam]`; `[]` -> `[seam]`. */
function addToFlow(text: string, list: Range, last: Range | undefined, seam: string): string {
  const at = last ? last[1] : list[0] + 1;
  return `${text.slice(0, at)}${last ? ', ' : ''}${seam}${text.slice(at)}`;
}

/** A new `- seam` line under the last item, at the same indentation as the first. */
function addToBlock(text: string, list: Range, last: Range, seam: string): string {
  const indent = list[0] - (text.lastIndexOf('\n', list[0] - 1) + 1);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lineEnd = text.indexOf('\n', last[1]);
  const line = `${' '.repeat(indent)}- ${seam}`;
  if (lineEnd === -1) return `${text}${eol}${line}${eol}`;
  return `${text.slice(0, lineEnd + 1)}${line}${eol}${text.slice(lineEnd + 1)}`;
}
