// Text options may reach the executor as numbers (Nx parses `--reason=1234567`); asTyped gives back the text.
export interface ManifestExecutorSchema {
  kind: 'pr' | 'changeset' | 'full';
  component?: string | number;
  sha?: string | number;
  pr?: number;
  changeset?: string | number;
  underTest?: string | (string | number)[] | number;
  main?: string | (string | number)[] | number;
  subset?: string | number;
  out?: string | number;
  timestamp?: string | number;
}
