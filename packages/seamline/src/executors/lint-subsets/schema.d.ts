export interface LintSubsetsExecutorSchema {
  /** Comma-separated, or a list. */
  allowedDirs?: string | string[];
  /** YYYY-MM-DD instead of today's UTC date, for quarantine expiry. */
  today?: string;
}
