export interface HoldExecutorSchema {
  component?: string;
  /** Full 40-hex SHA; required unless releasing. */
  /** Hex; Nx hands text made only of digits over as a number, which textOptions turns back. */
  sha?: string | number;
  reason?: string;
  /** YYYY-MM-DD; default today + 14 days. */
  expires?: string;
  /** Delete the hold on the component. */
  release?: boolean;
  /** Alias of release. */
  remove?: boolean;
}
