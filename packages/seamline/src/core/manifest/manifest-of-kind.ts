import { SeamlineError } from '../errors';
import { listOption } from '../list-option';
import { parsePinSpec } from '../pin-spec';
import { shortSha } from '../tuple';
import { buildChangesetManifest, buildFullManifest, buildPrManifest, type ManifestInputs } from './build-manifest';
import type { Manifest } from './manifest';

/** What `nx run integration:manifest` is asked for, as its options give it. */
export interface ManifestRequest {
  kind: string;
  component?: string;
  sha?: string;
  pr?: number;
  changeset?: string;
  underTest?: string | string[];
}

/** A manifest of the kind asked for, refusing the options that kind needs but lacks. */
export function manifestOfKind(request: ManifestRequest, inputs: ManifestInputs): Manifest {
  switch (request.kind) {
    case 'pr': {
      if (!request.component || !request.sha) throw new SeamlineError('--kind=pr: expected --component=<name> and --sha=<40-hex PR head SHA>');
      return buildPrManifest(inputs, { component: request.component, sha: request.sha, pr: request.pr });
    }
    case 'changeset': {
      if (!request.changeset) throw new SeamlineError('--kind=changeset: expected --changeset=<name>');
      const specs = listOption(request.underTest).map((u) => parsePinSpec(u, 'underTest'));
      return buildChangesetManifest(inputs, request.changeset, specs);
    }
    case 'full':
      return buildFullManifest(inputs);
    default:
      throw new SeamlineError(`--kind: expected one of pr, changeset, full, got ${JSON.stringify(request.kind)}`);
  }
}

/** One line per pin: what is under test, and where every other pin comes from. */
export function describeManifest(manifest: Manifest): string[] {
  const under = manifest.kind === 'pr' ? [manifest.component_under_test] : manifest.kind === 'changeset' ? manifest.components_under_test : [];
  return [
    ...under.map((p) => `  ${p.name.padEnd(16)} ${shortSha(p.sha)}  under test${p.pr ? ` (PR #${p.pr})` : ''}`),
    ...manifest.others.map((p) => `  ${p.name.padEnd(16)} ${shortSha(p.sha)}  ${p.from}`),
  ];
}
