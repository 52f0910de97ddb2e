export interface ReproduceExecutorSchema {
  manifest?: string;
  record?: string;
  parallel?: number;
  /** --seam-parallel: Nx consumes --parallel on the command line. */
  seamParallel?: number;
}
