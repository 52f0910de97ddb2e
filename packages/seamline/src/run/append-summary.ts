import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Add a section to a run's summary.md (and the GitHub job summary) after the run. */
export async function appendSummary(runDir: string, markdown: string): Promise<void> {
  await appendFile(join(runDir, 'summary.md'), `\n${markdown}\n`);
  if (process.env.GITHUB_STEP_SUMMARY) await appendFile(process.env.GITHUB_STEP_SUMMARY, `\n${markdown}\n`).catch(() => undefined);
}
