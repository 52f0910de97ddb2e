import { mkdir, rm } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import type { WorkspaceModel } from '../core/config/workspace-model';
import type { Hold } from '../core/config/integration-config';
import { buildReportView } from '../core/report-site/view-model';
import { utcTimestamp } from '../core/time';
import { writeFileAtomic } from '../fs/atomic-write';
import { renderReportSite } from '../render/report-site/render-site';
import { runsRoot } from '../workspace/layout';
import { displayPath } from '../workspace/load-workspace';
import { findRunDirs, readCommitIndex, readRuns, readStoreForReport } from '../workspace/report-inputs';

export const DEFAULT_REPORT_OUT = 'dist/seamline-report';

export interface ReportRequest {
  root: string;
  model: WorkspaceModel;
  /** Where the site goes, relative to the workspace root; default dist/seamline-report. */
  out?: string;
  /** Run directories or folders of them; default .seamline/runs. */
  runs?: readonly string[];
  edges?: [string, string][];
  /** `hold:` entries; default the workspace's own (integration/seamline.yaml). */
  holds?: Hold[];
  now?: Date;
}

export interface ReportOutcome {
  file: string;
  records: number;
  runs: number;
  /** How many files the site has (index.html and the history pages). */
  files: number;
  bytes: number;
}

/** Read the store, the runs and the pin caches; write the static site (a self-contained index.html, and history pages for a long store). */
export async function buildReport(request: ReportRequest): Promise<ReportOutcome> {
  const { root, model } = request;
  const folders = request.runs?.length ? request.runs : [displayPath(root, runsRoot(root))];
  const [store, runDirs] = await Promise.all([readStoreForReport(root, model), findRunDirs(root, folders)]);
  const runs = await readRuns(runDirs);
  const latest = store.records[store.records.length - 1];
  const commits = await readCommitIndex(root, latest ? [latest.tuple] : []);
  const view = buildReportView({
    model,
    records: store.records,
    head: store.head,
    storePath: store.shown,
    runs,
    commits,
    edges: request.edges ?? [],
    holds: request.holds ?? model.integration.hold,
    now: utcTimestamp(request.now ?? new Date()),
  });
  const files = renderReportSite(view);
  const outDir = isAbsolute(request.out ?? DEFAULT_REPORT_OUT) ? request.out! : join(root, request.out ?? DEFAULT_REPORT_OUT);
  // History pages of an earlier, longer store (before a prune) must not linger.
  await rm(join(outDir, 'history'), { recursive: true, force: true });
  let bytes = 0;
  for (const [name, content] of Object.entries(files)) {
    await mkdir(dirname(join(outDir, name)), { recursive: true });
    await writeFileAtomic(join(outDir, name), content);
    bytes += Buffer.byteLength(content);
  }
  const file = join(outDir, 'index.html');
  return { file: displayPath(root, file), records: store.records.length, runs: runs.length, files: Object.keys(files).length, bytes };
}
