// Text options may reach the executor as numbers (Nx parses `--reason=1234567`); asTyped gives back the text.
export interface FullExecutorSchema {
  subset?: string | number;
  main?: string | (string | number)[] | number;
  shard?: string | number;
  parallel?: number;
  /** --seam-parallel: Nx consumes --parallel on the command line. */
  seamParallel?: number;
  run?: string | number;
  plan?: string | number;
  shards?: number;
  manifest?: string | number;
}
