// Text options may reach the executor as numbers (Nx parses `--reason=1234567`); asTyped gives back the text.
export interface SeamExecutorSchema {
  command: (string | number)[];
}
