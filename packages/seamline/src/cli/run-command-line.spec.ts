import { parseRunCommandLine } from './run-command-line';

describe('seamline run command line', () => {
  it('names the target and keeps the executor options as typed, for Nx to parse and check', () => {
    expect(parseRunCommandLine(['run', 'integration:pr-fast', '--component=users', '--sha', '0123456789', '--pr=7'])).toEqual({
      project: 'integration',
      target: 'pr-fast',
      configuration: undefined,
      overrides: ['--component=users', '--sha', '0123456789', '--pr=7'],
      verbose: false,
      skipNxCache: false,
    });
  });

  it("takes Nx's own flags out of the executor's options: --verbose, --skip-nx-cache and a configuration", () => {
    const parsed = parseRunCommandLine(['run', 'integration:full', '--verbose', '--skipNxCache', '-c', 'ci', '--seam-parallel=2']);
    expect(parsed).toMatchObject({ target: 'full', configuration: 'ci', overrides: ['--seam-parallel=2'], verbose: true, skipNxCache: true });
    expect(parseRunCommandLine(['run', 'integration:full:nightly', '--skip-nx-cache'])).toMatchObject({ configuration: 'nightly', skipNxCache: true });
    expect(parseRunCommandLine(['run', 'integration:full', '--configuration=ci'])).toMatchObject({ configuration: 'ci', overrides: [] });
  });

  it('asks for help with no command, --help or help', () => {
    for (const argv of [[], ['--help'], ['-h'], ['help'], ['run'], ['run', '--help'], ['run', 'integration:pr-fast', '--help']])
      expect(parseRunCommandLine(argv)).toBe('help');
  });

  it('says in one line what is wrong with a command line it cannot run', () => {
    expect(parseRunCommandLine(['test', 'integration:pr-fast'])).toEqual({ error: 'unknown command "test" (expected: run <project>:<target>)' });
    for (const description of ['integration', 'integration:', ':pr-fast', 'a:b:c:d', 'integration:pr-fast:'])
      expect(parseRunCommandLine(['run', description])).toEqual({
        error: `"${description}" is not <project>:<target>[:<configuration>] (for example integration:pr-fast)`,
      });
    expect(parseRunCommandLine(['run', 'integration:full', '-c'])).toEqual({ error: '-c needs a configuration name (for example -c=ci)' });
    expect(parseRunCommandLine(['run', 'integration:full', '--configuration', '--verbose'])).toEqual({
      error: '--configuration needs a configuration name (for example --configuration=ci)',
    });
  });
});
