import { mkdir } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { type ExecutorContext, logger } from '@nx/devkit';
import { seamsOfSubset } from '../../core/config/workspace-model';
import { SeamlineError } from '../../core/errors';
import { buildChangesetManifest, buildFullManifest, buildPrManifest, type ManifestInputs } from '../../core/manifest/build-manifest';
import { type Manifest, manifestHash } from '../../core/manifest/manifest';
import { serializeManifest } from '../../core/manifest/manifest-yaml';
import { parsePinSpec, pinSpecsToTuple } from '../../core/pin-spec';
import { listOption } from '../../core/list-option';
import { utcTimestamp } from '../../core/time';
import { shortSha } from '../../core/tuple';
import { writeFileAtomic } from '../../fs/atomic-write';
import { displayPath, loadWorkspace } from '../../workspace/load-workspace';
import { manifestsRoot } from '../../workspace/layout';
import { lastKnownGoodTuple } from '../../workspace/open-store';
import { type ExecutorResult, runExecutor } from '../run-executor';
import type { ManifestExecutorSchema } from './schema';

export default async function manifestExecutor(options: ManifestExecutorSchema, context: ExecutorContext): Promise<ExecutorResult> {
  return runExecutor(context, async () => {
    const root = context.root;
    const model = await loadWorkspace(root);
    const subset = options.subset ?? (options.kind === 'full' ? 'full' : 'pr_fast');
    seamsOfSubset(model, subset); // refuses an unknown subset before anything is written
    const knownGood = options.kind === 'full' ? undefined : await lastKnownGoodTuple(root, model);
    const inputs: ManifestInputs = {
      components: model.components,
      knownGood,
      mains: pinSpecsToTuple(listOption(options.main).map((m) => parsePinSpec(m, 'main')), 'main'),
      subset,
      timestamp: options.timestamp ?? utcTimestamp(new Date()),
    };
    const manifest = build(options, inputs);
    const hash = manifestHash(manifest);
    const out = options.out ?? join(manifestsRoot(root), `${manifest.kind}-${hash.slice(0, 12)}.yaml`);
    const path = isAbsolute(out) ? out : join(root, out);
    await mkdir(dirname(path), { recursive: true });
    await writeFileAtomic(path, serializeManifest(manifest));
    logger.info(`Wrote ${manifest.kind} manifest ${displayPath(root, path)} (manifest hash ${shortSha(hash)}, subset ${subset})`);
    for (const line of describe(manifest)) logger.info(line);
    return { success: true, manifest: path, hash };
  });
}

function build(options: ManifestExecutorSchema, inputs: ManifestInputs): Manifest {
  switch (options.kind) {
    case 'pr': {
      if (!options.component || !options.sha) throw new SeamlineError('--kind=pr: expected --component=<name> and --sha=<40-hex PR head SHA>');
      return buildPrManifest(inputs, { component: options.component, sha: options.sha, pr: options.pr });
    }
    case 'changeset': {
      if (!options.changeset) throw new SeamlineError('--kind=changeset: expected --changeset=<name>');
      const specs = listOption(options.underTest).map((u) => parsePinSpec(u, 'underTest'));
      return buildChangesetManifest(inputs, options.changeset, specs);
    }
    case 'full':
      return buildFullManifest(inputs);
    default:
      throw new SeamlineError(`--kind: expected one of pr, changeset, full, got ${JSON.stringify(options.kind)}`);
  }
}

function describe(manifest: Manifest): string[] {
  const under = manifest.kind === 'pr' ? [manifest.component_under_test] : manifest.kind === 'changeset' ? manifest.components_under_test : [];
  return [
    ...under.map((p) => `  ${p.name.padEnd(16)} ${shortSha(p.sha)}  under test${p.pr ? ` (PR #${p.pr})` : ''}`),
    ...manifest.others.map((p) => `  ${p.name.padEnd(16)} ${shortSha(p.sha)}  ${p.from}`),
  ];
}
