// The options are what the run takes; schema.json describes them to Nx.
export type { PrFastOptions as PrFastExecutorSchema } from '../../run/pr-fast-run';
