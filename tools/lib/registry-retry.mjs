/**
 * Runs `attempt` (an execa call that rejects with its stderr) and, when it failed because the
 * registry or the network did (`registryFailureLine`, the plugin's own classifier, finds a reset
 * connection or a 503 in its stderr), once more after a pause, saying so: such a blip says nothing
 * about what the bench or the test measures. Anything else fails at once.
 */
export async function onceMoreIfRegistryFailed(attempt, { registryFailureLine, what, pauseMs = 15_000, say = console.log }) {
  try {
    return await attempt();
  } catch (error) {
    const line = registryFailureLine(String(error?.stderr ?? ''));
    if (!line) throw error;
    say(`${what}: the registry or the network failed it (${line}); once more in ${Math.round(pauseMs / 1000)} s`);
    await new Promise((r) => setTimeout(r, pauseMs));
    return attempt();
  }
}
