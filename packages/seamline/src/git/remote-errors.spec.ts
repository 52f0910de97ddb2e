import { classifyRemoteFailure, isTransient, remoteError } from './remote-errors';
import { firstErrorLine, runGit } from './run-git';

describe('what a failed git says to the user', () => {
  it('takes the server’s own fatal line over git’s summary, without its prefix or final period', () => {
    // What git printed for a corrupt remote in a new-user trial.
    const stderr = [
      'remote: fatal: unable to read e1568dc0b6c1f5a3a1f1c1e5d9b7e4f1c2d3e4f5',
      'remote: aborting due to possible repository corruption on the remote side.',
      'fatal: git upload-pack: git-pack-objects died with error.',
      'fatal: remote did not send all necessary objects',
    ].join('\n');
    expect(firstErrorLine(stderr)).toBe('unable to read e1568dc0b6c1f5a3a1f1c1e5d9b7e4f1c2d3e4f5');
    expect(firstErrorLine('error: pathspec did not match.')).toBe('pathspec did not match');
    expect(firstErrorLine('warning: something\nplain line')).toBe('warning: something');
    const error = remoteError('billing', 'file:///repos/billing', classifyRemoteFailure(stderr), stderr);
    expect(error.message).toBe(
      'billing: git failed on file:///repos/billing: unable to read e1568dc0b6c1f5a3a1f1c1e5d9b7e4f1c2d3e4f5; check that repository (git fsck there) or "repo" in components/billing/component.yaml',
    );
  });

  it('calls a fetch that filled this machine’s disk a full disk, not a broken repository or a network to retry', () => {
    // A fetch whose index-pack died of a full disk also says the remote hung up.
    const stderr = [
      'error: unable to write loose object file: No space left on device',
      'fatal: write error: No space left on device',
      'fatal: the remote end hung up unexpectedly',
    ].join('\n');
    expect(classifyRemoteFailure(stderr)).toBe('no-space');
    expect(isTransient(classifyRemoteFailure(stderr))).toBe(false);
    expect(remoteError('billing', 'file:///repos/billing', 'no-space', stderr).message).toBe(
      'billing: fetching file:///repos/billing ran out of disk space (unable to write loose object file: No space left on device)',
    );
    // The server's disk is not this machine's: that stays the repository's problem.
    const remote = 'remote: error: unable to create temporary file: No space left on device\nfatal: the remote end hung up unexpectedly';
    expect(classifyRemoteFailure(remote)).toBe('unreachable');
  });

  it('says git is missing when it cannot be started, and not that the repository is', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      const result = await runGit(['ls-remote', 'file:///repos/billing']);
      expect(result.exitCode).toBe(-1);
      expect(classifyRemoteFailure(result.stderr)).toBe('no-git');
      expect(remoteError('billing', 'file:///repos/billing', 'no-git', result.stderr).message).toBe(
        'billing: cannot run git: it is not installed or not on PATH; install git, or put it on PATH, and retry',
      );
    } finally {
      process.env.PATH = path;
    }
  });

  it('names a working folder that does not exist as such, not as a missing git', async () => {
    const result = await runGit(['status'], { cwd: '/nonexistent/checkout' });
    expect(result.exitCode).toBe(-1);
    expect(firstErrorLine(result.stderr)).toBe('cannot run git in /nonexistent/checkout: no such folder');
  });
});
