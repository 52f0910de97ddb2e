export interface ManifestExecutorSchema {
  kind: 'pr' | 'changeset' | 'full';
  component?: string;
  sha?: string;
  pr?: number;
  changeset?: string;
  underTest?: string | string[];
  main?: string | string[];
  subset?: string;
  out?: string;
  timestamp?: string;
}
