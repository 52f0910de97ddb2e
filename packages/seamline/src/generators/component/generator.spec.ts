import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Tree } from '@nx/devkit';
import { logger } from '../../terminal/logger';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { createRepo, type TestRepo } from '../../__fixtures__/git-repos';
import { parseComponentConfig } from '../../core/config/parse-config';
import { componentGenerator } from './generator';

jest.setTimeout(30_000);

describe('component generator', () => {
  let tree: Tree;
  let tmp: string;
  let repo: TestRepo;
  let infos: string[];
  let warnings: string[];
  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'seamline-gen-'));
    repo = await createRepo(tmp, 'users', [{ a: '1' }, { a: '2' }]);
  });
  afterAll(() => rm(tmp, { recursive: true, force: true }));
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    infos = [];
    warnings = [];
    jest.spyOn(logger, 'info').mockImplementation((m) => void infos.push(String(m)));
    jest.spyOn(logger, 'warn').mockImplementation((m) => void warnings.push(String(m)));
  });

  it('writes component.yaml and reports the branch head it resolved with ls-remote', async () => {
    tree.write('components/auth/component.yaml', 'repo: https://github.com/acme/auth.git\n');
    await componentGenerator(tree, { name: 'users', repo: repo.url, branch: 'main', dependsOn: 'auth', npm: '@acme/users', skipFormat: true });
    const config = parseComponentConfig(tree.read('components/users/component.yaml', 'utf-8')!, 'x');
    expect(config).toMatchObject({ repo: repo.url, branch: 'main', dependsOn: ['auth'], provides: { npm: '@acme/users' } });
    expect(infos).toEqual([`users: main of ${repo.url} is at ${repo.shas[1].slice(0, 12)}`]);
    expect(warnings).toEqual([]);
  });

  it('--submodules asks for the git submodules in every checkout; without it the file does not mention them', async () => {
    await componentGenerator(tree, { name: 'api', repo: repo.url, submodules: true, skipCheck: true, skipFormat: true });
    expect(parseComponentConfig(tree.read('components/api/component.yaml', 'utf-8')!, 'x').submodules).toBe(true);
    await componentGenerator(tree, { name: 'web', repo: repo.url, skipCheck: true, skipFormat: true });
    expect(tree.read('components/web/component.yaml', 'utf-8')).not.toContain('submodules');
  });

  it('--lfs asks for the Git LFS files in every checkout; without it the file does not mention them', async () => {
    await componentGenerator(tree, { name: 'assets', repo: repo.url, lfs: true, skipCheck: true, skipFormat: true });
    expect(parseComponentConfig(tree.read('components/assets/component.yaml', 'utf-8')!, 'x').lfs).toBe(true);
    await componentGenerator(tree, { name: 'web', repo: repo.url, skipCheck: true, skipFormat: true });
    expect(tree.read('components/web/component.yaml', 'utf-8')).not.toContain('lfs');
  });

  it('--github names where the PRs of a repository fetched from elsewhere are; a value that is not owner/name is refused', async () => {
    await componentGenerator(tree, { name: 'api', repo: repo.url, github: 'acme/api', skipCheck: true, skipFormat: true });
    expect(parseComponentConfig(tree.read('components/api/component.yaml', 'utf-8')!, 'x').github).toBe('acme/api');
    await expect(
      componentGenerator(tree, { name: 'web', repo: repo.url, github: 'https://github.com/acme/web', skipCheck: true, skipFormat: true }),
    ).rejects.toThrow('--github: expected owner/name of the repository on GitHub, such as acme/users, got "https://github.com/acme/web"');
    expect(tree.exists('components/web/component.yaml')).toBe(false);
  });

  it('offline: still writes the file and says it could not check', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    await new Promise((r) => server.close(r));
    const url = `http://127.0.0.1:${port}/users.git`;
    await componentGenerator(tree, { name: 'users', repo: url, skipFormat: true });
    expect(tree.exists('components/users/component.yaml')).toBe(true);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      new RegExp(
        `^users: cannot reach ${url.replace(/\./g, '\\.')} .*; check the network or "repo" in components/users/component\\.yaml \\(components/users/component\\.yaml is written anyway\\)$`,
      ),
    );
  });

  it.each([
    [{ name: 'Users', repo: 'https://x/y.git' }, 'name: expected lowercase letters, digits, ".", "_" or "-", got "Users"'],
    [{ name: 'users', repo: 'acme/users' }, '--repo: expected a git URL (https://, ssh://, file:// or git@host:owner/repo.git), got "acme/users"'],
    [
      { name: 'users', repo: 'https://x/y.git', dependsOn: 'ghost' },
      '--dependsOn: unknown component "ghost"; add it first with nx g @seamline/nx:component ghost --repo=<url>',
    ],
    [
      { name: 'users', repo: 'https://x/y.git', npm: 'Not A Package' },
      'components/users/component.yaml: field "provides.npm": expected an npm package name such as @acme/users, got "Not A Package"',
    ],
  ])('refuses %j', async (options, message) => {
    await expect(componentGenerator(tree, { ...options, skipCheck: true, skipFormat: true })).rejects.toThrow(message);
    expect(tree.exists('components/users/component.yaml')).toBe(false);
  });

  it('refuses to overwrite an existing component', async () => {
    tree.write('components/users/component.yaml', 'repo: https://x/y.git\n');
    await expect(componentGenerator(tree, { name: 'users', repo: 'https://x/z.git', skipCheck: true })).rejects.toThrow(
      'components/users/component.yaml: already exists; edit it, or remove it first',
    );
  });
});
