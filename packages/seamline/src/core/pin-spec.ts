import { SeamlineError } from './errors';
import { COMPONENT_NAME } from './component-name';
import { isFullSha } from './sha';

/** A pin as typed on the command line: `name@<40-hex sha>`, optionally `#<pr>`. */
export interface PinSpec {
  component: string;
  sha: string;
  pr?: number;
}

const PIN_SPEC = new RegExp(`^(${COMPONENT_NAME})@([^#\\s]+)(?:#(\\d+))?$`);

export function parsePinSpec(text: string, option: string): PinSpec {
  const match = PIN_SPEC.exec(text.trim());
  if (!match) throw new SeamlineError(`--${option}: expected name@<sha> (e.g. auth@${'0'.repeat(40)}), got ${JSON.stringify(text)}`);
  const [, component, sha, pr] = match;
  if (!isFullSha(sha)) throw new SeamlineError(`--${option}: ${component}@${sha}: expected a full 40-character hex commit SHA; use \`git rev-parse <ref>\``);
  return { component, sha: sha.toLowerCase(), ...(pr ? { pr: Number(pr) } : {}) };
}

/** `name@sha` list -> tuple, refusing a component named twice. */
export function pinSpecsToTuple(specs: PinSpec[], option: string): Record<string, string> {
  const tuple: Record<string, string> = {};
  for (const spec of specs) {
    if (tuple[spec.component]) throw new SeamlineError(`--${option}: component "${spec.component}" is named twice`);
    tuple[spec.component] = spec.sha;
  }
  return tuple;
}
