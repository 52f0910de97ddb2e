// Text options may reach the executor as numbers (Nx parses `--reason=1234567`); asTyped gives back the text.
export interface ReportExecutorSchema {
  out?: string | number;
  runs?: (string | number)[] | string;
}
