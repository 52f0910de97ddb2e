import { Document } from 'yaml';
import type { Hold } from '../config/integration-config';
import { holdEntry } from './hold-entry';

/**
 * A hold as a block list item (`- component: ...`, then its other keys), rendered
 * by the yaml library so a reason with `: ` or `#` or a SHA of digits only is
 * quoted where it must be, and reads back as the same strings.
 */
export function holdItemLines(hold: Hold): string[] {
  const text = new Document([holdEntry(hold)]).toString({ lineWidth: 0 });
  return text.replace(/\n$/, '').split('\n');
}
