export interface SeamExecutorSchema {
  command: string[];
}
