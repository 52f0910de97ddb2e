import type { Hold } from '../config/integration-config';

/** `{ component, sha, reason, expires }` in this key order, wherever a hold is written (manifest, record, seamline.yaml). */
export const holdEntry = (hold: Hold): Hold => ({ component: hold.component, sha: hold.sha, reason: hold.reason, expires: hold.expires });

/** `schema held at 1a2b3c4d5e6f until 2026-12-13: <reason>`: one line wherever a hold is shown. */
export const describeHold = (hold: Hold): string => `${hold.component} held at ${hold.sha.slice(0, 12)} until ${hold.expires}: ${hold.reason}`;
