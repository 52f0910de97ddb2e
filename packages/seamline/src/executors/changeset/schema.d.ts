// Text options may reach the executor as numbers (Nx parses `--reason=1234567`); asTyped gives back the text.
export interface ChangesetExecutorSchema {
  name?: string | number;
  prs?: string | (string | number)[] | number;
  subset?: string | number;
  shard?: string | number;
  parallel?: number;
  plan?: string | number;
  shards?: number;
  manifest?: string | number;
  /** --seam-parallel: Nx consumes --parallel on the command line. */
  seamParallel?: number;
}
