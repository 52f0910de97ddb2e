import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { type ExecutorContext, logger } from '@nx/devkit';
import type { WorkspaceModel } from '../../core/config/workspace-model';
import { SeamlineError } from '../../core/errors';
import { badge, canRelease, FULL_SUITE, findRecord, latest } from '../../core/known-good/queries';
import type { KnownGoodRecord } from '../../core/known-good/record';
import { manifestTuple } from '../../core/manifest/manifest';
import { parsePinSpec } from '../../core/pin-spec';
import { utcTimestamp } from '../../core/time';
import { diffTuples, formatTupleDiff, shortSha, type Tuple } from '../../core/tuple';
import { writeFileAtomic } from '../../fs/atomic-write';
import type { KnownGoodStore } from '../../store/known-good-store';
import { displayPath, loadManifest, loadWorkspace } from '../../workspace/load-workspace';
import { openStore } from '../../workspace/open-store';
import { type ExecutorResult, runExecutor } from '../run-executor';
import type { KnownGoodExecutorSchema } from './schema';

export default async function knownGoodExecutor(options: KnownGoodExecutorSchema, context: ExecutorContext): Promise<ExecutorResult> {
  return runExecutor(context, async () => {
    const root = context.root;
    const model = await loadWorkspace(root);
    const store = openStore(root, model);
    const suite = options.suite ?? FULL_SUITE;
    const print = (human: string[], data: unknown) => (options.json ? logger.info(JSON.stringify(data, null, 2)) : human.forEach((l) => logger.info(l)));
    const asked = options.latest || options.verify || options.badge || options.canRelease || options.diff || options.prune;

    if (options.verify || !asked) {
      const result = await verify(store, options.head);
      print([result.line], result.data);
    }
    const records = await store.records();
    if (!asked) {
      const suites = [...new Set(records.map((r) => r.suite))].sort();
      for (const s of suites) print(describeRecord(latest(records, s)!, `latest ${s}`), latest(records, s));
    }
    if (options.latest) {
      const record = latest(records, suite);
      if (!record) throw new SeamlineError(`${store.displayPath}: no known-good record for suite "${suite}" yet; a passing \`nx run integration:full\` records one`);
      print(describeRecord(record, `latest ${suite}`), record);
    }
    if (options.diff) {
      const [before, after] = await diffRefs(root, model, records, options.diff);
      const diff = diffTuples(before, after);
      print([`${options.diff}:`, ...formatTupleDiff(diff)], diff);
    }
    if (options.badge === true) {
      logger.info(JSON.stringify(badge(latest(records, suite))));
    } else if (options.badge) {
      const path = isAbsolute(options.badge) ? options.badge : join(root, options.badge);
      await mkdir(dirname(path), { recursive: true });
      await writeFileAtomic(path, `${JSON.stringify(badge(latest(records, suite)), null, 2)}\n`);
      logger.info(`Wrote badge ${displayPath(root, path)}`);
    }
    if (options.prune) {
      if (options.keep === undefined) throw new SeamlineError('--prune: expected --keep=<number of newest records to keep>');
      const removed = await store.prune(options.keep, utcTimestamp(new Date()));
      logger.info(removed ? `Pruned ${removed} record(s) from ${store.displayPath}; kept ${options.keep} behind a checkpoint` : `Nothing to prune: ${store.displayPath} holds ${records.length} record(s)`);
    }
    if (options.canRelease) {
      const { component, sha } = parsePinSpec(options.canRelease, 'can-release');
      if (!model.components[component]) throw new SeamlineError(`--can-release: unknown component "${component}" (declared: ${Object.keys(model.components).sort().join(', ')})`);
      const record = canRelease(records, component, sha);
      if (!record) {
        logger.error(`${component}@${shortSha(sha)} cannot be released: it is not part of any tuple that passed the full suite`);
        return { success: false, canRelease: false };
      }
      print([`${component}@${shortSha(sha)} can be released: it passed the full suite at ${record.timestamp} (manifest ${shortSha(record.manifest_sha256)})`], { canRelease: true, record });
    }
    return { success: true };
  });
}

async function verify(store: KnownGoodStore, head: string | undefined): Promise<{ line: string; data: unknown }> {
  const result = await store.verify();
  if (!result.ok) throw new SeamlineError(`${store.displayPath}:${result.line}: ${result.problem}; restore it from git`, store.displayPath);
  if (head !== undefined && head.toLowerCase() !== result.head) {
    throw new SeamlineError(`${store.displayPath}: the last line hashes to ${result.head ?? '(empty store)'}, not the expected head ${head}: records were cut from or edited at the end`, store.displayPath);
  }
  const count = result.records.length;
  const checkpoint = result.lines.length > count ? ', after a checkpoint' : '';
  return {
    line: `${store.displayPath}: ${count} record(s)${checkpoint}, chain intact${result.head ? `, head ${result.head}` : ''}`,
    data: { ok: true, records: count, head: result.head },
  };
}

function describeRecord(record: KnownGoodRecord, title: string): string[] {
  const width = Math.max(...Object.keys(record.tuple).map((n) => n.length));
  return [
    `${title}: ${record.timestamp}, manifest ${shortSha(record.manifest_sha256)}, ${record.duration_s}s${record.run ? `, ${record.run}` : ''}`,
    ...Object.entries(record.tuple).map(([name, sha]) => `  ${name.padEnd(width)}  ${sha}`),
  ];
}

/** `A..B`, each side a record reference or a manifest file. */
async function diffRefs(root: string, model: WorkspaceModel, records: KnownGoodRecord[], range: string): Promise<[Tuple, Tuple]> {
  const sides = range.split('..');
  if (sides.length !== 2 || !sides[0] || !sides[1]) throw new SeamlineError(`--diff: expected A..B (e.g. latest~1..latest), got ${JSON.stringify(range)}`);
  const resolve = async (ref: string): Promise<Tuple> => {
    if (existsSync(isAbsolute(ref) ? ref : join(root, ref))) return manifestTuple(await loadManifest(root, model, ref));
    const record = findRecord(records, ref);
    if (!record) throw new SeamlineError(`--diff: ${JSON.stringify(ref)} is neither a manifest file nor a known-good record (use latest, latest~N or a manifest-hash prefix of 7+ hex)`);
    return record.tuple;
  };
  return [await resolve(sides[0]), await resolve(sides[1])];
}
