export interface VerifyExecutorSchema {
  component: string;
  sha?: string;
}
