export interface ChangesetExecutorSchema {
  name?: string;
  prs?: string | string[];
  subset?: string;
  shard?: string;
  parallel?: number;
  plan?: string;
  shards?: number;
  manifest?: string;
  /** --seam-parallel: Nx consumes --parallel on the command line. */
  seamParallel?: number;
}
