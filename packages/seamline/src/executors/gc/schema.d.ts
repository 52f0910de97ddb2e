export interface GcExecutorSchema {
  maxSize?: string | number;
  dryRun?: boolean;
}
