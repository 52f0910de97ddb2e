export interface BisectExecutorSchema {
  bad: string;
  good?: string;
  seams?: string[] | string;
  parallel?: number;
  /** --seam-parallel: Nx consumes --parallel on the command line. */
  seamParallel?: number;
}
