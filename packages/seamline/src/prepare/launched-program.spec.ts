import { launchedProgram } from './launched-program';

describe('launchedProgram', () => {
  it.each([
    [['pnpm', 'install'], 'pnpm'],
    [['/usr/local/bin/pnpm', 'i'], 'pnpm'],
    [['yarn.cmd', 'install'], 'yarn'],
    [['yarnpkg', 'install'], 'yarn'],
    [['corepack', 'pnpm', 'install'], 'pnpm'],
    [['corepack', 'yarn@4.18.1', 'install'], 'yarn'],
    [['npx', 'pnpm@9', 'install'], 'pnpm'],
    [['npx', '-y', 'pnpm@7.33.7', 'install', '--frozen-lockfile'], 'pnpm'],
    [['npx', '-y', 'yarn@1.22.22', 'install'], 'yarn'],
    [['npx', '-y', '-p', '@yarnpkg/cli-dist@4.18.1', 'yarn', 'install', '--immutable'], 'yarn'],
    [['npx', '--package=@yarnpkg/cli-dist@3.8.7', 'yarn', 'install'], 'yarn'],
    [['npx', '-y', '--allow-scripts=bun', 'bun@1.4.5', 'install'], 'bun'],
    [['npm', 'ci'], 'npm'],
    [['node', 'build.js', 'pnpm'], 'node'],
  ])('%j runs %s', (command, program) => {
    expect(launchedProgram(command)).toBe(program);
  });
  it('names nothing for an empty command or an npx with only flags', () => {
    expect(launchedProgram([])).toBeUndefined();
    expect(launchedProgram(['npx', '-y', '-p', 'pnpm@9'])).toBeUndefined();
  });
});
