export interface MaterializeExecutorSchema {
  manifest?: string;
  component?: string;
  /** Hex; Nx hands text made only of digits over as a number, which textOptions turns back. */
  sha?: string | number;
  concurrency?: number;
}
