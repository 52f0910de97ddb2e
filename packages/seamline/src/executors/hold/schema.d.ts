export interface HoldExecutorSchema {
  component?: string;
  /** Full 40-hex SHA; required unless releasing. */
  sha?: string;
  reason?: string;
  /** YYYY-MM-DD; default today + 14 days. */
  expires?: string;
  /** Delete the hold on the component. */
  release?: boolean;
  /** Alias of release. */
  remove?: boolean;
}
