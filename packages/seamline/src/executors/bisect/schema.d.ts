// Text options may reach the executor as numbers (Nx parses `--reason=1234567`); asTyped gives back the text.
export interface BisectExecutorSchema {
  bad: string | number;
  good?: string | number;
  seams?: (string | number)[] | string | number;
  parallel?: number;
  /** --seam-parallel: Nx consumes --parallel on the command line. */
  seamParallel?: number;
}
