export interface KnownGoodExecutorSchema {
  latest?: boolean;
  suite?: string;
  verify?: boolean;
  /** Hex; Nx hands text made only of digits over as a number, which textOptions turns back. */
  head?: string | number;
  /** true: print the badge JSON; a path: write it there. */
  badge?: string | boolean;
  canRelease?: string;
  diff?: string;
  prune?: boolean;
  keep?: number;
  /** true: print results as JSON; a path (with --can-release): also write the answer there as JSON. */
  json?: boolean | string;
}
