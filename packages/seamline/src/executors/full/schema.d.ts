export interface FullExecutorSchema {
  subset?: string;
  main?: string | string[];
  shard?: string;
  parallel?: number;
  run?: string;
  plan?: string;
  shards?: number;
  manifest?: string;
}
