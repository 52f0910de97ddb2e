import { canonicalJson } from '../canonical-json';
import { sha256 } from '../hash';
import type { Hold } from '../config/integration-config';
import type { Tuple } from '../tuple';

/** One component at one commit, as a manifest lists it. */
export interface ManifestPin {
  name: string;
  repo: string;
  sha: string;
}

/** A component not under test: where its SHA came from (`hold`: a hold of seamline.yaml kept it from its main). */
export interface OtherPin extends ManifestPin {
  from: 'known-good' | 'main' | 'hold';
}

/** A component under test: the PR head it was taken from. */
export interface UnderTestPin extends ManifestPin {
  pr?: number;
  branch?: string;
}

interface ManifestBase {
  others: OtherPin[];
  subset: string;
  /** RFC 3339, UTC. Not part of the manifest hash. */
  timestamp: string;
}

export interface PrManifest extends ManifestBase {
  kind: 'pr';
  pr?: number;
  component_under_test: UnderTestPin;
}

export interface ChangesetManifest extends ManifestBase {
  kind: 'changeset';
  changeset: string;
  components_under_test: UnderTestPin[];
}

export interface FullManifest extends ManifestBase {
  kind: 'full';
  /** The holds applied: one per `from: hold` pin, with why and until when. Absent when none was. */
  holds?: Hold[];
}

export type Manifest = PrManifest | ChangesetManifest | FullManifest;
export type ManifestKind = Manifest['kind'];
export const MANIFEST_KINDS: readonly ManifestKind[] = ['pr', 'changeset', 'full'];

export function pinsUnderTest(manifest: Manifest): UnderTestPin[] {
  if (manifest.kind === 'pr') return [manifest.component_under_test];
  if (manifest.kind === 'changeset') return manifest.components_under_test;
  return [];
}

export function allPins(manifest: Manifest): ManifestPin[] {
  return [...pinsUnderTest(manifest), ...manifest.others];
}

export function manifestTuple(manifest: Manifest): Tuple {
  const tuple: Record<string, string> = {};
  for (const pin of allPins(manifest)) tuple[pin.name] = pin.sha;
  return tuple;
}

/**
 * sha256 of the canonical JSON of `{tuple, subset}`: the same composition has
 * the same hash whatever the key order, pin order, kind or timestamp.
 */
export function manifestHash(manifest: Pick<Manifest, 'subset'> & Manifest): string {
  return tupleHash(manifestTuple(manifest), manifest.subset);
}

export function tupleHash(tuple: Tuple, subset: string): string {
  return sha256(canonicalJson({ tuple, subset }));
}
