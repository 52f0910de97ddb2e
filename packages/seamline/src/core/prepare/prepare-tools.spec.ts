import { exclusiveTools, npxOptions, npxPackages } from './prepare-tools';

describe('npxPackages: what an npx command installs into npx’s cache', () => {
  it('reads the package of npx <pkg> and of each -p / --package, after any flags', () => {
    expect(npxPackages(['npx', '-y', 'pnpm@7.33.7', 'install', '--frozen-lockfile'])).toEqual(['pnpm@7.33.7']);
    expect(npxPackages(['npx', '-y', '-p', '@yarnpkg/cli-dist@4.18.1', 'yarn', 'install'])).toEqual(['@yarnpkg/cli-dist@4.18.1']);
    expect(npxPackages(['npx', '--yes', '--package=a@1', '--package', 'b@2', 'tool'])).toEqual(['a@1', 'b@2']);
    expect(npxPackages(['/usr/bin/npx.cmd', '--', 'yarn@1.22.22', 'install'])).toEqual(['yarn@1.22.22']);
    expect(npxPackages(['npm', 'exec', '-y', 'pnpm@9.15.9', 'install'])).toEqual(['pnpm@9.15.9']);
  });

  it('is empty for commands that are not npx', () => {
    expect(npxPackages(['npm', 'ci'])).toEqual([]);
    expect(npxPackages(['npm', 'run', 'build'])).toEqual([]);
    expect(npxPackages(['node', 'build.js'])).toEqual([]);
    expect(npxPackages([])).toEqual([]);
  });
});

describe('npxOptions: the flags an ahead-of-time install of the same packages needs', () => {
  it('keeps every option but -y and the packages, up to the command npx runs', () => {
    expect(npxOptions(['npx', '-y', '--allow-scripts=bun', 'bun@1.4.5', 'install', '--frozen-lockfile'])).toEqual(['--allow-scripts=bun']);
    expect(npxOptions(['npm', 'exec', '--yes', '--package=a@1', '--prefer-offline', '-p', 'b@2', 'tool', '--flag'])).toEqual(['--prefer-offline']);
    expect(npxOptions(['npx', '-y', 'pnpm@9.15.9', 'install', '--frozen-lockfile'])).toEqual([]);
    expect(npxOptions(['npx', '--', 'yarn@1.22.22', '--verbose'])).toEqual([]);
    expect(npxOptions(['npm', 'ci', '--ignore-scripts'])).toEqual([]);
  });
});

describe('exclusiveTools: what two prepares must not run at once', () => {
  it('holds yarn 1, through npx or bare, and nothing for npm, pnpm or yarn 2+', () => {
    expect(
      exclusiveTools([
        ['npx', '-y', 'yarn@1.22.22', 'install', '--frozen-lockfile'],
        ['npx', '-y', 'yarn@1.22.22', 'run', 'build'],
      ]),
    ).toEqual(['yarn 1']);
    expect(exclusiveTools([['yarn', 'install']])).toEqual(['yarn 1']);
    expect(exclusiveTools([['npx', '-y', '-p', 'yarn@^1.22', 'node', '--version']])).toEqual(['yarn 1']);
    expect(
      exclusiveTools([
        ['npx', '-y', 'pnpm@9.15.9', 'install'],
        ['npm', 'ci'],
        ['npx', '-y', '-p', '@yarnpkg/cli-dist@4.18.1', 'yarn'],
      ]),
    ).toEqual([]);
    expect(exclusiveTools([['npx', '-y', 'yarn@4.0.0', 'install']])).toEqual([]);
  });
});
