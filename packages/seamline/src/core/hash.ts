import * as crypto from 'node:crypto';

/** One-shot `crypto.hash` (Node 20.12+, about twice as fast on short lines) where this Node has it. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

export function sha256(text: string): string {
  return oneShot ? oneShot('sha256', text, 'hex') : crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}
