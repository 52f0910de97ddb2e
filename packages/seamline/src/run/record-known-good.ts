import { logger } from '../terminal/logger';
import type { WorkspaceModel } from '../core/config/workspace-model';
import { SeamlineError } from '../core/errors';
import { admitShards, type AdmittedRun, holdsOf, type RunEvidence } from '../core/known-good/admit';
import { holdEntry } from '../core/hold/hold-entry';
import { shortHead } from '../core/known-good/head';
import { manifestHash, manifestTuple } from '../core/manifest/manifest';
import { utcTimestamp } from '../core/time';
import { shortSha } from '../core/tuple';
import { displayPath } from '../workspace/load-workspace';
import { openStore } from '../workspace/open-store';
import { loadNamedManifest, readRunResults } from '../workspace/run-artifacts';

export interface RecordRequest {
  /** The run: its id, its directory, or its manifest.yaml; a sharded run: each shard's, comma-separated. */
  run: string;
  /** URL of the CI run, or null when there is none. */
  runUrl: string | null;
  /** A record made by hand: not a verified pass, and the record says so. */
  manual?: { reason: string; durationS: number };
}

/**
 * Append one known-good record and say so in one line: the only place a record
 * is made. A record is made from a run's own results (see admitRun), or, with
 * an explicit reason, by hand and marked as manual.
 */
export async function recordKnownGood(root: string, model: WorkspaceModel, request: RecordRequest): Promise<{ line: number; head: string }> {
  const runs = request.run
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  if (request.manual && runs.length !== 1) throw new SeamlineError('--manual: name one manifest; nothing was written');
  const evidence: RunEvidence[] = [];
  for (const run of runs) {
    const { manifest, file } = await loadNamedManifest(root, model, run);
    evidence.push({
      manifest,
      manifestFile: displayPath(root, file),
      ...(request.manual ? { results: undefined, resultsFile: '' } : await readRunResults(root, file, 'nothing was written')),
    });
  }
  if (!evidence.length) throw new SeamlineError('--manifest: name the run to record (its id, its directory or its manifest.yaml); nothing was written');
  const { manifest } = evidence[0];
  const admitted: AdmittedRun = request.manual
    ? {
        tuple: manifestTuple(manifest),
        manifestSha256: manifestHash(manifest),
        suite: manifest.subset,
        durationS: request.manual.durationS,
        ...holdsOf(manifest),
      }
    : admitShards(model, evidence);
  const store = openStore(root, model);
  const { line, hash, repaired } = await store.append({
    timestamp: utcTimestamp(new Date()),
    tuple: admitted.tuple,
    manifest_sha256: admitted.manifestSha256,
    suite: admitted.suite,
    duration_s: admitted.durationS,
    run: request.runUrl,
    ...(request.manual ? { manual: request.manual.reason } : {}),
    ...(admitted.quarantined ? { quarantined: admitted.quarantined } : {}),
    ...(admitted.holds ? { holds: admitted.holds.map(holdEntry) } : {}),
  });
  if (repaired)
    logger.warn(`${store.displayPath}: cut off an incomplete last line (${repaired} bytes) that a writer killed mid-write left; it was never recorded`);
  const held = admitted.holds ? `, holding ${admitted.holds.map((h) => h.component).join(', ')}` : '';
  const how = `${request.manual ? `manual record (${request.manual.reason})` : `suite ${admitted.suite}`}${held}`;
  logger.info(`Recorded known good: ${store.displayPath} line ${line} (${how}, manifest ${shortSha(admitted.manifestSha256)}, head ${shortHead(hash)})`);
  return { line, head: hash };
}
