import { commandOutcome } from './command-outcome';

describe('commandOutcome', () => {
  it('says the exit code, the signal, or why the command did not start, in one line', () => {
    expect(commandOutcome({ exitCode: 2 })).toBe('exited with 2');
    expect(commandOutcome({ signal: 'SIGKILL' })).toBe('was killed by SIGKILL');
    expect(commandOutcome({ startError: 'spawn tsc ENOENT' })).toBe('could not run (spawn tsc ENOENT)');
    expect(commandOutcome({})).toBe('could not run (no reason given)');
  });
});
