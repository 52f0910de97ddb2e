import { npmRefusesDevEngine } from './npm-dev-engines';

const node24 = { name: 'node', version: '24.21.0' };

describe('npmRefusesDevEngine: when npm refuses to run beside devEngines (EBADDEVENGINES)', () => {
  it.each<[string, unknown, string | undefined]>([
    ['a range the running Node is not in', { runtime: { name: 'node', version: '^18.0.0' } }, 'node ^18.0.0'],
    ['onFail download counts as error', { runtime: { name: 'node', version: '20.x', onFail: 'download' } }, 'node 20.x'],
    ['an exact version that is another', { runtime: { name: 'node', version: '22.12.0' } }, 'node 22.12.0'],
    ['another runtime', { runtime: { name: 'bun' } }, 'bun'],
    [
      'a list none of which matches',
      {
        runtime: [
          { name: 'node', version: '^20' },
          { name: 'node', version: '^22' },
        ],
      },
      'node ^20 or node ^22',
    ],
  ])('refuses: %s', (_what, devEngines, said) => {
    expect(npmRefusesDevEngine(devEngines, 'runtime', node24)).toBe(said);
  });

  it.each<[string, unknown]>([
    ['a range the running Node is in', { runtime: { name: 'node', version: '>=22' } }],
    ['no version', { runtime: { name: 'node' } }],
    [
      'a list one of which matches',
      {
        runtime: [
          { name: 'node', version: '^22' },
          { name: 'node', version: '^24' },
        ],
      },
    ],
    ['onFail warn', { runtime: { name: 'node', version: '^18.0.0', onFail: 'warn' } }],
    [
      'the last entry says ignore',
      {
        runtime: [
          { name: 'node', version: '^18' },
          { name: 'node', version: '^20', onFail: 'ignore' },
        ],
      },
    ],
    ['no runtime at all', { packageManager: { name: 'pnpm' } }],
    ['an empty list', { runtime: [] }],
    ['a shape npm itself stops on (unknown property)', { runtime: { name: 'node', version: '^18', url: 'x' } }],
    ['no devEngines', undefined],
  ])('runs: %s', (_what, devEngines) => {
    expect(npmRefusesDevEngine(devEngines, 'runtime', node24)).toBeUndefined();
  });

  it('reads packageManager the same way', () => {
    expect(npmRefusesDevEngine({ packageManager: { name: 'npm', version: '^10.0.0' } }, 'packageManager', { name: 'npm', version: '11.19.1' })).toBe(
      'npm ^10.0.0',
    );
    expect(npmRefusesDevEngine({ packageManager: { name: 'npm', version: '^11.0.0' } }, 'packageManager', { name: 'npm', version: '11.19.1' })).toBeUndefined();
  });
});
