import { relative } from 'node:path';
import { shortSha } from '../core/tuple';
import type { MaterializeEvent } from './materialize';

/** One line per component: what happened, how long it took, where it landed. */
export function progressLine(event: MaterializeEvent, width: number, root: string): string {
  const seconds = `${(event.ms / 1000).toFixed(1)}s`.padStart(6);
  const name = event.pin.component.padEnd(width);
  if (event.kind === 'failed') return `  ✗ ${name}  ${shortSha(event.pin.sha)}  failed  ${seconds}  ${event.error.message}`;
  const note = event.pin.note ? `  (${event.pin.note})` : '';
  return `  ✓ ${name}  ${shortSha(event.pin.sha)}  ${event.pin.status.padEnd(7)} ${seconds}  ${relative(root, event.pin.dir)}${note}`;
}
