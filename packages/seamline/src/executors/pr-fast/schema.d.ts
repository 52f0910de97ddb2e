// The options are what the run takes; schema.json describes them to Nx.
import type { AsParsed } from '../../cli/text-options';
import type { PrFastOptions } from '../../run/pr-fast-run';

export type PrFastExecutorSchema = AsParsed<PrFastOptions>;
