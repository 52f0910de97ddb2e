import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { logNoSpaceWords, saysNoSpace, withNoSpaceNamed } from './no-space';

/** The error the operating system gives a write to a full disk: /dev/full always is. */
const realNoSpaceError = () =>
  writeFile('/dev/full', 'x').then(
    () => new Error('/dev/full took a write'),
    (e: Error) => e,
  );

describe('a full disk, said in one line with what to do', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'seamline-no-space-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it("after the system's own message, says that another disk than .seamline's filled up when .seamline's has room", async () => {
    const error = await realNoSpaceError();
    expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
    const line = await withNoSpaceNamed(error.message, root);
    // The disk of this test's temp folder has room (the full one is /dev/full); the full one's branch is in no-space.processes.spec.
    expect(line).toMatch(
      /^ENOSPC: no space left on device, write; a disk is full, not the one \.seamline is on \(\d+(\.\d)? (GB|TB) free there\): free space where the failing step writes \(a temp folder: TMPDIR, \/tmp\) and run again$/,
    );
    // A line that says it already (a run's reason in bisect's error) is left as it is.
    expect(await withNoSpaceNamed(`bisect stopped at probe 1, blaming nobody: ${line}`, root)).toBe(`bisect stopped at probe 1, blaming nobody: ${line}`);
  });

  it('reads what git, npm and a quota print', () => {
    expect(saysNoSpace('fatal: write error: No space left on device')).toBe(true);
    expect(saysNoSpace('npm error code ENOSPC')).toBe(true);
    expect(saysNoSpace('error: unable to write file: Disk quota exceeded')).toBe(true);
    expect(saysNoSpace('EDQUOT: disk quota exceeded, write')).toBe(true);
  });

  it('leaves every other message as it is', async () => {
    const missing = await writeFile(join(root, 'no/such/dir/file'), 'x').catch((e: Error) => e);
    expect(await withNoSpaceNamed((missing as Error).message, root)).toBe((missing as Error).message);
    expect(await withNoSpaceNamed('failed seam: users-auth-contract', root)).toBe('failed seam: users-auth-contract');
  });

  it('finds it at the end of a log in its words, and not in a log that does not say it or does not exist', async () => {
    const log = join(root, 'prepare.log');
    await writeFile(log, `${'npm http fetch GET 200 ok\n'.repeat(10_000)}npm error code ENOSPC\nnpm error nospc ENOSPC: no space left on device, write\n`);
    expect(await logNoSpaceWords(log)).toBe('no space left on device');
    await writeFile(log, 'error: unable to create temporary file: Disk quota exceeded\nfatal: failed to write object\n');
    expect(await logNoSpaceWords(log)).toBe('disk quota exceeded');
    await writeFile(log, 'Tests: 1 failed, 3 passed\n');
    expect(await logNoSpaceWords(log)).toBeUndefined();
    expect(await logNoSpaceWords(join(root, 'missing.log'))).toBeUndefined();
  });

  it('does not read a full disk into an assertion of a suite that tests its own disk-full handling, which names only the code', async () => {
    // What jest prints when a test of the code's own disk-full handling fails.
    const log = join(root, 'seam.log');
    const assertion = [
      'FAIL src/save.spec.ts',
      '  ● save › reports a full disk',
      '    expect(received).toBe(expected) // Object.is equality',
      '    Expected: "ENOSPC"',
      '    Received: "EDQUOT"',
      "      > 12 |     expect(error.code).toBe('ENOSPC');",
      'Tests:       1 failed, 11 passed, 12 total',
    ].join('\n');
    await writeFile(log, `${assertion}\n`);
    expect(await logNoSpaceWords(log)).toBeUndefined();
  });
});
