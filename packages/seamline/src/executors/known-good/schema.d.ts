export interface KnownGoodExecutorSchema {
  latest?: boolean;
  suite?: string;
  verify?: boolean;
  head?: string;
  /** true: print the badge JSON; a path: write it there. */
  badge?: string | boolean;
  canRelease?: string;
  diff?: string;
  prune?: boolean;
  keep?: number;
  json?: boolean;
}
