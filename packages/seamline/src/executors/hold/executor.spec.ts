import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { logger } from '../../terminal/logger';
import { executorContext, FIXTURE_FILES, fixtureWorkspace } from '../../__fixtures__/workspace';
import { addDays } from '../../core/hold/suggest-hold';
import { utcTimestamp } from '../../core/time';
import lintSubsets from '../lint-subsets/executor';
import hold from './executor';

const I = 'integration/seamline.yaml';
const A = 'a'.repeat(40);
const today = utcTimestamp(new Date()).slice(0, 10);
const CURATED = `# the integration repo's policies\n${FIXTURE_FILES[I]}# bisect when full fails\nbisect: auto\n`;

describe('hold executor', () => {
  let root: string;
  let infos: string[];
  let errors: string[];
  const config = () => readFile(join(root, I), 'utf8');

  beforeEach(async () => {
    root = await fixtureWorkspace({ ...FIXTURE_FILES, [I]: CURATED });
    infos = [];
    errors = [];
    jest.spyOn(logger, 'info').mockImplementation((m) => void infos.push(String(m)));
    jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    jest.spyOn(logger, 'error').mockImplementation((m) => void errors.push(String(m)));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('writes the hold under the file as it was, then lint-subsets accepts it; --release takes it out again', async () => {
    const expires = addDays(today, 7);
    expect(await hold({ component: 'auth', sha: A, reason: 'culprit auth 1234: renames token', expires }, executorContext(root))).toEqual({
      success: true,
      action: 'held',
    });
    const text = await config();
    expect(text).toBe(`${CURATED}hold:\n  - component: auth\n    sha: ${A}\n    reason: "culprit auth 1234: renames token"\n    expires: ${expires}\n`);
    expect(infos).toEqual([
      `hold: auth held at ${A.slice(0, 12)} until ${expires}: culprit auth 1234: renames token, written to ${I}; full keeps auth there until the hold expires`,
    ]);
    expect((await lintSubsets({}, executorContext(root))).success).toBe(true);

    expect(await hold({ component: 'auth', remove: true }, executorContext(root))).toEqual({ success: true, action: 'released' });
    expect(await config()).toBe(CURATED);
    expect(await hold({ component: 'auth', release: true }, executorContext(root))).toEqual({ success: true, action: 'not held' });
  });

  it('a second hold on the component replaces the first and says so', async () => {
    await hold({ component: 'auth', sha: A, reason: 'first', expires: addDays(today, 3) }, executorContext(root));
    await hold({ component: 'auth', sha: 'b'.repeat(40), reason: 'second' }, executorContext(root));
    expect(errors).toEqual([]);
    expect(infos[1]).toContain(`(replaces auth held at ${A.slice(0, 12)} until ${addDays(today, 3)}: first)`);
    expect((await config()).match(/component: auth/g)).toHaveLength(1);
    expect(await config()).toContain(`expires: ${addDays(today, 14)}\n`);
  });

  it.each([
    [{ component: 'ledger', sha: A, reason: 'r' }, '--component: unknown component "ledger" (declared: auth, billing, users); hold a declared component'],
    [
      { component: 'auth', sha: 'main', reason: 'r' },
      '--sha: expected the full 40-character hex commit SHA to hold auth at, got "main"; use `git rev-parse <ref>` in its repository',
    ],
    [{ component: 'auth', sha: A, reason: 'r', expires: addDays(today, -1) }, `--expires: ${addDays(today, -1)} is not in the future (today is ${today})`],
  ])('refuses %j in one line and writes nothing', async (options, message) => {
    expect(await hold(options, executorContext(root))).toEqual({ success: false });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(message);
    expect(await config()).toBe(CURATED);
  });
});
