import { encodeSeamCommand, parseSeamCommand, seamCommandFailure } from './seam-command';

describe('a seam command in an environment variable', () => {
  it('round-trips any argument list, quotes, spaces and shell characters included, without a shell', () => {
    const command = ['node', '-e', "console.log('a b'); process.exit($HOME ? 0 : 1)", '--x=`id`;rm -rf /', '"', "'", 'é ✓'];
    expect(parseSeamCommand(encodeSeamCommand(command))).toEqual(command);
  });

  it('says in one line what is wrong when the variable is missing or not an argument list', () => {
    expect(parseSeamCommand(undefined)).toBe(
      'SEAMLINE_SEAM_COMMAND is not set; run the seam through its Nx target (nx run <seam>:test), which sets it from seam.yaml',
    );
    for (const bad of ['node check.js', '{"a":1}', '[]', '[""]', '["node", 1]', '[null]'])
      expect(parseSeamCommand(bad)).toBe(
        `SEAMLINE_SEAM_COMMAND: expected a JSON list of arguments such as ["jest","--ci"], got ${JSON.stringify(bad)}; run the seam through its Nx target (nx run <seam>:test), which sets it from seam.yaml`,
      );
  });

  it('words a command that could not start, and one a signal ended', () => {
    expect(seamCommandFailure(['jestt', '--ci'], { code: 'ENOENT', message: 'spawn jestt ENOENT' })).toBe(
      'could not run `jestt --ci`: jestt was not found (not on PATH, nor in node_modules/.bin)',
    );
    expect(seamCommandFailure(['./check.sh'], { code: 'EACCES', message: 'spawn ./check.sh EACCES' })).toBe(
      'could not run `./check.sh` (spawn ./check.sh EACCES)',
    );
    expect(seamCommandFailure(['node', 'check.js'], { signal: 'SIGKILL' })).toBe('`node check.js` was killed by SIGKILL');
    expect(seamCommandFailure(['jest', '--ci'], { exitCode: 1 })).toBe('`jest --ci` exited with code 1');
  });
});
