/**
 * Nx's error for plugins it could not load, with the reason for each. Loading plugins in its
 * own process, as `seamline run` has Nx do without the daemon, Nx wraps a plugin it cannot
 * resolve in "Could not load plugin <name>" and keeps why only as that error's cause, which its
 * message leaves out; in a plugin worker (Nx's default) the reason is the message itself
 * ("Cannot find module '<name>'"). Nx 22.0 throws that one error as it is; 22.7 to 24 an
 * AggregateError of them ("Failed to load N Nx plugin(s)"), nested once more. An error whose
 * causes are already said, or that has none, is returned as it is.
 */
export function withPluginLoadCauses(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  let message = error.message;
  for (const inner of leaves(error)) {
    if (!(inner.cause instanceof Error)) continue;
    const cause = inner.cause.message.split('\n')[0].trim();
    if (!cause || message.includes(cause) || !message.includes(inner.message)) continue;
    message = message.replace(inner.message, `${inner.message}: ${cause}`);
  }
  if (message === error.message) return error;
  const said = error instanceof AggregateError ? new AggregateError(error.errors, message) : new Error(message, { cause: error.cause });
  return Object.assign(said, { stack: error.stack });
}

/** The error itself, or the errors an AggregateError holds, through the ones it nests. */
function leaves(error: Error): Error[] {
  if (!(error instanceof AggregateError)) return [error];
  return (error.errors as unknown[]).flatMap((inner) => (inner instanceof Error ? leaves(inner) : []));
}
