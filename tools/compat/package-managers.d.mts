// Types of package-managers.mjs for the TypeScript that imports it (e2e/src/e2e-workspace.ts).
export type PackageManagerName = 'npm' | 'pnpm' | 'yarn' | 'yarn-pnp';
export type Command = [command: string, args: string[]];
export declare const PACKAGE_MANAGERS: PackageManagerName[];
export declare function packageManager(pm: string): {
  init: Command;
  addDev(...specs: string[]): Command;
  bin(name: string, args: string[]): Command;
  nx(args: string[]): Command;
};
export declare function afterInit(pm: string, dir: string): Promise<void>;
