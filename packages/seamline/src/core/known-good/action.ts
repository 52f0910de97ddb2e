import { SeamlineError } from '../errors';

/** What one `nx run integration:known-good` does; `summary` when no action flag is given. */
export type KnownGoodAction = 'summary' | 'verify' | 'latest' | 'diff' | 'badge' | 'prune' | 'can-release';

/** The action flags of the known-good executor, as Nx parses them. */
export interface KnownGoodActionFlags {
  verify?: boolean;
  latest?: boolean;
  diff?: string;
  badge?: string | boolean;
  prune?: boolean;
  canRelease?: string;
}

const FLAGS: ReadonlyArray<[flag: keyof KnownGoodActionFlags, action: KnownGoodAction, cli: string]> = [
  ['verify', 'verify', '--verify'],
  ['latest', 'latest', '--latest'],
  ['diff', 'diff', '--diff'],
  ['badge', 'badge', '--badge'],
  ['prune', 'prune', '--prune'],
  ['canRelease', 'can-release', '--can-release'],
];

/** The one action the flags ask for; two action flags at once are refused. */
export function knownGoodAction(flags: KnownGoodActionFlags): KnownGoodAction {
  const given = FLAGS.filter(([flag]) => flags[flag]);
  if (given.length > 1) {
    throw new SeamlineError(`${given.map(([, , cli]) => cli).join(' and ')}: one action per run; pass one of ${FLAGS.map(([, , cli]) => cli).join(', ')}`);
  }
  return given[0]?.[1] ?? 'summary';
}
