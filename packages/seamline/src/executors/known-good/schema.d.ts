// Text options may reach the executor as numbers (Nx parses `--reason=1234567`); asTyped gives back the text.
export interface KnownGoodExecutorSchema {
  latest?: boolean;
  suite?: string | number;
  verify?: boolean;
  head?: string | number;
  /** true: print the badge JSON; a path: write it there. */
  badge?: string | boolean | number;
  canRelease?: string | number;
  diff?: string | number;
  prune?: boolean;
  keep?: number;
  /** true: print results as JSON; a path (with --can-release): also write the answer there as JSON. */
  json?: boolean | string | number;
}
