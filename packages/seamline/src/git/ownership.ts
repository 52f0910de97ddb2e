/**
 * Git (2.35.2 and later) refuses a repository another user owns ("dubious
 * ownership"): a checkout or cache made by a container, or a CI agent, that
 * runs as someone else. Such a repository is whole, and must be neither taken
 * for missing nor made again. Git trusts it again once `safe.directory` names
 * it; Seamline never sets that itself, since another user's repository may
 * carry config that runs code.
 */
export function refusedOwnership(stderr: string): string | undefined {
  return /dubious ownership in repository at '([^']+)'/.exec(stderr)?.[1];
}

/** Git's own way to trust a repository, as every refusal line names it. */
export const letGitRead = (path: string): string => `let git read it (git config --global --add safe.directory ${path})`;
