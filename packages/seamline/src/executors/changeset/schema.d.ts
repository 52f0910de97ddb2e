export interface ChangesetExecutorSchema {
  name?: string;
  prs?: string | string[];
  subset?: string;
  shard?: string;
  parallel?: number;
  /** --seam-parallel: Nx consumes --parallel on the command line. */
  seamParallel?: number;
}
