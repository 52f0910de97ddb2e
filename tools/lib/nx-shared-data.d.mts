// Types of nx-shared-data.mjs for the TypeScript that imports it (e2e/src/e2e-workspace.ts).
export declare function nxSharedDataDir(ws: string, env?: NodeJS.ProcessEnv): Promise<string | undefined>;
export declare function removeWorkspaceAndNxData(ws: string, env?: NodeJS.ProcessEnv): Promise<void>;
export declare function seamlineCheckoutsDir(ws: string): Promise<string | undefined>;
