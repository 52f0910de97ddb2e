import { SeamlineError, unknownName } from '../errors';
import { failedSeams, type RunResults } from '../run/results';

/** The seams a bisect probes: those named (each declared), else those that failed in the bad run. */
export function seamsToProbe(declared: readonly string[], given: readonly string[], bad: RunResults | undefined): string[] {
  for (const seam of given) {
    if (!declared.includes(seam)) throw new SeamlineError(`--seams: ${unknownName('seam', seam, declared)}`);
  }
  if (given.length) return [...given];
  const failed = bad ? failedSeams(bad) : [];
  if (!failed.length) {
    throw new SeamlineError(
      `bisect: ${bad ? `run ${bad.run_id} has no failed seam to bisect (${bad.reason})` : 'no results.json beside the manifest'}; name the seams with --seams=a,b`,
    );
  }
  return failed;
}
