export interface BisectExecutorSchema {
  bad: string;
  good?: string;
  seams?: string[] | string;
  parallel?: number;
}
