// Types of registry-retry.mjs for the TypeScript that imports it (e2e/src/e2e-workspace.ts).
export declare function onceMoreIfRegistryFailed<T>(
  attempt: () => Promise<T>,
  options: { registryFailureLine: (log: string) => string | undefined; what: string; pauseMs?: number; say?: (line: string) => void },
): Promise<T>;
