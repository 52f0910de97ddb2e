export interface CombineExecutorSchema {
  runs: string | string[];
  parallel?: number;
  /** --seam-parallel: Nx consumes --parallel on the command line. */
  seamParallel?: number;
  run?: string;
}
