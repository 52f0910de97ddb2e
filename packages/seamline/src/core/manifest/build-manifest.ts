import type { Hold } from '../config/integration-config';
import { SeamlineError, unknownName } from '../errors';
import { holdEntry } from '../hold/hold-entry';
import { isFullSha } from '../sha';
import type { Tuple } from '../tuple';
import type { ChangesetManifest, FullManifest, Manifest, ManifestPin, OtherPin, PrManifest, UnderTestPin } from './manifest';

/** What every manifest is built from; all of it is passed in, nothing is looked up. */
export interface ManifestInputs {
  /** Declared components: name -> repository URL. */
  components: Readonly<Record<string, { repo: string }>>;
  /** The last known good tuple, when there is one. */
  knownGood?: Tuple;
  /** Latest SHAs of each component's default branch, when known. */
  mains?: Tuple;
  /** `full` only: the holds in force (see applyHolds); each held component is pinned at its hold's SHA, not its main. */
  holds?: readonly Hold[];
  subset: string;
  timestamp: string;
}

export interface UnderTestInput {
  component: string;
  sha: string;
  pr?: number;
  branch?: string;
}

export function buildPrManifest(inputs: ManifestInputs, underTest: UnderTestInput): PrManifest {
  const [pin] = underTestPins(inputs, [underTest]);
  return {
    kind: 'pr',
    ...(pin.pr !== undefined ? { pr: pin.pr } : {}),
    component_under_test: pin,
    others: otherPins(inputs, new Set([pin.name])),
    subset: inputs.subset,
    timestamp: inputs.timestamp,
  };
}

export function buildChangesetManifest(inputs: ManifestInputs, changeset: string, underTest: UnderTestInput[]): ChangesetManifest {
  if (!changeset.trim()) throw new SeamlineError('changeset: expected a changeset name, e.g. --changeset=feature-x');
  if (underTest.length === 0) throw new SeamlineError(`changeset "${changeset}": expected at least one component under test, e.g. --underTest=auth@<sha>#17`);
  const pins = underTestPins(inputs, underTest);
  return {
    kind: 'changeset',
    changeset,
    components_under_test: pins,
    others: otherPins(inputs, new Set(pins.map((p) => p.name))),
    subset: inputs.subset,
    timestamp: inputs.timestamp,
  };
}

/** A full manifest: every component at its latest main, but a held one at its hold's SHA. */
export function buildFullManifest(inputs: ManifestInputs): FullManifest {
  const mains = inputs.mains ?? {};
  const holds = (inputs.holds ?? []).filter((h) => inputs.components[h.component]).map(holdEntry);
  const others = Object.keys(inputs.components)
    .sort()
    .map((name): OtherPin => {
      const hold = holds.find((h) => h.component === name);
      if (hold) return { name, repo: inputs.components[name].repo, sha: checkSha(hold.sha, `held SHA of ${name}`), from: 'hold' };
      const sha = mains[name];
      if (!sha)
        throw new SeamlineError(`no main SHA for component "${name}": a full manifest pins every component to its latest main; pass --main=${name}@<sha>`);
      return { name, repo: inputs.components[name].repo, sha: checkSha(sha, `main of ${name}`), from: 'main' };
    });
  return { kind: 'full', others, ...(holds.length ? { holds } : {}), subset: inputs.subset, timestamp: inputs.timestamp };
}

function underTestPins(inputs: ManifestInputs, underTest: UnderTestInput[]): UnderTestPin[] {
  const seen = new Set<string>();
  return underTest.map((u) => {
    const declared = inputs.components[u.component];
    if (!declared) {
      throw new SeamlineError(`${unknownName('component', u.component, Object.keys(inputs.components))}; add it with nx g @seamline/nx:component`);
    }
    if (seen.has(u.component)) throw new SeamlineError(`component "${u.component}" is under test twice; name each component once`);
    seen.add(u.component);
    if (u.pr !== undefined && !(Number.isInteger(u.pr) && u.pr > 0)) {
      throw new SeamlineError(`pr of ${u.component}: expected a positive PR number, got ${u.pr}`);
    }
    return {
      name: u.component,
      repo: declared.repo,
      sha: checkSha(u.sha, `sha of ${u.component}`),
      ...(u.pr !== undefined ? { pr: u.pr } : {}),
      ...(u.branch ? { branch: u.branch } : {}),
    };
  });
}

/** Every declared component not under test, at its last known good SHA, else at main. */
function otherPins(inputs: ManifestInputs, underTest: Set<string>): OtherPin[] {
  return Object.keys(inputs.components)
    .filter((name) => !underTest.has(name))
    .sort()
    .map((name): OtherPin => {
      const repo = inputs.components[name].repo;
      const good = inputs.knownGood?.[name];
      if (good) return { name, repo, sha: checkSha(good, `known-good SHA of ${name}`), from: 'known-good' };
      const main = inputs.mains?.[name];
      if (main) return { name, repo, sha: checkSha(main, `main of ${name}`), from: 'main' };
      throw new SeamlineError(`no known-good or main SHA for component "${name}": record a passing full run first, or pass --main=${name}@<sha>`);
    });
}

function checkSha(sha: string, what: string): string {
  if (!isFullSha(sha)) throw new SeamlineError(`${what}: expected a full 40-character hex commit SHA, got ${JSON.stringify(sha)}; use \`git rev-parse <ref>\``);
  return sha.toLowerCase();
}

/**
 * The manifest of one bisect probe of `bad`: the same kind, subset and names
 * (pr, changeset), every pin at the probe's SHA. A pin under test that is no
 * longer at its PR head loses its `pr` and `branch`: the probe tests a commit
 * of that component, not the PR.
 */
export function probeManifest(bad: Manifest, tuple: Tuple, timestamp: string): Manifest {
  const at = <P extends ManifestPin>(pin: P): P => {
    const sha = tuple[pin.name];
    if (!sha) throw new SeamlineError(`bisect probe: the tuple has no SHA for component "${pin.name}" of the bad manifest`);
    return { ...pin, sha: checkSha(sha, `probe sha of ${pin.name}`) };
  };
  const underTest = (pin: UnderTestPin): UnderTestPin => {
    if (tuple[pin.name] === pin.sha) return pin;
    const { pr: _pr, branch: _branch, ...rest } = pin;
    return at(rest);
  };
  const others = bad.others.map(at);
  if (bad.kind === 'full' && bad.holds) {
    // A probe that moves a held component no longer holds it there.
    const holds = bad.holds.filter((h) => tuple[h.component] === h.sha);
    const pins = others.map((p): OtherPin => (p.from === 'hold' && !holds.some((h) => h.component === p.name) ? { ...p, from: 'main' } : p));
    const { holds: _holds, ...rest } = bad;
    return { ...rest, others: pins, ...(holds.length ? { holds } : {}), timestamp };
  }
  if (bad.kind === 'pr') return { ...bad, component_under_test: underTest(bad.component_under_test), others, timestamp };
  if (bad.kind === 'changeset') return { ...bad, components_under_test: bad.components_under_test.map(underTest), others, timestamp };
  return { ...bad, others, timestamp };
}
