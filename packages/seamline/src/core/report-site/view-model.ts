import type { KnownGoodRecord } from '../known-good/record';
import { failedSeams, type PrepareFailure } from '../run/results';
import type { Tuple } from '../tuple';
import type { BisectRecord, CommitFacts, Hold, ReportInput, RunInput } from './report-input';
import { compareText } from '../compare-text';

/** Everything the site shows, computed once: the renderer only formats it. */
export interface ReportView {
  generated: string;
  storePath: string;
  head: string | null;
  components: string[];
  latest?: LatestView;
  history: HistoryRow[];
  runs: RunView[];
  seams: SeamView[];
  graph: { components: string[]; seams: { name: string; components: string[] }[]; edges: [string, string][] };
  holds: (Hold & { expired: boolean })[];
}

export interface LatestView {
  /** 1-based position of the record in the store. */
  number: number;
  record: KnownGoodRecord;
  pins: { component: string; sha: string; commit?: CommitFacts; recordsAgo: number; sinceFirst: boolean }[];
}

export interface HistoryRow {
  number: number;
  record: KnownGoodRecord;
  /** component -> whether its SHA differs from the record before (true on the first record). */
  changed: Record<string, boolean>;
}

export interface RunView {
  id: string;
  kind: string;
  verdict: 'pass' | 'fail' | 'bisect';
  reason: string;
  started?: string;
  subset?: string;
  tuple: Tuple;
  failed: { seam: string; log: string }[];
  flaky: string[];
  prepareFailure?: PrepareFailure & { excerpt: string };
  bisect?: BisectRecord;
  /** For a failed run: the bisect verdict runs whose bad tuple is this run's tuple. */
  bisectedIn: string[];
  /** A bisect probe (`bisect-<time>-<hash>`): a run of the failed seams at one tuple. */
  probe: boolean;
}

export interface SeamView {
  name: string;
  components: string[];
  ring: number;
  subsets: string[];
  catches: string;
  pass: number;
  flaky: number;
  fail: number;
  durationS: number;
  quarantine?: { reason: string; expires: string; expired: boolean };
}

/** Bisect probes are runs named `bisect-…` (their verdict is `bisect-verdict-…`). */
export const isProbe = (id: string) => id.startsWith('bisect-') && !id.startsWith('bisect-verdict-');

const sameTuple = (a: Tuple, b: Tuple) => {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
};

/** When a run happened: its start, else the time its id carries (`full-20261121T121403-…`). */
export function runTime(run: RunInput): string {
  if (run.results?.started) return run.results.started;
  const m = /-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})-/.exec(run.id);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z` : '';
}

/** How many records back each component of the last record last moved (0: it moved in the last record). */
export function recordsSinceChange(records: readonly KnownGoodRecord[], component: string): { recordsAgo: number; sinceFirst: boolean } {
  const last = records.length - 1;
  const sha = records[last].tuple[component];
  let i = last;
  while (i > 0 && records[i - 1].tuple[component] === sha) i--;
  return { recordsAgo: last - i, sinceFirst: i === 0 };
}

export function buildReportView(input: ReportInput): ReportView {
  const { model, records } = input;
  const components = [...new Set([...Object.keys(model.components), ...records.flatMap((r) => Object.keys(r.tuple))])].sort();
  const today = input.now.slice(0, 10);

  let latest: LatestView | undefined;
  if (records.length) {
    const record = records[records.length - 1];
    latest = {
      number: records.length,
      record,
      pins: Object.keys(record.tuple)
        .sort()
        .map((component) => ({
          component,
          sha: record.tuple[component],
          commit: input.commits[component]?.[record.tuple[component]],
          ...recordsSinceChange(records, component),
        })),
    };
  }

  const history: HistoryRow[] = [];
  for (let i = records.length - 1; i >= 0; i--) {
    const before = records[i - 1]?.tuple;
    const changed: Record<string, boolean> = {};
    for (const c of Object.keys(records[i].tuple)) changed[c] = !before || before[c] !== records[i].tuple[c];
    history.push({ number: i + 1, record: records[i], changed });
  }

  // A combined run stands for its shards (it holds every seam they ran): listing or counting them too would count each seam twice.
  const combined = new Set(input.runs.flatMap((run) => run.results?.shards?.runs ?? []));
  const shown = input.runs.filter((run) => !combined.has(run.id));
  const sorted = [...shown].sort((a, b) => compareText(runTime(b), runTime(a)) || compareText(b.id, a.id));
  const verdictRuns = sorted.filter((r) => r.bisect);
  const runs: RunView[] = sorted.map((run) => {
    const r = run.results;
    const tuple = r?.tuple ?? run.bisect?.bad ?? {};
    const failed = r ? failedSeams(r) : [];
    const probe = isProbe(run.id);
    return {
      id: run.id,
      probe,
      kind: r ? (probe ? `bisect probe of a ${r.kind} run` : r.kind) : run.bisect ? `bisect of a ${run.bisect.kind} run` : 'unknown',
      verdict: r ? r.verdict : 'bisect',
      reason: r ? r.reason : (run.bisect?.line ?? 'no results.json'),
      started: runTime(run) || undefined,
      subset: r?.subset,
      tuple,
      failed: failed.map((seam) => ({ seam, log: run.logs[seam] ?? '' })),
      flaky: (r?.seams ?? []).filter((s) => s.verdict === 'flaky').map((s) => s.seam),
      ...(r?.prepare_failure ? { prepareFailure: { ...r.prepare_failure, excerpt: run.logs[`prepare-${r.prepare_failure.component}`] ?? '' } } : {}),
      ...(run.bisect ? { bisect: run.bisect } : {}),
      bisectedIn: r && r.verdict === 'fail' && !probe ? verdictRuns.filter((v) => sameTuple(v.bisect!.bad, tuple)).map((v) => v.id) : [],
    };
  });

  // One pass over every seam result. Bisect probes rerun a failure on purpose at many tuples: counting them would make one breakage look like many.
  const counts = new Map<string, { pass: number; flaky: number; fail: number; durationS: number }>();
  for (const run of shown) {
    if (isProbe(run.id)) continue;
    for (const s of run.results?.seams ?? []) {
      const c = counts.get(s.seam) ?? counts.set(s.seam, { pass: 0, flaky: 0, fail: 0, durationS: 0 }).get(s.seam)!;
      c[s.verdict]++;
      c.durationS += s.duration_s;
    }
  }
  const quarantine = new Map(model.integration.quarantine.map((q) => [q.seam, q]));
  const seams: SeamView[] = Object.keys(model.seams)
    .sort()
    .map((name) => {
      const seam = model.seams[name];
      const c = counts.get(name) ?? { pass: 0, flaky: 0, fail: 0, durationS: 0 };
      const view: SeamView = {
        name,
        components: seam.components,
        ring: seam.ring,
        // The subsets seamline.yaml lists it in (or that run every seam), as the catalog shows them.
        subsets: Object.entries(model.integration.subsets)
          .filter(([, subset]) => subset.seams === 'all' || subset.seams.includes(name))
          .map(([subset]) => subset),
        catches: seam.catches,
        pass: c.pass,
        flaky: c.flaky,
        fail: c.fail,
        durationS: Math.round(c.durationS * 10) / 10,
      };
      const q = quarantine.get(name);
      if (q) view.quarantine = { reason: q.reason, expires: q.expires, expired: q.expires < today };
      return view;
    });

  return {
    generated: input.now,
    storePath: input.storePath,
    head: input.head,
    components,
    ...(latest ? { latest } : {}),
    history,
    runs,
    seams,
    graph: {
      components: Object.keys(model.components).sort(),
      seams: seams.map((s) => ({ name: s.name, components: s.components })),
      edges: input.edges,
    },
    holds: (input.holds ?? []).map((h) => ({ ...h, expired: h.expires !== undefined && h.expires < today })),
  };
}
