export interface ComponentGeneratorSchema {
  name: string;
  repo: string;
  /** Nx hands a branch named like a number (`--branch=1.10`) over as one (see textOptions). */
  branch?: string | number;
  dependsOn?: string;
  npm?: string;
  skipCheck?: boolean;
  skipFormat?: boolean;
}
