// Text options may reach the executor as numbers (Nx parses `--reason=1234567`); asTyped gives back the text.
export interface RecordKnownGoodExecutorSchema {
  /** The run to record: its id, its directory (.seamline/runs/<id>) or its manifest.yaml. */
  manifest: string | number;
  /** URL of the CI run. */
  run?: string | number;
  /** Record without a verified passing run; needs --reason. */
  manual?: boolean;
  reason?: string | number;
  /** With --manual: how long the suite took, in seconds (default 0). */
  duration?: number;
}
