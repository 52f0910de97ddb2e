export interface CombineExecutorSchema {
  runs: string | string[];
  parallel?: number;
  run?: string;
}
