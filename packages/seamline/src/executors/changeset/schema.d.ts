export interface ChangesetExecutorSchema {
  /** A ticket number as a name (`changeset:4512`) reaches Nx as a number, which textOptions turns back. */
  name?: string | number;
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
