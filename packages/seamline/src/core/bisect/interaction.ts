import type { Planning, Session } from './probe';

/**
 * A 1-minimal failing combination (ddmin's last step): from a set known to fail
 * when advanced to bad, drop each component in turn (sorted order) if the rest
 * still fails. At most |set| probes; tuples already run are not run again. A
 * skipped probe keeps the component: it cannot be shown unnecessary.
 */
export function* minimizeFailing(session: Session, failing: readonly string[]): Planning<string[]> {
  let set = [...failing].sort();
  for (const name of [...set]) {
    if (set.length === 1) break;
    const rest = set.filter((other) => other !== name);
    const tuple = session.advanced(rest);
    const result = session.known(tuple) ?? (yield* session.probe(tuple, `advance ${rest.join(', ')} to bad (without ${name})`));
    if (result === 'fail') set = rest;
  }
  return set;
}
