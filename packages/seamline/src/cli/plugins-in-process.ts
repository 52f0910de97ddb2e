/**
 * Have Nx load the workspace's plugins in this process while `seamline run` computes the project
 * graph, as Nx does with NX_ISOLATE_PLUGINS=false. Without the daemon Nx starts a worker process for
 * every plugin (its own three and each one in nx.json), each loading Nx's code again: on two cores
 * that is more than half of a fully cached `pr-fast` (docs/benchmarks.md). `seamline run` is one short
 * process that ends with its target, and the seam run already loads plugins so for its tasks.
 *
 * Left alone: a user's own NX_ISOLATE_PLUGINS (environment or root .env), and a run whose graph comes
 * from the daemon, which takes the client's environment as its own and would recompute the graph.
 * Call it before Nx's plugin loader is first required: Nx 22 reads the variable when it loads.
 * Returns what puts the environment back once the graph is there (the loaded plugins stay cached).
 */
export function loadPluginsInThisProcess(daemonEnabled: (() => unknown) | undefined): () => void {
  if (process.env.NX_ISOLATE_PLUGINS !== undefined || !daemonEnabled || daemonEnabled() !== false) return () => {};
  process.env.NX_ISOLATE_PLUGINS = 'false';
  return () => {
    delete process.env.NX_ISOLATE_PLUGINS;
  };
}
