import { SeamlineError } from '../core/errors';
import { saysNoSpace, withNoSpaceNamed } from '../fs/no-space';
import { notWritableProblem } from '../fs/not-writable';
import { withOlderGitNamed } from '../git/git-version';

/**
 * What a failure says to a user, in one line: a folder this user may not write and a
 * full disk with what to do; a git older than Seamline supports named on the same line.
 * `known`: a failure the line explains (a SeamlineError, or one of those), not a bug.
 */
export async function explainFailure(error: unknown, root: string): Promise<{ message: string; known: boolean }> {
  const notWritable = await notWritableProblem(error, root);
  if (notWritable) return { message: notWritable, known: true };
  const raw = (error as Error).message;
  const message = await withNoSpaceNamed(await withOlderGitNamed(raw), root);
  return { message, known: error instanceof SeamlineError || saysNoSpace(raw) };
}
