export interface PrFastExecutorSchema {
  component?: string;
  sha?: string;
  pr?: number;
  payload?: string;
  subset?: string;
  shard?: string;
  parallel?: number;
}
