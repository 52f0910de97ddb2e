// Text options may reach the executor as numbers (Nx parses `--reason=1234567`); asTyped gives back the text.
export interface HoldExecutorSchema {
  component?: string | number;
  /** Full 40-hex SHA; required unless releasing. */
  sha?: string | number;
  reason?: string | number;
  /** YYYY-MM-DD; default today + 14 days. */
  expires?: string | number;
  /** Delete the hold on the component. */
  release?: boolean;
  /** Alias of release. */
  remove?: boolean;
}
