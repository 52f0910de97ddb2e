export interface KnownGoodExecutorSchema {
  latest?: boolean;
  suite?: string;
  verify?: boolean;
  head?: string;
  badge?: string;
  canRelease?: string;
  diff?: string;
  prune?: boolean;
  keep?: number;
  json?: boolean;
}
