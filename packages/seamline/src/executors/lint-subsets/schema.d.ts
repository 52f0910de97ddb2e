// Text options may reach the executor as numbers (Nx parses `--reason=1234567`); asTyped gives back the text.
export interface LintSubsetsExecutorSchema {
  /** Comma-separated, or a list. */
  allowedDirs?: string | (string | number)[] | number;
  /** YYYY-MM-DD instead of today's UTC date, for quarantine expiry. */
  today?: string | number;
}
