/** What a run reads back about each seam task it asked Nx to run. */
export interface SeamTaskRecord {
  project: string;
  target: string;
  status: string;
  code: number;
  startTime?: number;
  endTime?: number;
  terminalOutput: string;
}
