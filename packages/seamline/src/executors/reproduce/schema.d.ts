export interface ReproduceExecutorSchema {
  manifest?: string;
  /** latest, latest~N or a hex prefix; Nx hands one made only of digits over as a number, which textOptions turns back. */
  record?: string | number;
  parallel?: number;
  /** --seam-parallel: Nx consumes --parallel on the command line. */
  seamParallel?: number;
}
