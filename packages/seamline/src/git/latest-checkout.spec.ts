import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkoutsRoot } from '../workspace/layout';
import { latestCheckouts } from './latest-checkout';

describe('latestCheckouts', () => {
  let root: string;
  const sha = (n: number) => String(n).repeat(40);
  /** A checkout folder and, when complete, its `.done` marker with the given age in seconds. */
  const checkout = async (component: string, n: number, ageS?: number) => {
    const dir = join(checkoutsRoot(root), `${component}@${sha(n)}`);
    await mkdir(dir, { recursive: true });
    if (ageS === undefined) return;
    const marker = join(checkoutsRoot(root), `.${component}@${sha(n)}.done`);
    await writeFile(marker, '');
    const when = new Date(Date.now() - ageS * 1000);
    await utimes(marker, when, when);
  };

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'seamline-latest-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('finds the newest complete checkout of every component from one listing', async () => {
    await checkout('auth', 1, 300);
    await checkout('auth', 2, 10);
    await checkout('auth', 3, 100);
    await checkout('auth-v2', 4, 500); // a name that starts with another component's name
    await checkout('users', 5, 50);
    await checkout('users', 6); // newest folder, but not complete: no marker
    const newest = latestCheckouts(root);
    expect(Object.fromEntries(newest)).toEqual({
      auth: join(checkoutsRoot(root), `auth@${sha(2)}`),
      'auth-v2': join(checkoutsRoot(root), `auth-v2@${sha(4)}`),
      users: join(checkoutsRoot(root), `users@${sha(5)}`),
    });
    expect(newest.get('billing')).toBeUndefined();
  });

  it('is empty when nothing was ever materialized', () => {
    expect(latestCheckouts(root).size).toBe(0);
  });

  it('ignores files in the checkouts folder that are not completion markers', async () => {
    await checkout('auth', 1, 10);
    await writeFile(join(checkoutsRoot(root), '.DS_Store'), '');
    await writeFile(join(checkoutsRoot(root), '.noat.done'), '');
    await writeFile(join(checkoutsRoot(root), '.@nameless.done'), '');
    expect([...latestCheckouts(root).keys()]).toEqual(['auth']);
  });
});
