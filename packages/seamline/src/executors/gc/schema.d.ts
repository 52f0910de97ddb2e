// Text options may reach the executor as numbers (Nx parses `--reason=1234567`); asTyped gives back the text.
export interface GcExecutorSchema {
  maxSize?: string | number;
  dryRun?: boolean;
  orphans?: boolean;
}
