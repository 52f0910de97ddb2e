export interface VerifyExecutorSchema {
  component: string;
  /** Hex; Nx hands text made only of digits over as a number, which textOptions turns back. */
  sha?: string | number;
}
