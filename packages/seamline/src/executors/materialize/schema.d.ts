export interface MaterializeExecutorSchema {
  manifest?: string;
  component?: string;
  sha?: string;
  concurrency?: number;
}
