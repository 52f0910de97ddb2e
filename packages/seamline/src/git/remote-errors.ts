import { redactUrl } from '../core/config/git-url';
import { SeamlineError } from '../core/errors';
import { saysNoSpace } from '../fs/no-space';
import { letGitRead, refusedOwnership } from './ownership';
import { firstErrorLine, GIT_MISSING } from './run-git';

/** What a failed fetch or ls-remote means for the user. */
export type RemoteFailure = 'no-git' | 'no-space' | 'not-owned' | 'not-a-repo' | 'unreachable' | 'auth' | 'sha-refused' | 'other';

export function classifyRemoteFailure(stderr: string): RemoteFailure {
  if (stderr.includes(GIT_MISSING)) return 'no-git';
  // Before "unreachable", in case git adds "early EOF" or "remote end hung up" to a fetch that died
  // of a full disk: fetching again cannot help. A "remote:" line is the server's disk.
  if (localNoSpaceLine(stderr)) return 'no-space';
  if (refusedOwnership(stderr)) return 'not-owned';
  if (/does not appear to be a git repository|repository .* not found|Repository not found|not a git repository/i.test(stderr)) return 'not-a-repo';
  if (/Authentication failed|could not read Username|Permission denied \(publickey\)|HTTP 40[13]|returned error: 40[13]/i.test(stderr)) return 'auth';
  if (/not our ref|unadvertised object|no such remote ref|couldn't find remote ref/i.test(stderr)) return 'sha-refused';
  if (
    /Could not resolve host|Failed to connect|Couldn't connect|Connection (refused|timed out|reset)|Operation timed out|early EOF|RPC failed|remote end hung up|HTTP 5\d\d|returned error: 5\d\d|TLS|SSL/i.test(
      stderr,
    )
  )
    return 'unreachable';
  return 'other';
}

const localNoSpaceLine = (stderr: string): string | undefined =>
  stderr
    .split('\n')
    .map((l) => l.trim())
    .find((l) => !/^remote:/i.test(l) && saysNoSpace(l));

/**
 * The network did not let git reach a component's repository, every retry included: neither the
 * repository's fault nor a commit's. A run that meets it tested nothing and blames nobody.
 */
export class RemoteUnreachable extends SeamlineError {
  constructor(message: string, file?: string, field?: string) {
    super(message, file, field);
    this.name = 'RemoteUnreachable';
  }
}

/** Transient failures are worth another attempt; the others will fail the same way. */
export const isTransient = (failure: RemoteFailure) => failure === 'unreachable';

export function remoteError(component: string, url: string, failure: RemoteFailure, stderr: string, attempts = 1): SeamlineError {
  const shown = redactUrl(url);
  const file = `components/${component}/component.yaml`;
  const why = firstErrorLine(stderr);
  switch (failure) {
    case 'no-git':
      return new SeamlineError(`${component}: ${GIT_MISSING}; install git, or put it on PATH, and retry`, file);
    case 'not-owned': {
      // A repository on this machine or a share (a file:// URL or a path) that another user owns.
      const path = refusedOwnership(stderr)!;
      return new SeamlineError(
        `${component}: git refuses ${path}: another user owns it (detected dubious ownership); if you trust its owner, ${letGitRead(path)}`,
        file,
        'repo',
      );
    }
    case 'no-space': {
      // The repository is fine: this machine's disk is full (the caller says where and how much is free).
      return new SeamlineError(`${component}: fetching ${shown} ran out of disk space (${firstErrorLine(localNoSpaceLine(stderr)!)})`, file);
    }
    case 'not-a-repo':
      return new SeamlineError(`${component}: ${shown} is not a git repository or does not exist; check "repo" in ${file}`, file, 'repo');
    case 'auth':
      return new SeamlineError(`${component}: access to ${shown} was denied (${why}); give this machine read access to the repository`, file, 'repo');
    case 'unreachable':
      return new RemoteUnreachable(
        `${component}: cannot reach ${shown} after ${attempts} attempt${attempts > 1 ? 's' : ''} (${why}); check the network or "repo" in ${file}`,
        file,
        'repo',
      );
    default:
      return new SeamlineError(`${component}: git failed on ${shown}: ${why}; check that repository (git fsck there) or "repo" in ${file}`, file, 'repo');
  }
}

/** Run `attempt` up to `attempts` times while it fails transiently, backing off in between. */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  isRetryable: (error: unknown) => boolean,
  attempts = 3,
  baseDelayMs = 500,
): Promise<{ value: T; attempts: number }> {
  for (let n = 1; ; n++) {
    try {
      return { value: await attempt(), attempts: n };
    } catch (error) {
      if (n >= attempts || !isRetryable(error)) throw Object.assign(error as object, { attempts: n });
      await new Promise((r) => setTimeout(r, baseDelayMs * 2 ** (n - 1)));
    }
  }
}
