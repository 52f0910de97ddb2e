export interface RecordKnownGoodExecutorSchema {
  /** The run to record: its id, its directory (.seamline/runs/<id>) or its manifest.yaml. */
  manifest: string;
  /** URL of the CI run. */
  run?: string;
  /** Record without a verified passing run; needs --reason. */
  manual?: boolean;
  reason?: string;
  /** With --manual: how long the suite took, in seconds (default 0). */
  duration?: number;
}
