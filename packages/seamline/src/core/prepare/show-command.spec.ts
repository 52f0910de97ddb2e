import { showCommand } from './show-command';

describe('showCommand', () => {
  it('leaves plain arguments alone and quotes the rest so each one is visible', () => {
    expect(showCommand(['npx', '-y', 'pnpm@7.33.7', 'install', '--frozen-lockfile'])).toBe('npx -y pnpm@7.33.7 install --frozen-lockfile');
    expect(showCommand(['sh', '-c', 'npm ci && npm run build'])).toBe("sh -c 'npm ci && npm run build'");
    expect(showCommand(['node', '-e', "console.log('hi')", ''])).toBe(`node -e 'console.log('\\''hi'\\'')' ''`);
  });
});
