export interface FullExecutorSchema {
  subset?: string;
  main?: string | string[];
  shard?: string;
  parallel?: number;
  /** --seam-parallel: Nx consumes --parallel on the command line. */
  seamParallel?: number;
  run?: string;
  plan?: string;
  shards?: number;
  manifest?: string;
}
