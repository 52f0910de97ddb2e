import type { BisectVerdict } from '../bisect/verdict';
import type { WorkspaceModel } from '../config/workspace-model';
import type { KnownGoodRecord } from '../known-good/record';
import type { RunResults } from '../run/results';
import type { Tuple } from '../tuple';
import type { Hold } from '../config/integration-config';

/** A hold: a component kept at a SHA on purpose (`hold:` entries of seamline.yaml). */
export type { Hold };

/** What the pin cache knows about a commit (absent when the cache does not have it). */
export interface CommitFacts {
  subject: string;
  date: string;
}

/** component -> sha -> facts. */
export type CommitIndex = Record<string, Record<string, CommitFacts>>;

/** bisect.json as `bisectFailure` writes it (only the fields the report shows). */
export interface BisectRecord {
  kind: string;
  seams: string[];
  good_from?: string;
  good: Tuple;
  bad: Tuple;
  probes: { run: number; why: string; tuple: Tuple; result: string; answered?: string; seconds: number; run_dir?: string; reason?: string }[];
  verdict: BisectVerdict;
  culprit?: { sha: string; subject: string; author: string; date: string };
  line: string;
}

/** One run directory as read from disk: its id (folder name), its results and/or bisect verdict, and excerpts of its logs. */
export interface RunInput {
  id: string;
  results?: RunResults;
  bisect?: BisectRecord;
  /** seam (or `prepare-<component>`) -> the end of its log. */
  logs: Record<string, string>;
}

/** Everything the report is built from; read by the caller, nothing read here. */
export interface ReportInput {
  model: WorkspaceModel;
  /** The store's records, oldest first. */
  records: KnownGoodRecord[];
  /** sha256 of the store's last line; null for an empty store. */
  head: string | null;
  storePath: string;
  runs: RunInput[];
  commits: CommitIndex;
  /** component -> component edges (dependsOn and what checkouts show). */
  edges: [string, string][];
  holds?: Hold[];
  /** When the report was generated (RFC 3339 UTC): the reference for "ago" and for quarantine expiry. */
  now: string;
}
