export interface ComponentGeneratorSchema {
  name: string;
  repo: string;
  branch?: string;
  dependsOn?: string;
  npm?: string;
  skipCheck?: boolean;
  skipFormat?: boolean;
}
