export interface ManifestExecutorSchema {
  kind: 'pr' | 'changeset' | 'full';
  component?: string;
  /** Hex; Nx hands text made only of digits over as a number, which textOptions turns back. */
  sha?: string | number;
  pr?: number;
  /** A name made only of digits reaches Nx as a number, which textOptions turns back. */
  changeset?: string | number;
  underTest?: string | string[];
  main?: string | string[];
  subset?: string;
  out?: string;
  timestamp?: string;
}
