// Types of toolchain.mjs for the TypeScript that imports it (e2e/src/e2e-workspace.ts).
export declare const NPM_VERSION: string;
export declare const PNPM_VERSION: string;
export declare const YARN_VERSION: string;
export declare const YARN_CLASSIC_VERSION: string;
export declare const BUN_VERSION: string;
export declare function prepareToolchain(
  cacheDir: string,
  env: NodeJS.ProcessEnv,
  log: string,
  majors?: readonly string[],
): Promise<{ nodeBin: Partial<Record<'22' | '24' | '26', string>>; npmBin: string; pmBin: string; yarnClassicBin: string; bunBin: string }>;
export declare function toolchainPath(
  tools: { nodeBin: Partial<Record<string, string>>; npmBin: string; pmBin: string; yarnClassicBin?: string; bunBin?: string },
  major: string,
  basePath: string | undefined,
  pm?: string,
): string;
export declare function packageManagerBins(tools: { pmBin: string; yarnClassicBin?: string; bunBin?: string }, pm?: string): string[];
export declare function preparePackageManagers(cacheDir: string, env: NodeJS.ProcessEnv, log: string): Promise<string>;
export declare function prepareBun(cacheDir: string, env: NodeJS.ProcessEnv, log: string): Promise<string>;
export declare function prepareYarnClassic(cacheDir: string, env: NodeJS.ProcessEnv, log: string): Promise<string>;
export declare function resolveNxVersions(env: NodeJS.ProcessEnv, log: string): Promise<Record<string, string>>;
export declare function checkDeclaredRange(
  manifest: { peerDependencies?: Record<string, string>; dependencies?: Record<string, string> },
  nxVersions: Record<string, string>,
  env: NodeJS.ProcessEnv,
  log: string,
): Promise<{ devkit: string; devkitPeer: string }>;
