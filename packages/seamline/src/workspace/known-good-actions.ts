import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import type { WorkspaceModel } from '../core/config/workspace-model';
import { SeamlineError } from '../core/errors';
import { describePrune, describeRecord, describeVerify, type KnownGoodOutput } from '../core/known-good/format';
import { badge, findRecord, latest } from '../core/known-good/queries';
import { decideRelease, type ReleaseVerdict, storeNotVerified } from '../core/known-good/release';
import { parseReleaseTarget } from '../core/known-good/release-target';
import type { KnownGoodRecord } from '../core/known-good/record';
import { manifestTuple } from '../core/manifest/manifest';
import { utcTimestamp } from '../core/time';
import { diffTuples, formatTupleDiff, type Tuple } from '../core/tuple';
import { writeFileAtomic } from '../fs/atomic-write';
import type { KnownGoodStore } from '../store/known-good-store';
import { verifyStoreHistory } from '../store/store-history';
import { verifyChain } from '../core/known-good/chain';
import { displayPath, loadManifest } from './load-workspace';

/** What every known-good action works on: the workspace, its store, and the suite of --latest and --badge. */
export interface KnownGoodContext {
  root: string;
  model: WorkspaceModel;
  store: KnownGoodStore;
  suite: string;
}

/** No action flag: verify the chain, then the latest record of each suite. */
export async function showSummary(ctx: KnownGoodContext, head: string | undefined): Promise<KnownGoodOutput[]> {
  const verified = await verifyStore(ctx, head);
  const records = await ctx.store.records();
  const suites = [...new Set(records.map((r) => r.suite))].sort();
  return [verified, ...suites.map((s) => ({ lines: describeRecord(latest(records, s)!, `latest ${s}`), json: latest(records, s) }))];
}

/** The chain, then the store's git history (every commit extends the one before, the working file the last), then the anchored head. */
export async function verifyStore(ctx: KnownGoodContext, head: string | undefined): Promise<KnownGoodOutput> {
  const text = await ctx.store.readText();
  const chain = verifyChain(text);
  if (!chain.ok) return describeVerify(ctx.store.displayPath, chain, head);
  const history = await verifyStoreHistory(ctx.store.path, ctx.store.displayPath, text);
  return describeVerify(ctx.store.displayPath, chain, head, history);
}

export async function showLatest(ctx: KnownGoodContext): Promise<KnownGoodOutput> {
  const record = await ctx.store.latest(ctx.suite);
  if (!record)
    throw new SeamlineError(`${ctx.store.displayPath}: no known-good record for suite "${ctx.suite}" yet; a passing \`nx run integration:full\` records one`);
  return { lines: describeRecord(record, `latest ${ctx.suite}`), json: record };
}

export async function showDiff(ctx: KnownGoodContext, range: string): Promise<KnownGoodOutput> {
  const [before, after] = await diffRefs(ctx.root, ctx.model, await ctx.store.records(), range);
  const diff = diffTuples(before, after);
  return { lines: [`${range}:`, ...formatTupleDiff(diff)], json: diff };
}

/** `--badge`: the endpoint JSON on one line; `--badge=<file>`: written there. */
export async function badgeOf(ctx: KnownGoodContext, file: string | true): Promise<KnownGoodOutput> {
  const chain = await ctx.store.verify();
  const doc = badge(latest(await ctx.store.records(), ctx.suite), chain.ok ? chain.head : null);
  if (file === true) return { lines: [JSON.stringify(doc)] };
  const path = await writeJson(ctx.root, file, doc);
  return { lines: [`Wrote badge ${displayPath(ctx.root, path)}`] };
}

export async function pruneStore(ctx: KnownGoodContext, keep: number | undefined): Promise<KnownGoodOutput> {
  const count = (await ctx.store.records()).length;
  if (keep === undefined) throw new SeamlineError('--prune: expected --keep=<number of newest records to keep>');
  const removed = await ctx.store.prune(keep, utcTimestamp(new Date()));
  return { lines: [describePrune(ctx.store.displayPath, removed, keep, count)] };
}

/** What `--can-release` answers: the verdict, and the store it was read from. */
export type ReleaseAnswer = ReleaseVerdict & { store: { path: string; head: string | null; historyCommits: number } };

/**
 * `--can-release=<component or repository>@<sha>`: only a store whose chain and git
 * history verify can answer; then ok only if a full-suite record verifies that SHA
 * (see core/known-good/release). A store that does not verify answers no, naming why.
 */
export async function canReleasePin(ctx: KnownGoodContext, spec: string): Promise<ReleaseAnswer> {
  const { component, sha } = parseReleaseTarget(spec, ctx.model.components);
  const store = { path: ctx.store.displayPath, head: null, historyCommits: 0 };
  const text = await ctx.store.readText();
  const chain = verifyChain(text);
  if (!chain.ok) return { ...storeNotVerified(component, sha, `${ctx.store.displayPath}:${chain.line}: ${chain.problem}; restore it from git`), store };
  let history: { checked: number };
  try {
    history = await verifyStoreHistory(ctx.store.path, ctx.store.displayPath, text);
  } catch (error) {
    if (error instanceof SeamlineError) return { ...storeNotVerified(component, sha, error.message), store };
    throw error;
  }
  return { ...decideRelease(chain, component, sha), store: { ...store, head: chain.head, historyCommits: history.checked } };
}

/** `A..B`, each side a record reference or a manifest file. */
export async function diffRefs(root: string, model: WorkspaceModel, records: KnownGoodRecord[], range: string): Promise<[Tuple, Tuple]> {
  const sides = range.split('..');
  if (sides.length !== 2 || !sides[0] || !sides[1]) throw new SeamlineError(`--diff: expected A..B (e.g. latest~1..latest), got ${JSON.stringify(range)}`);
  const resolve = async (ref: string): Promise<Tuple> => {
    if (existsSync(isAbsolute(ref) ? ref : join(root, ref))) return manifestTuple(await loadManifest(root, model, ref));
    const record = findRecord(records, ref);
    if (!record)
      throw new SeamlineError(
        `--diff: ${JSON.stringify(ref)} is neither a manifest file nor a known-good record (use latest, latest~N or a manifest-hash prefix of 7+ hex)`,
      );
    return record.tuple;
  };
  return [await resolve(sides[0]), await resolve(sides[1])];
}

/** `--json=<file>`, `--badge=<file>`: data as JSON in that file (relative to the workspace root), written atomically; returns its path. */
export async function writeJson(root: string, file: string, data: unknown): Promise<string> {
  const path = isAbsolute(file) ? file : join(root, file);
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, `${JSON.stringify(data, null, 2)}\n`);
  return path;
}
