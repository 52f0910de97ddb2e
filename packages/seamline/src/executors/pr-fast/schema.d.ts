// The options are what the run takes; schema.json describes them to Nx.
import type { PrFastOptions } from '../../run/pr-fast-run';

export type PrFastExecutorSchema = Omit<PrFastOptions, 'sha'> & {
  /** Hex; Nx hands text made only of digits over as a number, which textOptions turns back. */
  sha?: string | number;
};
