import { autoPrepare, BUN, PNPM } from './auto-prepare';

const pkg = (fields: Record<string, unknown> = {}) => JSON.stringify({ name: '@acme/duration', version: '1.0.0', ...fields });
const PNPM_LOCK = (version: string) => `lockfileVersion: ${version}\n\nimporters:\n  .: {}\n`;

describe('prepare: auto', () => {
  it('nothing to prepare without a package.json', () => {
    expect(autoPrepare({ lockfiles: {} })).toEqual({ commands: [], reasons: ['auto: no package.json, nothing to prepare'] });
  });

  it('npm ci with package-lock.json, then the build script through npm, install scripts ignored', () => {
    const plan = autoPrepare({ packageJson: pkg({ scripts: { build: 'tsc' } }), lockfiles: { 'package-lock.json': '{\n  "lockfileVersion": 3\n}' } });
    expect(plan).toEqual({
      commands: [
        ['npm', 'ci', '--ignore-scripts', '--no-audit', '--no-fund'],
        ['npm', 'run', 'build'],
      ],
      reasons: [
        'auto: npm (the npm on PATH): package-lock.json lockfileVersion 3',
        'install: frozen (package-lock.json)',
        'build: the build script of package.json',
      ],
    });
  });

  it('npm-shrinkwrap.json is a frozen install by npm 11, from the npm registry: npm 12 does not read it', () => {
    const why = 'npm 12 and later do not read npm-shrinkwrap.json; npm 11.21.2 does';
    expect(autoPrepare({ packageJson: pkg({ scripts: { build: 'tsc' } }), lockfiles: { 'npm-shrinkwrap.json': '{"lockfileVersion": 1}' } })).toEqual({
      commands: [
        ['npx', '-y', 'npm@11.21.2', 'ci', '--ignore-scripts', '--no-audit', '--no-fund'],
        ['npx', '-y', 'npm@11.21.2', 'run', 'build'],
      ],
      reasons: [
        `auto: npm 11.21.2: npm-shrinkwrap.json lockfileVersion 1 (${why})`,
        'install: frozen (npm-shrinkwrap.json)',
        'build: the build script of package.json',
      ],
    });
    // Also when packageManager names an npm: that npm, if it is 12 or later, would not read it either.
    expect(autoPrepare({ packageJson: pkg({ packageManager: 'npm@12.2.2' }), lockfiles: { 'npm-shrinkwrap.json': '{}' } })).toMatchObject({
      commands: [['npx', '-y', 'npm@11.21.2', 'ci', '--ignore-scripts', '--no-audit', '--no-fund']],
      reasons: [`auto: npm 11.21.2: packageManager npm@12.2.2 in package.json (${why})`, 'install: frozen (npm-shrinkwrap.json)', expect.any(String)],
    });
  });

  it.each([
    ['5.4', '7.33.7'],
    ["'6.0'", '8.15.9'],
    ["'9.0'", '9.15.9'],
  ])('pnpm-lock.yaml lockfileVersion %s is installed frozen by pnpm %s, from the npm registry', (version, pnpm) => {
    const plan = autoPrepare({ packageJson: pkg({ scripts: { build: 'tsc' } }), lockfiles: { 'pnpm-lock.yaml': PNPM_LOCK(version) } });
    expect(plan).toEqual({
      commands: [
        ['npx', '-y', `pnpm@${pnpm}`, 'install', '--frozen-lockfile', '--ignore-scripts'],
        ['npx', '-y', `pnpm@${pnpm}`, 'run', 'build'],
      ],
      reasons: [
        `auto: pnpm ${pnpm}: pnpm-lock.yaml lockfileVersion ${version.replace(/'/g, '')}`,
        'install: frozen (pnpm-lock.yaml)',
        'build: the build script of package.json',
      ],
    });
  });

  it('a pnpm-lock.yaml that records its pnpm (pnpm 11 and later: a first YAML document) is installed frozen by that pnpm', () => {
    const environment = (recorded: string) =>
      `---\nlockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    configDependencies: {}\n    packageManagerDependencies:\n${recorded}\npackages: {}\n\n---\n${PNPM_LOCK("'9.0'")}`;
    const plan = autoPrepare({
      packageJson: pkg({ dependencies: { ms: '^2.1.3' }, devEngines: { packageManager: { name: 'pnpm', version: '^12.0.0', onFail: 'download' } } }),
      lockfiles: { 'pnpm-lock.yaml': environment('      pnpm:\n        specifier: ^12.0.0\n        version: 12.24.0\n') },
    });
    expect(plan).toMatchObject({
      commands: [['npx', '-y', 'pnpm@12.24.0', 'install', '--frozen-lockfile', '--ignore-scripts']],
      reasons: ['auto: pnpm 12.24.0: pnpm-lock.yaml records pnpm 12.24.0 (packageManagerDependencies)', 'install: frozen (pnpm-lock.yaml)', expect.any(String)],
    });
    // pnpm's own binary package names the same release.
    expect(
      autoPrepare({
        packageJson: pkg(),
        lockfiles: { 'pnpm-lock.yaml': environment("      '@pnpm/exe':\n        specifier: 11.2.0\n        version: 11.2.0\n") },
      }),
    ).toMatchObject({
      commands: [['npx', '-y', 'pnpm@11.2.0', 'install', '--frozen-lockfile', '--ignore-scripts']],
    });
    // A record without a release: the oldest pnpm line known to read the file (pnpm 9 cannot).
    expect(autoPrepare({ packageJson: pkg(), lockfiles: { 'pnpm-lock.yaml': environment('      pnpm: {}\n') } })).toMatchObject({
      commands: [['npx', '-y', `pnpm@${PNPM[10]}`, 'install', '--frozen-lockfile', '--ignore-scripts']],
    });
    // A file that merely opens with `---` is read by its lockfileVersion, as before.
    expect(autoPrepare({ packageJson: pkg(), lockfiles: { 'pnpm-lock.yaml': `---\n${PNPM_LOCK("'6.0'")}---\n` } })).toMatchObject({
      commands: [['npx', '-y', 'pnpm@8.15.9', 'install', '--frozen-lockfile', '--ignore-scripts']],
    });
    // The packageManager field still decides first.
    expect(
      autoPrepare({
        packageJson: pkg({ packageManager: 'pnpm@12.23.0' }),
        lockfiles: { 'pnpm-lock.yaml': environment('      pnpm:\n        version: 12.24.0\n') },
      }),
    ).toMatchObject({ commands: [['npx', '-y', 'pnpm@12.23.0', 'install', '--frozen-lockfile', '--ignore-scripts']] });
  });

  it("pnpm 6's era (lockfile 5.3, or packageManager pnpm@6) is installed by pnpm 7, saying why: pnpm 6 does not run on Node 20 or later", () => {
    const why = 'pnpm 6 does not run on Node 20 or later; pnpm 7.33.7 reads its lockfile';
    expect(autoPrepare({ packageJson: pkg(), lockfiles: { 'pnpm-lock.yaml': PNPM_LOCK('5.3') } })).toMatchObject({
      commands: [['npx', '-y', 'pnpm@7.33.7', 'install', '--frozen-lockfile', '--ignore-scripts']],
      reasons: [
        `auto: pnpm 7.33.7: pnpm-lock.yaml lockfileVersion 5.3 (${why})`,
        'install: frozen (pnpm-lock.yaml)',
        'build: none (package.json has no build script)',
      ],
    });
    expect(autoPrepare({ packageJson: pkg({ packageManager: 'pnpm@6.35.1' }), lockfiles: { 'pnpm-lock.yaml': PNPM_LOCK('5.3') } })).toMatchObject({
      commands: [['npx', '-y', 'pnpm@7.33.7', 'install', '--frozen-lockfile', '--ignore-scripts']],
      reasons: [
        `auto: pnpm 7.33.7: packageManager pnpm@6.35.1 in package.json (${why})`,
        'install: frozen (pnpm-lock.yaml)',
        'build: none (package.json has no build script)',
      ],
    });
  });

  it('the packageManager field wins over the lockfile, its hash left out', () => {
    const plan = autoPrepare({ packageJson: pkg({ packageManager: 'pnpm@10.34.9+sha512.abc' }), lockfiles: { 'pnpm-lock.yaml': PNPM_LOCK("'9.0'") } });
    expect(plan).toMatchObject({
      commands: [['npx', '-y', 'pnpm@10.34.9', 'install', '--frozen-lockfile', '--ignore-scripts']],
      reasons: [
        'auto: pnpm 10.34.9: packageManager pnpm@10.34.9 in package.json',
        'install: frozen (pnpm-lock.yaml)',
        'build: none (package.json has no build script)',
      ],
    });
  });

  it('yarn classic and Berry lockfiles, each installed frozen by a yarn that reads them', () => {
    expect(autoPrepare({ packageJson: pkg(), lockfiles: { 'yarn.lock': '# THIS IS AN AUTOGENERATED FILE.\n# yarn lockfile v1\n' } })).toMatchObject({
      commands: [['npx', '-y', 'yarn@1.22.22', 'install', '--frozen-lockfile', '--ignore-scripts', '--non-interactive']],
    });
    expect(
      autoPrepare({ packageJson: pkg({ scripts: { build: 'tsc' } }), lockfiles: { 'yarn.lock': '__metadata:\n  version: 8\n  cacheKey: 10c0\n' } }),
    ).toMatchObject({
      commands: [
        ['npx', '-y', '-p', '@yarnpkg/cli-dist@4.18.1', 'yarn', 'install', '--immutable', '--mode=skip-build'],
        ['npx', '-y', '-p', '@yarnpkg/cli-dist@4.18.1', 'yarn', 'run', 'build'],
      ],
      reasons: ['auto: yarn 4.18.1: yarn.lock __metadata version 8 (yarn 4)', 'install: immutable (yarn.lock)', 'build: the build script of package.json'],
    });
  });

  it.each([
    ['bun.lockb', '\u0000bun-lockfile-format-v0\n', '1.1.45', 'bun.lockb (binary, bun 1.1 and earlier)'],
    ['bun.lock', '{\n  "lockfileVersion": 0,\n  "workspaces": {}\n}', '1.3.14', 'bun.lock lockfileVersion 0'],
    ['bun.lock', '{\n  "lockfileVersion": 1,\n  "workspaces": {},\n}', '1.3.14', 'bun.lock lockfileVersion 1'],
    ['bun.lock', '{\n  "lockfileVersion": 2,\n  "configVersion": 1,\n}', '1.4.5', 'bun.lock lockfileVersion 2'],
  ] as const)('%s (%s) is installed frozen by bun %s, the last release that writes it, from the npm registry', (file, text, bun, why) => {
    expect(autoPrepare({ packageJson: pkg({ scripts: { build: 'bun build ./src/index.ts --outdir dist' } }), lockfiles: { [file]: text } })).toEqual({
      commands: [
        ['npx', '-y', '--allow-scripts=bun', `bun@${bun}`, 'install', '--frozen-lockfile', '--ignore-scripts'],
        ['npx', '-y', '--allow-scripts=bun', `bun@${bun}`, 'run', 'build'],
      ],
      reasons: [`auto: bun ${bun}: ${why}`, `install: frozen (${file})`, 'build: the build script of package.json'],
    });
  });

  it('packageManager bun@<version> runs that bun; a bun lockfile beside an npm one is the newer era', () => {
    expect(autoPrepare({ packageJson: pkg({ packageManager: 'bun@1.4.5', dependencies: { ms: '^2.1.3' } }), lockfiles: {} })).toEqual({
      commands: [['npx', '-y', '--allow-scripts=bun', 'bun@1.4.5', 'install', '--ignore-scripts', '--production']],
      reasons: [
        'auto: bun 1.4.5: packageManager bun@1.4.5 in package.json',
        'install: plain, without devDependencies (no lockfile, no build script)',
        'build: none (package.json has no build script)',
      ],
    });
    // `bun install` imports package-lock.json; a project that moved may keep the old file for a while.
    expect(
      autoPrepare({ packageJson: pkg(), lockfiles: { 'package-lock.json': '{"lockfileVersion": 3}', 'bun.lock': '{ "lockfileVersion": 1 }' } }),
    ).toMatchObject({ commands: [['npx', '-y', '--allow-scripts=bun', `bun@${BUN[1]}`, 'install', '--frozen-lockfile', '--ignore-scripts']] });
  });

  it('a plain install without a lockfile, of the runtime dependencies only when nothing is built; none at all when nothing is declared', () => {
    // A library's published package.json, as chalk 4.1.2's: two packages at run time, a thousand for its tests.
    const library = { dependencies: { ms: '^2.1.3' }, devDependencies: { ava: '^2.4.0', xo: '^0.28.2' } };
    expect(autoPrepare({ packageJson: pkg(library), lockfiles: {} })).toMatchObject({
      commands: [['npm', 'install', '--ignore-scripts', '--no-audit', '--no-fund', '--omit=dev']],
      reasons: [
        'auto: npm (the npm on PATH): no lockfile',
        'install: plain, without devDependencies (no lockfile, no build script)',
        'build: none (package.json has no build script)',
      ],
    });
    const firstCommand = (plan: ReturnType<typeof autoPrepare>) => ('commands' in plan ? plan.commands[0] : plan.problem);
    const runtimeOnly = (packageManager: string) => firstCommand(autoPrepare({ packageJson: pkg({ ...library, packageManager }), lockfiles: {} }));
    expect(runtimeOnly('pnpm@9.15.9')).toEqual(['npx', '-y', 'pnpm@9.15.9', 'install', '--no-frozen-lockfile', '--ignore-scripts', '--prod']);
    expect(runtimeOnly('yarn@1.22.22')).toEqual(['npx', '-y', 'yarn@1.22.22', 'install', '--ignore-scripts', '--non-interactive', '--production']);
    // Berry's install has no such option: everything, as before.
    expect(runtimeOnly('yarn@4.18.1')).toEqual(['npx', '-y', '-p', '@yarnpkg/cli-dist@4.18.1', 'yarn', 'install', '--no-immutable', '--mode=skip-build']);
    // A build needs its tools, and a lockfile is installed whole, as its commit made it.
    expect(autoPrepare({ packageJson: pkg({ ...library, scripts: { build: 'tsc' } }), lockfiles: {} })).toMatchObject({
      commands: [
        ['npm', 'install', '--ignore-scripts', '--no-audit', '--no-fund'],
        ['npm', 'run', 'build'],
      ],
      reasons: ['auto: npm (the npm on PATH): no lockfile', 'install: plain (no lockfile)', 'build: the build script of package.json'],
    });
    expect(firstCommand(autoPrepare({ packageJson: pkg(library), lockfiles: { 'package-lock.json': '{"lockfileVersion": 3}' } }))).toEqual([
      'npm',
      'ci',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
    ]);
    expect(autoPrepare({ packageJson: pkg(), lockfiles: {} })).toEqual({
      commands: [],
      reasons: [
        'auto: npm (the npm on PATH): no lockfile',
        'install: none (no lockfile and package.json declares no dependencies)',
        'build: none (package.json has no build script)',
      ],
    });
  });

  it("no install for a consumer whose only dependencies are other components' packages (the override provides them); an install when it has others", () => {
    const consumer = pkg({ dependencies: { '@acme/auth': '^1.0.0' } });
    expect(autoPrepare({ packageJson: consumer, lockfiles: {}, componentPackages: ['@acme/auth'] })).toEqual({
      commands: [],
      reasons: [
        'auto: npm (the npm on PATH): no lockfile',
        "install: none (no lockfile, and every dependency it needs is another component's package, which the npm override provides: @acme/auth)",
        'build: none (package.json has no build script)',
      ],
    });
    expect(autoPrepare({ packageJson: consumer, lockfiles: {} })).toMatchObject({
      commands: [['npm', 'install', '--ignore-scripts', '--no-audit', '--no-fund', '--omit=dev']],
    });
    const more = pkg({ dependencies: { '@acme/auth': '^1.0.0', ms: '^2.1.3' } });
    expect(autoPrepare({ packageJson: more, lockfiles: {}, componentPackages: ['@acme/auth'] })).toMatchObject({
      commands: [['npm', 'install', '--ignore-scripts', '--no-audit', '--no-fund', '--omit=dev']],
    });
    // Without a build script, devDependencies are not needed: a consumer like debug (ms at run time, tools for its tests).
    const tested = pkg({ dependencies: { '@acme/auth': '^1.0.0' }, devDependencies: { mocha: '^10.0.0' } });
    expect(autoPrepare({ packageJson: tested, lockfiles: {}, componentPackages: ['@acme/auth'] })).toMatchObject({ commands: [] });
    expect(autoPrepare({ packageJson: pkg({ devDependencies: { mocha: '^10.0.0' } }), lockfiles: {} }).reasons[1]).toBe(
      'install: none (no lockfile, no build script, and no runtime dependencies: its devDependencies are not needed)',
    );
    // With a build script they are: the build needs its tools.
    const building = pkg({ dependencies: { '@acme/auth': '^1.0.0' }, devDependencies: { typescript: '5.9.3' }, scripts: { build: 'tsc' } });
    expect(autoPrepare({ packageJson: building, lockfiles: {}, componentPackages: ['@acme/auth'] })).toMatchObject({
      commands: [
        ['npm', 'install', '--ignore-scripts', '--no-audit', '--no-fund'],
        ['npm', 'run', 'build'],
      ],
    });
    // A lockfile is the maintainers' word: it is installed frozen whatever it names.
    expect(
      autoPrepare({ packageJson: consumer, lockfiles: { 'package-lock.json': '{"lockfileVersion": 3}' }, componentPackages: ['@acme/auth'] }),
    ).toMatchObject({
      commands: [['npm', 'ci', '--ignore-scripts', '--no-audit', '--no-fund']],
    });
  });

  describe('devEngines.packageManager, without a packageManager field', () => {
    const library = { dependencies: { ms: '^2.1.3' } };
    const devEngines = (packageManager: unknown) => pkg({ ...library, devEngines: { packageManager } });

    it.each([
      [{ name: 'pnpm', version: '^10.0.0', onFail: 'error' }, ['npx', '-y', 'pnpm@10.34.9'], 'pnpm 10.34.9', 'pnpm ^10.0.0'],
      [{ name: 'pnpm', version: '11.2.0' }, ['npx', '-y', 'pnpm@11.2.0'], 'pnpm 11.2.0', 'pnpm 11.2.0'],
      // No release Seamline knows fits: npx resolves the range itself.
      [{ name: 'pnpm', version: '>=12 <13' }, ['npx', '-y', 'pnpm@>=12 <13'], 'pnpm >=12 <13', 'pnpm >=12 <13'],
      [{ name: 'pnpm' }, ['npx', '-y', 'pnpm@10.34.9'], 'pnpm 10.34.9', 'pnpm'],
      [{ name: 'yarn', version: '^4.1.0' }, ['npx', '-y', '-p', '@yarnpkg/cli-dist@4.18.1', 'yarn'], 'yarn 4.18.1', 'yarn ^4.1.0'],
      [{ name: 'yarn', version: '1.x' }, ['npx', '-y', 'yarn@1.22.22'], 'yarn 1.22.22', 'yarn 1.x'],
      [{ name: 'bun', version: '^1.3.0' }, ['npx', '-y', '--allow-scripts=bun', 'bun@1.4.5'], 'bun 1.4.5', 'bun ^1.3.0'],
      // A list: the preferred tool first.
      [[{ name: 'pnpm', version: '^9' }, { name: 'npm' }], ['npx', '-y', 'pnpm@9.15.9'], 'pnpm 9.15.9', 'pnpm ^9'],
      [{ name: 'npm', version: '^11' }, ['npm'], 'npm (the npm on PATH)', 'npm ^11'],
    ])('%j with no lockfile installs with that tool', (declared, runner, tool, named) => {
      const plan = autoPrepare({ packageJson: devEngines(declared), lockfiles: {} });
      expect(plan).toMatchObject({
        reasons: [
          `auto: ${tool}: devEngines.packageManager ${named} in package.json (no packageManager field, no lockfile)`,
          expect.any(String),
          expect.any(String),
        ],
      });
      expect('commands' in plan && plan.commands[0].slice(0, runner.length)).toEqual(runner);
      expect('commands' in plan && plan.commands[0][runner.length]).toBe('install');
    });

    it('npm named with a range the npm on PATH does not satisfy runs from the registry: npm would refuse to run (EBADDEVENGINES)', () => {
      const npm = (packageManager: unknown, npmVersion: string | undefined, lockfiles = {}) =>
        autoPrepare({ packageJson: pkg({ scripts: { build: 'tsc' }, devEngines: { packageManager } }), lockfiles, npmVersion });
      const lock = { 'package-lock.json': '{"lockfileVersion": 3}' };
      expect(npm({ name: 'npm', version: '^10.0.0' }, '12.2.3', lock)).toMatchObject({
        commands: [
          ['npx', '-y', 'npm@^10.0.0', 'ci', '--ignore-scripts', '--no-audit', '--no-fund'],
          ['npx', '-y', 'npm@^10.0.0', 'run', 'build'],
        ],
        reasons: [
          'auto: npm ^10.0.0: package-lock.json lockfileVersion 3; devEngines.packageManager asks for npm ^10.0.0, the npm on PATH is 12.2.3',
          expect.any(String),
          expect.any(String),
        ],
      });
      // onFail download: npm refuses all the same (it treats download as error).
      expect(npm({ name: 'npm', version: '^10.0.0', onFail: 'download' }, '12.2.3', lock)).toMatchObject({
        commands: [
          ['npx', '-y', 'npm@^10.0.0', 'ci', '--ignore-scripts', '--no-audit', '--no-fund'],
          ['npx', '-y', 'npm@^10.0.0', 'run', 'build'],
        ],
      });
      // An exact release, and nothing to install (no dependencies): only the build, by that npm.
      expect(npm({ name: 'npm', version: '10.9.2' }, '12.2.3')).toMatchObject({ commands: [['npx', '-y', 'npm@10.9.2', 'run', 'build']] });
      // A list holds alternatives, as npm reads it: npm's entry may stand anywhere, and npm runs when any entry fits it.
      expect(npm([{ name: 'pnpm' }, { name: 'npm', version: '^10.0.0' }], '12.2.3', lock)).toMatchObject({
        commands: [['npx', '-y', 'npm@^10.0.0', 'ci', '--ignore-scripts', '--no-audit', '--no-fund'], expect.any(Array)],
      });
      // The npm on PATH fits, npm would not refuse (onFail), or its version is unknown: it runs.
      for (const [packageManager, npmVersion] of [
        [{ name: 'npm', version: '>=10' }, '12.2.3'],
        [{ name: 'npm', version: '^10.0.0', onFail: 'warn' }, '12.2.3'],
        [{ name: 'npm', version: '^10.0.0' }, undefined],
        [
          [
            { name: 'npm', version: '^10.0.0' },
            { name: 'npm', version: '^12.0.0' },
          ],
          '12.2.3',
        ],
      ] as const)
        expect(npm(packageManager, npmVersion, lock)).toMatchObject({
          commands: [
            ['npm', 'ci', '--ignore-scripts', '--no-audit', '--no-fund'],
            ['npm', 'run', 'build'],
          ],
        });
    });

    it('a lockfile of another tool still decides, and the log says that devEngines names another', () => {
      const plan = autoPrepare({ packageJson: devEngines({ name: 'pnpm' }), lockfiles: { 'package-lock.json': '{"lockfileVersion": 3}' } });
      expect(plan).toMatchObject({
        commands: [['npm', 'ci', '--ignore-scripts', '--no-audit', '--no-fund']],
        reasons: [
          'auto: npm (the npm on PATH): package-lock.json lockfileVersion 3',
          'auto: devEngines.packageManager names pnpm, but package-lock.json decides; give this era its own prepare variant if it fails',
          'install: frozen (package-lock.json)',
          expect.any(String),
        ],
      });
      // A list that also names the lockfile's tool says nothing of it.
      const both = autoPrepare({ packageJson: devEngines([{ name: 'pnpm' }, { name: 'npm' }]), lockfiles: { 'package-lock.json': '{"lockfileVersion": 3}' } });
      expect('reasons' in both && both.reasons.filter((r) => r.includes('devEngines'))).toEqual([]);
    });

    it('beside a pnpm-lock.yaml of lockfileVersion 9.0, which pnpm 9 to 12 write, a devEngines range of pnpm 10 runs pnpm 10', () => {
      const plan = (version: string, lock = "'9.0'") =>
        autoPrepare({ packageJson: devEngines({ name: 'pnpm', version }), lockfiles: { 'pnpm-lock.yaml': PNPM_LOCK(lock) } });
      expect(plan('^10.0.0')).toMatchObject({
        commands: [['npx', '-y', `pnpm@${PNPM[10]}`, 'install', '--frozen-lockfile', '--ignore-scripts']],
        reasons: [
          `auto: pnpm ${PNPM[10]}: pnpm-lock.yaml lockfileVersion 9.0, which pnpm 9 and later write, and devEngines.packageManager pnpm ^10.0.0`,
          expect.any(String),
          expect.any(String),
        ],
      });
      // pnpm 9 fits the range; pnpm 11 and later would refuse a lockfile without their record of themselves;
      // another lockfileVersion names its era alone: the lockfile's pnpm, as before.
      for (const [range, lock, pnpm] of [
        ['>=9', "'9.0'", PNPM[9]],
        ['^12.0.0', "'9.0'", PNPM[9]],
        ['^10.0.0', "'6.0'", PNPM[8]],
      ])
        expect(plan(range, lock)).toMatchObject({ commands: [['npx', '-y', `pnpm@${pnpm}`, 'install', '--frozen-lockfile', '--ignore-scripts']] });
    });

    it('beside a pnpm-lock.yaml of lockfileVersion 9.0, engines.pnpm, which pnpm refuses a mismatch of, says the line too, later ones included', () => {
      const plan = (engines: object, lock = "'9.0'", extra: object = {}) =>
        autoPrepare({ packageJson: pkg({ ...library, engines, ...extra }), lockfiles: { 'pnpm-lock.yaml': PNPM_LOCK(lock) } });
      const install = (pnpm: string) => [['npx', '-y', `pnpm@${pnpm}`, 'install', '--frozen-lockfile', '--ignore-scripts']];
      expect(plan({ node: '>=20', pnpm: '>=10' })).toMatchObject({
        commands: install(PNPM[10]),
        reasons: [
          `auto: pnpm ${PNPM[10]}: pnpm-lock.yaml lockfileVersion 9.0, which pnpm 9 and later write, and engines.pnpm >=10`,
          expect.any(String),
          expect.any(String),
        ],
      });
      // pnpm 12 installs a lockfile without its record beside engines.pnpm (not beside devEngines): the range itself, through npx.
      expect(plan({ pnpm: '>=12' })).toMatchObject({ commands: install('>=12') });
      for (const [engines, lock, pnpm] of [
        [{ pnpm: '^9.0.0' }, "'9.0'", PNPM[9]],
        [{ node: '>=18' }, "'9.0'", PNPM[9]],
        [{ pnpm: 'not a range' }, "'9.0'", PNPM[9]],
        [{ pnpm: '>=8' }, "'6.0'", PNPM[8]],
      ] as const)
        expect(plan(engines, lock)).toMatchObject({ commands: install(pnpm) });
      // devEngines says first.
      expect(plan({ pnpm: '>=12' }, "'9.0'", { devEngines: { packageManager: { name: 'pnpm', version: '^10.0.0' } } })).toMatchObject({
        commands: install(PNPM[10]),
      });
    });

    it('the packageManager field wins over devEngines', () => {
      const plan = autoPrepare({
        packageJson: pkg({ ...library, packageManager: 'pnpm@10.2.0', devEngines: { packageManager: { name: 'pnpm', version: '^10' } } }),
        lockfiles: {},
      });
      expect(plan).toMatchObject({ commands: [['npx', '-y', 'pnpm@10.2.0', 'install', '--no-frozen-lockfile', '--ignore-scripts', '--prod']] });
    });

    it('a tool Seamline does not run is left to npm, which judges it; a version that is no semver range is a problem', () => {
      expect(autoPrepare({ packageJson: devEngines({ name: 'vlt', onFail: 'warn' }), lockfiles: {} })).toMatchObject({
        commands: [['npm', 'install', '--ignore-scripts', '--no-audit', '--no-fund', '--omit=dev']],
        reasons: ['auto: npm (the npm on PATH): no lockfile', expect.any(String), expect.any(String)],
      });
      expect(autoPrepare({ packageJson: devEngines({ name: 'pnpm', version: 'latest' }), lockfiles: {} })).toEqual({
        problem:
          'auto: package.json devEngines.packageManager {"name":"pnpm","version":"latest"}: expected a semver version or range; set packageManager in package.json or give this era its own prepare variant',
        reasons: [],
      });
    });
  });

  it('a commit auto cannot read is a problem of that commit, said in one line', () => {
    expect(autoPrepare({ packageJson: '{ "name": ', lockfiles: {} })).toMatchObject({
      problem: expect.stringMatching(/^auto: package\.json is not a JSON object/),
    });
    expect(autoPrepare({ packageJson: pkg({ packageManager: 'deno@2.5.0' }), lockfiles: {} })).toMatchObject({
      problem: 'auto: package.json packageManager "deno@2.5.0": expected npm@<version>, pnpm@<version>, yarn@<version> or bun@<version>',
    });
    expect(autoPrepare({ packageJson: pkg(), lockfiles: { 'bun.lock': '{ "lockfileVersion": 3 }' } })).toMatchObject({
      problem: expect.stringContaining('auto: bun.lock lockfileVersion 3: no known bun release reads it; set packageManager'),
    });
    expect(autoPrepare({ packageJson: pkg(), lockfiles: { 'pnpm-lock.yaml': 'lockfileVersion: 4.0\n' } })).toMatchObject({
      problem: expect.stringContaining('pnpm-lock.yaml lockfileVersion 4.0: no known pnpm release reads it'),
    });
  });

  it('pins exact pnpm and bun releases', () => {
    for (const version of [...Object.values(PNPM), ...Object.values(BUN)]) expect(version).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
