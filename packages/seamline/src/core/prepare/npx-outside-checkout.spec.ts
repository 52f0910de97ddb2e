import { LAUNCH_IN_CHECKOUT, npxOutsideCheckout } from './npx-outside-checkout';

const launch = (checkout: string, ...program: string[]) => ['node', '-e', LAUNCH_IN_CHECKOUT, '--', checkout, ...program];

describe('npxOutsideCheckout: the same npx command, launching its program in the checkout', () => {
  it('installs the package npx <package> names and runs that package’s bin with the same arguments', () => {
    expect(npxOutsideCheckout(['npx', '-y', 'pnpm@10.34.9', 'install', '--frozen-lockfile', '--ignore-scripts'], '/w/c')).toEqual([
      'npx',
      '-y',
      '-p',
      'pnpm@10.34.9',
      ...launch('/w/c', 'pnpm', 'install', '--frozen-lockfile', '--ignore-scripts'),
    ]);
    expect(npxOutsideCheckout(['npx', '-y', '--allow-scripts=bun', 'bun@1.4.5', 'run', 'build'], '/c')).toEqual([
      'npx',
      '-y',
      '--allow-scripts=bun',
      '-p',
      'bun@1.4.5',
      ...launch('/c', 'bun', 'run', 'build'),
    ]);
    expect(npxOutsideCheckout(['npm', 'exec', '--yes', '--', '@acme/tool@2', '--flag'], '/c')).toEqual([
      'npm',
      'exec',
      '--yes',
      '-p',
      '@acme/tool@2',
      ...launch('/c', 'tool', '--flag'),
    ]);
    // A range, as devEngines gives it: npx resolves it, spaces and all (one argument, no shell).
    expect(npxOutsideCheckout(['npx', '-y', 'pnpm@>=12 <13', 'install'], '/c')).toEqual([
      'npx',
      '-y',
      '-p',
      'pnpm@>=12 <13',
      ...launch('/c', 'pnpm', 'install'),
    ]);
    expect(npxOutsideCheckout(['npx', '-y', 'pnpm@^9 || ^10', 'install'], '/c')).toEqual([
      'npx',
      '-y',
      '-p',
      'pnpm@^9 || ^10',
      ...launch('/c', 'pnpm', 'install'),
    ]);
  });

  it('keeps every -p / --package and the program they name', () => {
    expect(npxOutsideCheckout(['npx', '-y', '-p', '@yarnpkg/cli-dist@4.18.1', 'yarn', 'install', '--immutable'], '/c')).toEqual([
      'npx',
      '-y',
      '-p',
      '@yarnpkg/cli-dist@4.18.1',
      ...launch('/c', 'yarn', 'install', '--immutable'),
    ]);
    expect(npxOutsideCheckout(['/usr/bin/npx', '--package=a@1', '--package', 'b@2', 'tool', '-x'], '/c')).toEqual([
      '/usr/bin/npx',
      '-p',
      'a@1',
      '-p',
      'b@2',
      ...launch('/c', 'tool', '-x'),
    ]);
  });

  it('leaves alone what is not npx, and what it cannot say as arguments', () => {
    expect(npxOutsideCheckout(['npm', 'ci'], '/c')).toBeUndefined();
    expect(npxOutsideCheckout(['pnpm', 'install'], '/c')).toBeUndefined();
    expect(npxOutsideCheckout(['npx', '-c', 'tsc && node x'], '/c')).toBeUndefined();
    expect(npxOutsideCheckout(['npx', '-y'], '/c')).toBeUndefined();
    expect(npxOutsideCheckout(['npx', '-y', './tools/pm.tgz', 'install'], '/c')).toBeUndefined();
    expect(npxOutsideCheckout(['npx', '-y', 'github:acme/tool', 'install'], '/c')).toBeUndefined();
    expect(npxOutsideCheckout(['npx', '-y', 'tool@npm:other@1', 'install'], '/c')).toBeUndefined();
  });
});
