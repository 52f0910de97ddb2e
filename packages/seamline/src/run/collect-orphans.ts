import { logger } from '../terminal/logger';
import { formatSize } from '../core/size';
import { checkoutsHome } from '../fs/checkouts-outside';
import { findOrphanedFolders, type OrphanedFolder, removeOrphanedFolder } from '../fs/orphaned-checkouts';

export interface OrphansReport {
  home: string;
  found: OrphanedFolder[];
  /** The folders removed (with `remove`, and not `dryRun`). */
  removed: OrphanedFolder[];
}

/** Find the folders of checkouts no workspace uses any more and, when asked, remove them. */
export async function collectOrphans(options: { remove?: boolean; dryRun?: boolean } = {}): Promise<OrphansReport> {
  const home = checkoutsHome();
  const found = await findOrphanedFolders(home);
  const removed: OrphanedFolder[] = [];
  if (options.remove && !options.dryRun) for (const folder of found) if (await removeOrphanedFolder(folder)) removed.push(folder);
  return { home, found, removed };
}

const why = (f: OrphanedFolder) => (f.why === 'gone' ? `${f.workspace} is gone` : `${f.workspace} no longer uses it`);
const total = (folders: OrphanedFolder[]) => formatSize(folders.reduce((sum, f) => sum + f.bytes, 0));

/** The report as lines; nothing when there is nothing to say and nothing was asked. */
export function logOrphansReport(report: OrphansReport, options: { remove?: boolean; dryRun?: boolean } = {}): void {
  const head = `Folders of deleted or moved workspaces in ${report.home}`;
  if (!options.remove) {
    if (report.found.length === 0) return;
    logger.info(`${head}: ${report.found.length}, ${total(report.found)}; \`nx run integration:gc --orphans\` removes them.`);
    for (const f of report.found) logger.info(`  ${f.dir} (${formatSize(f.bytes)}): ${why(f)}`);
    return;
  }
  const gone = options.dryRun ? report.found : report.removed;
  const verb = options.dryRun ? 'would remove' : 'removed';
  logger.info(`${head}: ${verb} ${gone.length}, ${options.dryRun ? 'would free' : 'freed'} ${total(gone)}.`);
  for (const f of gone) logger.info(`  ${verb} ${f.dir} (${formatSize(f.bytes)}): ${why(f)}`);
  for (const f of report.found.filter((f) => !options.dryRun && !report.removed.includes(f))) logger.info(`  kept ${f.dir}: its workspace uses it again`);
}
