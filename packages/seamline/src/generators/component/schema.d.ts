// Text options may reach the executor as numbers (Nx parses `--reason=1234567`); asTyped gives back the text.
export interface ComponentGeneratorSchema {
  name: string | number;
  repo: string | number;
  branch?: string | number;
  github?: string | number;
  dependsOn?: string | number;
  npm?: string | number;
  submodules?: boolean;
  lfs?: boolean;
  skipCheck?: boolean;
  skipFormat?: boolean;
}
