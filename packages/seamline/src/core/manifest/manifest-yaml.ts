import { Document, isMap, isSeq, visit } from 'yaml';
import { parseYaml } from '../config/parse-yaml';
import { parseWith, SeamlineError } from '../errors';
import { allPins, type Manifest, type ManifestKind, pinsUnderTest } from './manifest';
import { manifestKindSchema, manifestSchemas } from './manifest-schema';
import { holdEntry } from '../hold/hold-entry';
import { compareText } from '../compare-text';

/** Parse manifest YAML: schema, then the rules across fields (each component once). */
export function parseManifest(text: string, file: string): Manifest {
  const data = parseYaml(text, file, 'failsafe');
  const { kind } = parseWith(manifestKindSchema, data, file) as { kind: ManifestKind };
  const manifest = parseWith(manifestSchemas[kind], data, file) as Manifest;
  if (
    manifest.kind === 'pr' &&
    manifest.pr !== undefined &&
    manifest.component_under_test.pr !== undefined &&
    manifest.pr !== manifest.component_under_test.pr
  ) {
    throw SeamlineError.at(file, 'component_under_test.pr', `expected the same PR as "pr" (${manifest.pr}), got ${manifest.component_under_test.pr}`);
  }
  if (manifest.kind === 'full') checkHeldPins(manifest, file);
  else {
    const i = manifest.others.findIndex((p) => p.from === 'hold');
    if (i !== -1)
      throw SeamlineError.at(
        file,
        `others[${i}].from`,
        `"hold" in a ${manifest.kind} manifest; only a full run applies holds, expected "known-good" or "main"`,
      );
  }
  const where = new Map<string, string>();
  const underTest = pinsUnderTest(manifest).length;
  allPins(manifest).forEach((pin, i) => {
    const field = manifest.kind === 'pr' && i === 0 ? 'component_under_test' : i < underTest ? `components_under_test[${i}]` : `others[${i - underTest}]`;
    const first = where.get(pin.name);
    if (first) throw SeamlineError.at(file, `${field}.name`, `component "${pin.name}" is already pinned at ${first}; a tuple names each component once`);
    where.set(pin.name, field);
  });
  return manifest;
}

/** Every `from: hold` pin has its hold (same component and SHA) under `holds`, and every hold its pin. */
function checkHeldPins(manifest: Manifest & { kind: 'full' }, file: string): void {
  const holds = manifest.holds ?? [];
  manifest.others.forEach((pin, i) => {
    const hold = holds.find((h) => h.component === pin.name);
    if (pin.from === 'hold' && hold?.sha !== pin.sha)
      throw SeamlineError.at(file, `others[${i}].from`, `"hold", but "holds" has no entry for ${pin.name} at ${pin.sha}; regenerate the manifest`);
  });
  holds.forEach((h, i) => {
    if (!manifest.others.some((p) => p.name === h.component && p.from === 'hold' && p.sha === h.sha))
      throw SeamlineError.at(file, `holds[${i}]`, `holds ${h.component} at ${h.sha}, but no pin of "others" is that hold; regenerate the manifest`);
  });
}

/**
 * Manifest -> YAML with a fixed key order and one flow mapping per pin, so a
 * manifest is small, diffable and byte-identical for identical input.
 */
export function serializeManifest(manifest: Manifest): string {
  const ordered: Record<string, unknown> = { kind: manifest.kind };
  if (manifest.kind === 'pr') {
    if (manifest.pr !== undefined) ordered.pr = manifest.pr;
    ordered.component_under_test = pinObject(manifest.component_under_test);
  }
  if (manifest.kind === 'changeset') {
    ordered.changeset = manifest.changeset;
    ordered.components_under_test = manifest.components_under_test.map(pinObject);
  }
  ordered.others = [...manifest.others].sort((a, b) => compareText(a.name, b.name)).map(pinObject);
  if (manifest.kind === 'full' && manifest.holds?.length) ordered.holds = manifest.holds.map(holdEntry);
  ordered.subset = manifest.subset;
  ordered.timestamp = manifest.timestamp;

  const doc = new Document(ordered);
  visit(doc, {
    Map(_key, node, path) {
      // Pins (maps under a list, or the single component_under_test) print on one line.
      const parent = path[path.length - 1];
      if (
        isSeq(parent) ||
        (path.length > 1 && isMap(path[path.length - 2]) && (parent as { key?: { value?: unknown } }).key?.value === 'component_under_test')
      ) {
        node.flow = true;
      }
    },
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: true });
}

function pinObject(pin: object): Record<string, unknown> {
  const order = ['name', 'repo', 'sha', 'pr', 'branch', 'from'];
  const source = pin as Record<string, unknown>;
  return Object.fromEntries(order.filter((k) => source[k] !== undefined).map((k) => [k, source[k]]));
}
