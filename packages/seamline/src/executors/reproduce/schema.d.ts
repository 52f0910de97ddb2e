export interface ReproduceExecutorSchema {
  manifest?: string;
  record?: string;
  parallel?: number;
}
