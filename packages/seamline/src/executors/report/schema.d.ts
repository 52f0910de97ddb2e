export interface ReportExecutorSchema {
  out?: string;
  runs?: string[] | string;
}
