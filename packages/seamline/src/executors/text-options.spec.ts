import type { ExecutorContext } from '@nx/devkit';
import { textOptions, typedText } from './text-options';

/** The context Nx hands an executor: the task graph keeps the command line as typed. */
function contextOf(unparsed: string[] | undefined): ExecutorContext {
  const task = (project: string, overrides: object) => ({ id: `${project}:known-good`, target: { project, target: 'known-good' }, overrides });
  return {
    root: '/ws',
    cwd: '/ws',
    isVerbose: false,
    projectName: 'integration',
    targetName: 'known-good',
    taskGraph: {
      roots: [],
      dependencies: {},
      tasks: {
        // Another project's task with the same target name must not be read.
        'other:known-good': task('other', { __overrides_unparsed__: ['--head=999999999999'] }),
        'integration:known-good': task('integration', unparsed ? { __overrides_unparsed__: unparsed } : {}),
      },
    },
  } as unknown as ExecutorContext;
}

describe('textOptions: hex that Nx parsed as a number comes back as typed', () => {
  it('gives back digits-only hex from --name=text and from --name text', () => {
    expect(textOptions({ verify: true, head: 123456789012 }, contextOf(['--verify', '--head=123456789012']), ['head'])).toEqual({
      verify: true,
      head: '123456789012',
    });
    expect(textOptions({ head: 1234567 }, contextOf(['--head', '1234567']), ['head']).head).toBe('1234567');
  });

  it('keeps the text an exponent form would lose, and the last of repeated flags', () => {
    // yargs reads 12345e6 as 12345000000; the user meant the prefix 12345e6.
    expect(textOptions({ record: 12345000000 }, contextOf(['--record=1111111', '--record=12345e6']), ['record']).record).toBe('12345e6');
  });

  it('finds a camelCase option under its kebab-case flag', () => {
    expect(typedText(['--can-release=1234567'], 'canRelease')).toBe('1234567');
    expect(typedText(['--canRelease', '1234567'], 'canRelease')).toBe('1234567');
    expect(typedText(['--head'], 'head')).toBeUndefined();
    expect(typedText(['--header=1'], 'head')).toBeUndefined();
  });

  it('leaves text and absent options alone, and falls back to the number when the command line is not there', () => {
    expect(textOptions({ head: 'abcdef012345' }, contextOf(['--head=999']), ['head']).head).toBe('abcdef012345');
    const absent: { verify: boolean; head?: string | number } = { verify: true };
    expect(textOptions(absent, contextOf([]), ['head'])).toEqual({ verify: true });
    // From project.json options or runExecutor(): no command line to read.
    expect(textOptions({ head: 123456789012 }, contextOf(undefined), ['head']).head).toBe('123456789012');
    expect(textOptions({ head: 123456789012 }, { root: '/ws' } as ExecutorContext, ['head']).head).toBe('123456789012');
  });
});
