// Text options may reach the executor as numbers (Nx parses `--reason=1234567`); asTyped gives back the text.
export interface CombineExecutorSchema {
  runs: string | (string | number)[] | number;
  parallel?: number;
  /** --seam-parallel: Nx consumes --parallel on the command line. */
  seamParallel?: number;
  plan?: string | number;
  run?: string | number;
}
